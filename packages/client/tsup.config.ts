import { defineConfig } from 'tsup';
import { declarations } from '../../tsup.shared.js';

export default defineConfig({
  // index: portable core (fetch by default); index.node: the `node` export condition (undici by default);
  // node/undici-transport: the `./undici` subpath.
  entry: ['src/index.ts', 'src/index.node.ts', 'src/node/undici-transport.ts'],
  format: ['esm', 'cjs'],
  dts: declarations,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
