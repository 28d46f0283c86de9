import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { WireFields } from './body/wire-fields.js';

/**
 * `kind:order_id:digest`, where digest is the first 128 bits (hex) of SHA-256 over the canonical content: every
 * field except `sign`, sorted by name, `name=value` joined by `&`, wire text, no salt.
 *
 * - A resend carries the same fields, so it gets the same key, whichever salt signed it (a salt rotation
 *   between two deliveries changes `sign` but not the key), whatever the body encoding or field order.
 * - A different event differs in at least one field (status, time, amount, result…), so its key differs.
 * `sign` is left out on purpose: keyed on the content, not on who signed it.
 */
export function idempotencyKeyOf(kind: string, fields: WireFields): string {
  return `${kind}:${fields['order_id'] ?? ''}:${contentDigestOf(fields)}`;
}

/**
 * The key of an AMBIGUOUS notification: `ambiguous::digest`. No order id, since which order it names is what is
 * in doubt; the digest covers the sorted `name=value&…` string, which every cut of one v2 signed string shares,
 * so ET's resends and an attacker's re-cuts of it land under one key.
 */
export function ambiguousKeyOf(fields: WireFields): string {
  return `ambiguous::${contentDigestOf(fields)}`;
}

function contentDigestOf(fields: WireFields): string {
  return bytesToHex(sha256(utf8Bytes(canonicalContent(fields))).subarray(0, 16));
}

const utf8 = new TextEncoder();
/** Reused for every key: hashing reads it at once and keeps nothing, and nothing runs between. */
const scratch = new Uint8Array(4096);

/**
 * The text's UTF-8 bytes, written into the shared scratch buffer when they fit (a real notification's always
 * do): TextEncoder#encode allocates a new buffer from native code on each call, which at this size costs about
 * ten times the encoding. Longer text gets its own buffer. Valid only until the next call.
 */
export function utf8Bytes(text: string): Uint8Array {
  const { read, written } = utf8.encodeInto(text, scratch);
  return read === text.length ? scratch.subarray(0, written) : utf8.encode(text);
}

/** Any fixed order makes a stable key; this one need not match the signing rule's (it is never signed). */
function canonicalContent(fields: WireFields): string {
  const names = Object.keys(fields).sort();
  let text = '';
  for (const name of names) {
    if (name === 'sign') continue;
    text += `${text === '' ? '' : '&'}${name}=${fields[name]}`;
  }
  return text;
}
