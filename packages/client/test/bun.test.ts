import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runtimeBinary } from '@etkit/runtime-harness/runtimes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeEt, startFakeEt } from './helpers/fake-et.js';

// The same client core, unchanged, on a non-Node runtime: Bun runs the TypeScript sources directly
// (`--conditions @etkit/source` resolves sibling packages to their sources too) with the fetch transport.
// The pinned Bun, installed into .cache/runtimes on first use (not a workspace dependency).
const bun = await runtimeBinary('bun');

describe('on Bun', () => {
  let et: FakeEt;
  beforeAll(async () => {
    et = await startFakeEt();
    et.setHandler((request) => {
      if (request.serverType === 'add_special_rent_order') return { kind: 'sealed', data: [{ order_id: 'ETBUN0001' }] };
      if ((request.data as { order_id?: string }).order_id === 'PAID') {
        return { kind: 'sealed', statusCode: '200003', message: 'order is not waiting for payment' };
      }
      return { kind: 'sealed', data: [{ pay_url: 'https://pay.example.test/p/ETBUN0001' }] };
    });
  });
  afterAll(() => et.close());

  it('creates an order, reads its payment URL and types a business error', async () => {
    const script = fileURLToPath(new URL('./fixtures/bun-smoke.ts', import.meta.url));
    const { code, stdout, stderr } = await run(bun, ['--conditions', '@etkit/source', script, et.url]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const observed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
    expect(observed).toEqual({
      entry: 'portable',
      runtime: expect.stringMatching(/^bun \d+\.\d+/),
      orderId: 'ETBUN0001',
      payUrl: 'https://pay.example.test/p/ETBUN0001',
      failure: { code: 'API_ERROR', statusCode: '200003' },
    });
    // what Bun sent was sealed correctly: the fake ET verified and decrypted it
    expect(et.received[0]?.sensitive).toEqual({ merchant_order_id: 'BUN-1', name_ch: '测试', tuituon: '10000.00' });
  }, 60_000);
});

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: fileURLToPath(new URL('..', import.meta.url)) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
