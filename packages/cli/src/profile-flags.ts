import type { ProtocolProfile } from '@etkit/crypto';
import { UsageError } from './io.js';
import { readProfileFile } from './profile-file.js';

/** parseArgs option specs for every profile option (PROTOCOL.md [choice] points). */
export const profileOptionSpecs = {
  profile: { type: 'string' },
  'key-wrap': { type: 'string' },
  'signature-hash': { type: 'string' },
  'canonical-form': { type: 'string' },
  'aes-key-alphabet': { type: 'string' },
  'tuition-field-name': { type: 'string' },
  'notification-rule': { type: 'string' },
  'unsigned-responses': { type: 'string' },
  'protocol-version': { type: 'string' },
  'callback-process': { type: 'string' },
  'serial-utc-offset': { type: 'string' },
} as const;

export const profileHelp = `Profile options (defaults of @etkit/crypto in brackets):
  --profile FILE                                            a profile file, e.g. from etkit doctor --probe --out;
                                                            the flags below override its options
  --key-wrap rsa-pkcs1-v1_5|rsa-oaep-sha256|rsa-oaep-sha1   [rsa-pkcs1-v1_5]
  --signature-hash SHA-256|SHA-1                            [SHA-256]
  --canonical-form keep-empty|drop-empty                    [keep-empty]
  --aes-key-alphabet alphanumeric|random-bytes              [alphanumeric]
  --tuition-field-name tuituon|tuition                      [tuituon]
  --notification-rule v2|v1                                 [v2]
  --unsigned-responses reject|accept-errors-unverified      [accept-errors-unverified]
  --protocol-version TEXT                                   [2.0.0]
  --callback-process 0|1                                    [0]
  --serial-utc-offset MINUTES                               [480]`;

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** Profile overrides from parsed flags; only the flags given. */
export function profileFromFlags(values: Record<string, unknown>): Partial<ProtocolProfile> {
  const text = (flag: string) => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  const profile: Partial<ProtocolProfile> = {};
  const keyWrap = oneOf('key-wrap', text('key-wrap'), ['rsa-pkcs1-v1_5', 'rsa-oaep-sha256', 'rsa-oaep-sha1'] as const);
  if (keyWrap) profile.keyWrap = keyWrap;
  const signatureHash = oneOf('signature-hash', text('signature-hash'), ['SHA-256', 'SHA-1'] as const);
  if (signatureHash) profile.signatureHash = signatureHash;
  const canonicalForm = oneOf('canonical-form', text('canonical-form'), ['keep-empty', 'drop-empty'] as const);
  if (canonicalForm) profile.canonicalForm = canonicalForm;
  const alphabet = oneOf('aes-key-alphabet', text('aes-key-alphabet'), ['alphanumeric', 'random-bytes'] as const);
  if (alphabet) profile.aesKeyAlphabet = alphabet;
  const tuition = oneOf('tuition-field-name', text('tuition-field-name'), ['tuituon', 'tuition'] as const);
  if (tuition) profile.tuitionFieldName = tuition;
  const rule = oneOf('notification-rule', text('notification-rule'), ['v2', 'v1'] as const);
  if (rule) profile.notificationRule = rule;
  const unsigned = oneOf('unsigned-responses', text('unsigned-responses'), [
    'reject',
    'accept-errors-unverified',
  ] as const);
  if (unsigned) profile.unsignedResponses = unsigned;
  const version = text('protocol-version');
  if (version !== undefined) profile.version = version;
  const callback = oneOf('callback-process', text('callback-process'), ['0', '1'] as const);
  if (callback) profile.callbackProcess = callback === '1' ? 1 : 0;
  const offset = text('serial-utc-offset');
  if (offset !== undefined) {
    if (!/^-?\d{1,4}$/.test(offset)) throw new UsageError('--serial-utc-offset must be whole minutes');
    profile.serialNumberUtcOffsetMinutes = Number(offset);
  }
  return profile;
}

/** `--profile FILE` (if given) with the flags given on top: an explicit flag wins over the file. */
export async function profileFromFileAndFlags(values: Record<string, unknown>): Promise<Partial<ProtocolProfile>> {
  const file = typeof values.profile === 'string' ? await readProfileFile(values.profile) : {};
  return { ...file, ...profileFromFlags(values) };
}
