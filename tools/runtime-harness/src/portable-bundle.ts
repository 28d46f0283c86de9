import { builtinModules } from 'node:module';
import { type BuildOptions, build, type Plugin } from 'esbuild';

// Any Node built-in in the graph fails the bundle, naming the file that imports it: that is the portability
// check (portable packages must run where there is no Node, and Workers without the nodejs_compat flag).
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const refuseNodeBuiltins: Plugin = {
  name: 'refuse-node-builtins',
  setup(context) {
    const filter = new RegExp(`^(node:.*|${builtinModules.map(escapeRegExp).join('|')})$`);
    context.onResolve({ filter }, (args) => ({
      errors: [{ text: `${args.importer} imports ${args.path}, which this platform does not have` }],
    }));
  },
};

/**
 * Bundles `entry` into one ES module for a platform without Node (a browser, a Worker), resolving workspace
 * packages to their TypeScript sources through the `@etkit/source` condition, then `extraConditions`.
 */
export async function bundlePortable(entry: string, extraConditions: readonly string[]): Promise<string> {
  const options: BuildOptions = {
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions: ['@etkit/source', ...extraConditions],
    plugins: [refuseNodeBuiltins],
    logLevel: 'silent',
  };
  const result = await build(options);
  return result.outputFiles![0]!.text;
}
