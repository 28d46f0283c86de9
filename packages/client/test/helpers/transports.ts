import { fetchTransport, type Transport } from '../../src/index.js';
import { undiciTransport } from '../../src/index.node.js';

/** Every built-in transport; each test file runs its cases over all of them. */
export const transports: ReadonlyArray<
  readonly [name: string, make: () => Transport & { close?: () => Promise<void> }]
> = [
  ['undici', () => undiciTransport({ connections: 4 })],
  ['fetch', () => fetchTransport()],
];
