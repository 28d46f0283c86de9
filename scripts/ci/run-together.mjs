#!/usr/bin/env node
// Runs independent steps of the test command side by side, two at a time, in the order given (put the longest
// first), instead of one after another: each step alone leaves a core idle part of the time (npm installs, a
// single-threaded TypeScript program). Each step's output is held back and printed whole when it ends, so two
// steps never interleave their lines. Exits 1 if any step failed, after all have run, naming the failed ones.
//
//   node scripts/ci/run-together.mjs 'node a.mjs' 'node b.mjs --flag' …
import { spawn } from 'node:child_process';

const LIMIT = 2;
const steps = process.argv.slice(2);
if (steps.length === 0) {
  console.error('usage: node scripts/ci/run-together.mjs <command> [<command> …]');
  process.exit(2);
}

/** Runs one command line through the shell; resolves to its exit code, its output printed once it ends. */
function runStep(command) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.once('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.once('close', (code, signal) => {
      const exitCode = code ?? (signal ? 1 : 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n== ${command} (${exitCode === 0 ? 'ok' : `exit ${code ?? signal}`}, ${seconds} s)\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(exitCode);
    });
  });
}

const codes = new Array(steps.length);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(LIMIT, steps.length) }, async () => {
    while (next < steps.length) {
      const index = next++;
      codes[index] = await runStep(steps[index]);
    }
  }),
);
const failed = steps.filter((_, index) => codes[index] !== 0);
if (failed.length > 0) {
  console.error(`\nFailed: ${failed.join('; ')}`);
  process.exitCode = 1;
}
