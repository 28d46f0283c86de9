// Bundled into dist by the build, so the binary reports the version it was published as.
import packageJson from '../package.json' with { type: 'json' };

/** The version of @etkit/cli this binary belongs to. */
export const cliVersion: string = packageJson.version;
