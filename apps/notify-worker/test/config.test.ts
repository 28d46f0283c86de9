import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readListenAddress, readWorkerConfig } from '../src/config.ts';

describe('SINK_TOKEN travels only over TLS (or to this machine)', () => {
  for (const url of ['http://sink.example.com/et', 'http://10.0.0.7:8080/et', 'http://127.evil.example/et']) {
    it(`refuses a token with ${url}, without echoing the token`, () => {
      let message = '';
      try {
        readWorkerConfig({ ET_NOTIFY_SALT: 's', SINK_URL: url, SINK_TOKEN: 'secret-token-123' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('SINK_TOKEN');
      expect(message).not.toContain('secret-token-123');
    });
  }
  for (const url of [
    'https://sink.example.com/et',
    'http://127.0.0.1:9000/et',
    'http://localhost:9000/et',
    'http://[::1]:9000/et',
  ]) {
    it(`accepts a token with ${url}`, () => {
      const config = readWorkerConfig({ ET_NOTIFY_SALT: 's', SINK_URL: url, SINK_TOKEN: 't' });
      expect(config.sink).toMatchObject({ kind: 'http', url, token: 't' });
    });
  }
  it('plain http without a token stays allowed (a sink on a private network)', () => {
    expect(readWorkerConfig({ ET_NOTIFY_SALT: 's', SINK_URL: 'http://10.0.0.7:8080/et' }).sink.kind).toBe('http');
  });
});

describe('PORT and HOST of the Node and Bun entries', () => {
  it('defaults to 127.0.0.1:8787', () => {
    expect(readListenAddress({})).toEqual({ port: 8787, host: '127.0.0.1' });
    expect(readListenAddress({ PORT: '0', HOST: '::1' })).toEqual({ port: 0, host: '::1' });
  });
  it('treats an empty PORT as unset (8787), not as 0, a random port', () => {
    expect(readListenAddress({ PORT: '', HOST: ' ' })).toEqual({ port: 8787, host: '127.0.0.1' });
  });
  for (const port of ['abc', '-1', '65536', '80.5', '1e3', '0x50']) {
    it(`refuses PORT=${JSON.stringify(port)} (not NaN, not a silent random port)`, () => {
      expect(() => readListenAddress({ PORT: port })).toThrow(/PORT must be a whole number from 0 to 65535/);
    });
  }
  it('the Node entry exits 2 with the problem on a bad PORT, instead of a stack trace', async () => {
    const appDirectory = fileURLToPath(new URL('..', import.meta.url));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--conditions=@etkit/source', '--import', 'tsx', 'src/node.ts'],
        { cwd: appDirectory, timeout: 20_000, env: { ...process.env, PORT: 'abc', ET_NOTIFY_SALT: 's' } },
        (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT must be a whole number');
  }, 30_000);
});
