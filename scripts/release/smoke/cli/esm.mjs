import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { commands } from '@etkit/cli';

// The installed `etkit` binary runs and knows its commands.
const help = execFileSync(fileURLToPath(new URL('./node_modules/.bin/etkit', import.meta.url)), ['--help'], {
  encoding: 'utf8',
});
assert.match(help, /etkit/);
assert.ok(Object.keys(commands).length > 0 || commands.length > 0);
console.log('cli ok');
