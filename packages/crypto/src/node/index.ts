// Entry for the `node` export condition: the portable package, with the RSA private operation of PKCS#1
// v1.5 key unwrapping done natively by node:crypto. Everything else is identical to the portable entry.
import { setCryptoProvider } from '../provider.js';
import { nodeProvider } from './provider.js';

setCryptoProvider(nodeProvider);

export * from '../index.js';
