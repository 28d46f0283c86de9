import type { Options } from 'tsup';

/**
 * The declaration build of every package.
 * - Its sibling packages are read from their built declarations, not from their TypeScript source (the base
 *   tsconfig's `@etkit/source` condition, which tests and type checks use): the build no longer parses and checks
 *   every sibling's source again (cli's declarations 9.7 → 5.4 CPU-s).
 * - `noCheck`: declarations are emitted without a full type check of the package (all seven builds 39 → 31 CPU-s);
 *   type errors are `pnpm typecheck`'s to report, which the test command runs over every project.
 * The declarations emitted are byte-identical either way. Turbo builds a package's dependencies first (`^build`).
 */
export const declarations: Options['dts'] = { compilerOptions: { customConditions: [], noCheck: true } };
