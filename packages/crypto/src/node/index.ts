// Entry for the `node` export condition: the portable package, with the RSA private operation of PKCS#1
// v1.5 key unwrapping done natively by node:crypto. Everything else is identical to the portable entry.
import { setRsaProvider } from '../rsa/provider.js';
import { nodeRsaProvider } from './rsa-provider.js';

setRsaProvider(nodeRsaProvider);

export * from '../index.js';
