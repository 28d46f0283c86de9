import { createSandbox, type Sandbox, type SandboxOptions } from '@etkit/sandbox';

/** A sandbox for tests: 1024-bit keys (fast to generate), silent, in memory unless a dataDir is given. */
export function testSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return createSandbox({ keyBits: 1024, log: () => {}, ...options });
}

/** A controllable base clock. */
export function manualTimeSource(start = Date.UTC(2026, 10, 28, 2, 0, 0)) {
  let now = start;
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms;
    },
  };
}

export const sampleOrder = {
  merchant_order_id: 'M-1001',
  merchant_user_key: 'user-42',
  country_code: 'GBR',
  currency_code: 'GBP',
  institution_name: 'Queen\'s <b>Hall</b> & "Co"',
  tuituon: '10000.00',
  merchant_service_fee: '130.50',
  pay_currency_code: 'RMB',
  name_ch: '测试',
  student_email: 'student@example.test',
  fee_type_list: [{ fee_type: 7, fee_type_desc: '房租' }],
};
