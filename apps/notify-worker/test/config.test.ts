import { describe, expect, it } from 'vitest';
import { readWorkerConfig } from '../src/config.ts';

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
