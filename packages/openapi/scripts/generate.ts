// Generates every artefact derived from openapi.yaml (listed in scripts/artefacts.ts). Both modes first lint
// openapi.yaml (Redocly, `recommended` rules) and stop on any problem.
//   tsx scripts/generate.ts          write the files
//   tsx scripts/generate.ts --check  render in memory and fail when a committed file is stale
//   --package-dir <dir>              run on another copy of the package
import { generateCommand } from './generate-command.js';

process.exitCode = await generateCommand(process.argv.slice(2));
