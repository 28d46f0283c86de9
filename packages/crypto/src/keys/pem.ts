import { base64Decode, base64Encode, utf8Decode } from '../bytes.js';
import { EtkitCryptoError } from '../errors.js';

/** Labels a PEM key block may carry; the DER inside decides what the key really is. */
export type PemLabel = 'PUBLIC KEY' | 'RSA PUBLIC KEY' | 'PRIVATE KEY' | 'RSA PRIVATE KEY';

export interface KeyBytes {
  der: Uint8Array;
  /** The PEM label, when the input was PEM. */
  label?: PemLabel;
}

const KNOWN_LABELS: readonly string[] = ['PUBLIC KEY', 'RSA PUBLIC KEY', 'PRIVATE KEY', 'RSA PRIVATE KEY'];
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/;

/**
 * Turns key input into DER: PEM text (the first key block), bare base64 DER, DER bytes, or the UTF-8 bytes
 * of PEM text. Errors say what was wrong in general terms and never quote the material.
 */
export function keyInputToDer(input: string | Uint8Array): KeyBytes {
  if (input instanceof Uint8Array) {
    // UTF-8 PEM read from a file as bytes starts with "-----".
    if (input[0] === 0x2d) return keyInputToDer(utf8Decode(input));
    return { der: input };
  }
  if (typeof input !== 'string') throw keyInvalid('Key must be PEM text, base64 DER, DER bytes or an imported key');
  const text = input.trim();
  if (text.startsWith('-----BEGIN ')) return pemToDer(text);
  if (text.includes('-----')) throw keyInvalid('Key text looks like damaged PEM');
  try {
    // A copy of its own: a key lives as long as the process, and a runtime's decoder may hand back a view into a
    // shared pool (Node's Buffer) whose other bytes a key's `.buffer` should not keep reachable.
    return { der: base64Decode(text).slice() };
  } catch {
    throw keyInvalid('Key text is neither PEM nor base64 DER');
  }
}

function pemToDer(text: string): KeyBytes {
  const match = PEM_BLOCK.exec(text);
  if (!match) throw keyInvalid('PEM key has no matching END line');
  const [, begin, body, end] = match as unknown as [string, string, string, string];
  if (begin !== end) throw keyInvalid('PEM BEGIN and END labels differ');
  if (begin === 'ENCRYPTED PRIVATE KEY' || body.includes('Proc-Type:') || body.includes('DEK-Info:')) {
    throw keyInvalid('Encrypted private keys are not supported: decrypt the key first (openssl pkey)');
  }
  if (begin === 'CERTIFICATE') {
    throw keyInvalid('An X.509 certificate is not a key: extract its public key (openssl x509 -pubkey -noout)');
  }
  if (!KNOWN_LABELS.includes(begin)) throw keyInvalid('PEM block is not an RSA key');
  try {
    return { der: base64Decode(body).slice(), label: begin as PemLabel };
  } catch {
    throw keyInvalid('PEM key body is not valid base64');
  }
}

/** PEM armour with 64-character lines. */
export function derToPem(der: Uint8Array, label: PemLabel): string {
  const body = base64Encode(der).replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

export function keyInvalid(message: string): EtkitCryptoError {
  return new EtkitCryptoError('KEY_INVALID', message);
}
