// scripts/ci/run-together.mjs runs check:release's steps side by side: every step runs even when one fails, the
// exit code says whether all passed, and each step's output comes out whole, never interleaved with another's.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../ci/run-together.mjs', import.meta.url));

function together(...commands: string[]) {
  const result = spawnSync(process.execPath, [script, ...commands], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A step that prints `lines` numbered lines with a pause between them (so two such steps overlap in time). */
const chatty = (name: string, lines: number) =>
  `node -e "let i=0;const t=setInterval(()=>{console.log('${name} '+i++);if(i===${lines})clearInterval(t)},20)"`;

describe('scripts/ci/run-together.mjs', () => {
  it('prints each step whole under its own header, and exits 0 when all pass', () => {
    const { code, stdout } = together(chatty('a', 5), chatty('b', 5));
    expect(code).toBe(0);
    const blocks = stdout.split('\n== ').slice(1);
    expect(blocks).toHaveLength(2);
    for (const name of ['a', 'b']) {
      const block = blocks.find((text) => text.includes(`'${name} '`))!;
      expect(block.split('\n')[0]).toMatch(/\(ok, \d+\.\d s\)$/);
      expect(block.split('\n').slice(1, 6)).toEqual([0, 1, 2, 3, 4].map((i) => `${name} ${i}`));
    }
  });

  it('runs every step even after one fails, then exits 1 naming the failed one', () => {
    const { code, stdout, stderr } = together('node -e "process.exit(3)"', 'node -e "console.log(42)"');
    expect(code).toBe(1);
    expect(stdout).toContain('(exit 3,');
    expect(stdout).toMatch(/\(ok, [\d.]+ s\)\n42\n/);
    expect(stderr).toContain('Failed: node -e "process.exit(3)"');
  });

  it('refuses to run nothing', () => {
    expect(together().code).toBe(2);
  });
});
