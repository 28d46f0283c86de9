// A walk through the @etkit/crypto envelope, both directions, with fresh keys:
//   merchant seals a create-order request → ET opens it → ET seals an encrypted response → merchant opens it.
// Run from the repository root: `npx tsx scripts/demo-envelope.ts` (uses the built package; or add
// `--conditions=@etkit/source` via `node --conditions=@etkit/source --import tsx scripts/demo-envelope.ts`).
// Personal data is redacted in every line printed, and keys and ciphertexts appear only as length + fingerprint.
import { createHash } from 'node:crypto';
import {
  defaultProfile,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  isEtkitCryptoError,
  openRequest,
  openResponse,
  sealRequest,
  sealResponse,
} from '@etkit/crypto';
import { readSpecJson } from '@etkit/spec';

const vectors = readSpecJson<{
  create_order_plaintext: { sensitive: Record<string, unknown> };
}>('vectors.json');

// ---- redaction: keep a hint, never the value ----

const PERSONAL_FIELDS: Record<string, (value: string) => string> = {
  name_ch: (v) => keepEnds(v, 1, 0),
  first_name_en: (v) => keepEnds(v, 1, 0),
  middle_name_en: (v) => keepEnds(v, 1, 0),
  last_name_en: (v) => keepEnds(v, 1, 0),
  student_id_number: (v) => keepEnds(v, 3, 2),
  student_mobile: (v) => keepEnds(v, 3, 2),
  student_email: (v) => {
    const at = v.lastIndexOf('@');
    return at > 0 ? `${keepEnds(v.slice(0, at), 1, 0)}${v.slice(at)}` : keepEnds(v, 1, 0);
  },
  student_address: (v) => keepEnds(v, 2, 0),
  apartment_name: (v) => keepEnds(v, 2, 0),
  merchant_user_key: (v) => keepEnds(v, 4, 0),
  wechat_number: (v) => keepEnds(v, 2, 0),
};

function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return (
    chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('')
  );
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => {
      const mask = PERSONAL_FIELDS[name];
      return [name, mask && typeof field === 'string' ? mask(field) : redact(field)];
    }),
  );
}

/** Length and a short SHA-256 fingerprint: enough to tell values apart, nothing to recover them from. */
function fingerprint(text: string): string {
  return `${text.length} chars, sha256:${createHash('sha256').update(text).digest('hex').slice(0, 12)}`;
}

function summarise(envelope: Record<string, unknown>): Record<string, unknown> {
  const secret = new Set(['sensitive_data', 'aeskey', 'sign']);
  return Object.fromEntries(
    Object.entries(envelope).map(([name, value]) => [
      name,
      secret.has(name) && typeof value === 'string' && value !== '' ? `<${fingerprint(value)}>` : value,
    ]),
  );
}

function step(title: string, detail?: unknown): void {
  console.log(`\n== ${title}`);
  if (detail !== undefined) console.log(JSON.stringify(detail, null, 2));
}

// ---- 1. keys ----

const merchantPair = await generateKeyPair(2048);
const etPair = await generateKeyPair(1024); // the provider's own sample uses 1024-bit blocks (PROTOCOL.md §1)
step('1. keys generated (Web Crypto)', {
  merchant: { bits: 2048, publicKey: fingerprint(merchantPair.publicKeyPem) },
  et: { bits: 1024, publicKey: fingerprint(etPair.publicKeyPem) },
});
// Import once, reuse for every call.
const merchantPrivateKey = await importPrivateKey(merchantPair.privateKeyPem);
const merchantPublicKey = await importPublicKey(merchantPair.publicKeyPem);
const etPrivateKey = await importPrivateKey(etPair.privateKeyPem);
const etPublicKey = await importPublicKey(etPair.publicKeyPem);

// ---- 2. merchant seals a create-order request ----

const profile = defaultProfile;
// The provider's worked example says `tuition`; the wire name per ENDPOINTS.md is the profile's choice.
const { tuition, ...rest } = vectors.create_order_plaintext.sensitive;
const sensitive = { ...rest, [profile.tuitionFieldName]: tuition };
step(
  `2. create-order fields to encrypt (tuition sent as "${profile.tuitionFieldName}", redacted here)`,
  redact(sensitive),
);

const request = await sealRequest(
  { server_type: 'add_special_rent_order', merchant_number: 'ET82009', sub_merchant_number: 'ET82009S001' },
  { sensitive, merchantPrivateKey, etPublicKey, profile },
);
step('3. sealed request envelope (AES-128-CBC + RSA key wrap, then SHA256withRSA)', summarise({ ...request }));

// ---- 3. ET opens it ----

const requestBody = JSON.stringify(request);
const received = await openRequest(requestBody, { merchantPublicKey, etPrivateKey, profile });
step('4. ET side: signature verified, then decrypted (redacted)', {
  serial_number: received.fields.serial_number,
  server_type: received.fields.server_type,
  data: received.data,
  sensitive: redact(received.sensitive),
});

const tampered = requestBody.replace('"callback_process":0', '"callback_process":1');
try {
  await openRequest(tampered, { merchantPublicKey, etPrivateKey, profile });
  step('5. tampered request: accepted (unexpected!)');
} catch (error) {
  step('5. the same request with callback_process changed in transit', {
    rejected: isEtkitCryptoError(error) ? error.code : String(error),
  });
}

// ---- 4. ET seals an encrypted response; the merchant opens it ----

const response = await sealResponse(
  { return_info: 'demo-1' },
  {
    sensitive: [
      {
        order_id: 'ET2026112800000001',
        merchant_order_id: String(sensitive.merchant_order_id),
        order_status: 0,
        name_ch: sensitive.name_ch,
      },
    ],
    etPrivateKey,
    merchantPublicKey,
    profile,
  },
);
step('6. ET seals an encrypted response', summarise({ ...response }));

const opened = await openResponse(JSON.stringify(response), { etPublicKey, merchantPrivateKey, profile });
step('7. merchant side: verified, decrypted (redacted)', { ...opened, sensitive: redact(opened.sensitive) });
