import type { Options } from 'tsup';

/**
 * The declaration build of every package. Its sibling packages are read from their built declarations, not from
 * their TypeScript source (the base tsconfig's `@etkit/source` condition, which tests and type checks use): the
 * declarations emitted are byte-identical, and the build no longer parses and checks every sibling's source
 * again (cli's declarations 9.7 → 5.4 CPU-s). Turbo builds a package's dependencies first (`^build`).
 */
export const declarations: Options['dts'] = { compilerOptions: { customConditions: [] } };
