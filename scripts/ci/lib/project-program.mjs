// The program `tsc -p <tsconfig>` would build, made with the TypeScript API, and the diagnostics of the project as a
// whole (configuration, options, globals). Callers add the per-file diagnostics they want.
import { sharedSourceFileHost } from './shared-source-files.mjs';

/**
 * `{ program, diagnostics }`; `program` is undefined when the tsconfig cannot be read (diagnostics say why).
 * Programs made with the same `sourceFiles` map share their parsed files (shared-source-files.mjs).
 */
export function projectProgram(ts, configPath, sourceFiles = new Map()) {
  const configErrors = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
  });
  if (!parsed) return { program: undefined, diagnostics: configErrors };
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    host: sharedSourceFileHost(ts, parsed.options, sourceFiles),
  });
  const diagnostics = [
    ...configErrors,
    ...parsed.errors,
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
  ];
  return { program, diagnostics };
}
