import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processIo, UsageError } from '../src/io.js';
import { runMain } from './run-cli.js';

describe('command groups answer --help like every command', () => {
  for (const group of ['keys', 'notify', 'sandbox']) {
    it(`etkit ${group} --help prints the group's commands and exits 0`, async () => {
      for (const flag of ['--help', '-h']) {
        const result = await runMain([group, flag]);
        expect(result.code).toBe(0);
        expect(result.stdout).toContain(`etkit ${group} `);
        expect(result.stderr).toBe('');
      }
    });
    it(`etkit ${group} alone is a usage error (exit 2) that lists the group's commands`, async () => {
      const result = await runMain([group]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`etkit ${group} `);
    });
  }
});

describe('notify sign: a body it cannot read is a usage error (exit 2), as for seal', () => {
  for (const [contentType, body] of [
    ['application/json', '{"a":'],
    ['application/json', '[1,2]'],
    ['application/json', '{"a":{"nested":1}}'],
  ] as const) {
    it(`${contentType} ${body}`, async () => {
      const result = await runMain(['notify', 'sign', '--salt', 's', '--content-type', contentType], body);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
    });
  }
});

describe('stdin', () => {
  it('a terminal on stdin (no --in, nothing piped) is a usage error, not an endless wait', async () => {
    const stdin = process.stdin as { isTTY?: boolean };
    const before = Object.getOwnPropertyDescriptor(stdin, 'isTTY');
    Object.defineProperty(stdin, 'isTTY', { value: true, configurable: true });
    try {
      const outcome = await Promise.race([
        processIo.readStdin().then(
          () => 'read',
          (error: unknown) => error,
        ),
        new Promise((resolve) => setTimeout(() => resolve('waiting'), 2_000)),
      ]);
      expect(outcome).toBeInstanceOf(UsageError);
      expect((outcome as Error).message).toContain('--in');
    } finally {
      if (before) Object.defineProperty(stdin, 'isTTY', before);
      else delete stdin.isTTY;
    }
  });
});

// In this process (main, as the binary runs it): a flag that slipped through would start serving and the test would
// fail on its timeout, with the data directory written.
describe('sandbox serve checks its flags before starting', () => {
  for (const args of [
    ['--public-url', 'not a url'],
    ['--public-url', 'ftp://sandbox.example'],
    ['--time-scale', ''],
    ['--key-bits', '9999'],
    ['--key-bits', '1025'],
  ]) {
    it(`${args.join(' ')} is a usage error`, async () => {
      const data = mkdtempSync(join(tmpdir(), 'etkit-cli-serve-'));
      try {
        const result = await runMain(['sandbox', 'serve', '--port', '0', '--data', data, ...args]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(args[0]);
        // refused before anything was written
        expect(readdirSync(data)).toEqual([]);
      } finally {
        rmSync(data, { recursive: true, force: true });
      }
    });
  }
});

describe('notify sign / verify take the salt from a file, so it need not appear in argv (ps, shell history)', () => {
  const body = '{"order_id":"ET1","pay_result":1,"pay_amount":10000.00}';
  it('--salt-file gives the same signature as --salt, trailing newline ignored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'etkit-cli-salt-'));
    try {
      const saltFile = join(dir, 'salt');
      writeFileSync(saltFile, 's4lt-ET82009\n', { mode: 0o600 });
      const inline = await runMain(['notify', 'sign', '--salt', 's4lt-ET82009'], body);
      const fromFile = await runMain(['notify', 'sign', '--salt-file', saltFile], body);
      expect(fromFile.code).toBe(0);
      expect(fromFile.json()).toEqual(inline.json());
      const verified = await runMain(['notify', 'verify', '--salt-file', saltFile], inline.json().body);
      expect(verified.code).toBe(0);
      expect(verified.stdout).not.toContain('s4lt');
      expect((await runMain(['notify', 'sign', '--salt', 'x', '--salt-file', saltFile], body)).code).toBe(2);
      expect((await runMain(['notify', 'sign', '--salt-file', join(dir, 'missing')], body)).code).toBe(2);
      expect((await runMain(['notify', 'sign'], body)).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
