import { defineConfig } from 'tsup';
import { declarations } from '../../tsup.shared.js';

export default defineConfig({
  // `index` is the portable build; `index.node` (the `node` export condition) adds the node:crypto provider.
  entry: { index: 'src/index.ts', 'index.node': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: declarations,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
