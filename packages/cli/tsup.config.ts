import { defineConfig } from 'tsup';
import { declarations } from '../../tsup.shared.js';

export default defineConfig({
  entry: ['src/index.ts', 'src/bin.ts'],
  format: ['esm', 'cjs'],
  dts: declarations,
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
