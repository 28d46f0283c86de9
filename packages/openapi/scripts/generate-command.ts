// The command line of scripts/generate.ts as a function, so the tests run it in-process (exit code and messages)
// instead of paying for a process that loads Redocly and openapi-typescript on every run.
//   [--check] [--package-dir <dir>]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkArtefacts, generateArtefacts } from './artefacts.js';

type Output = Pick<Console, 'log' | 'error'>;

const ownPackageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs the command; resolves with its exit code (0 when the artefacts are written or up to date). */
export async function generateCommand(args: readonly string[], output: Output = console): Promise<number> {
  const dirFlag = args.indexOf('--package-dir');
  const packageDir = dirFlag >= 0 && args[dirFlag + 1] ? args[dirFlag + 1]! : ownPackageDir;
  const { problems, stale, written } = args.includes('--check')
    ? { ...(await checkArtefacts(packageDir)), written: [] }
    : { ...(await generateArtefacts(packageDir)), stale: [] };
  if (problems.length > 0) {
    output.error(`openapi.yaml has lint problems:\n  ${problems.join('\n  ')}`);
    return 1;
  }
  if (stale.length > 0) {
    output.error(`stale generated files (run \`pnpm generate\`): ${stale.join(', ')}`);
    return 1;
  }
  output.log(written.length > 0 ? `generated ${written.join(', ')}` : 'generated files are up to date');
  return 0;
}
