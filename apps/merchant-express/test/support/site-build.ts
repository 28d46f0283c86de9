import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const appDirectory = fileURLToPath(new URL('../../', import.meta.url));
// Under the app's node_modules: the build's own imports of third-party packages are absolute paths, and a
// cache here is wiped with the install.
const cacheDirectory = join(appDirectory, 'node_modules', '.cache', 'etkit-site');

/**
 * A source file's `import.meta.url` is where it lives in src/, not where the build is written: the site finds
 * its public/ folder, its migrations and PGlite's initdb script from it.
 */
const keepSourceUrls: Plugin = {
  name: 'keep-source-urls',
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

/**
 * The etkit packages are compiled in from their TypeScript source (as `--conditions=@etkit/source` under tsx
 * loads them); every other package stays a separate import of the very file Node would load.
 */
const thirdPartyAsIs: Plugin = {
  name: 'third-party-as-is',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@etkit/') || args.path.startsWith('node:') || args.pluginData === 'as-is') return;
      const found = await context.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'as-is',
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.external ? args.path : found.path, external: true };
    });
  },
};

/** What is compiled: the site's entry, and the database module a test process opens the site's database with. */
const entries = { main: 'src/main.ts', 'db-postgres': 'src/db/postgres.ts' } as const;

let built: Promise<string> | undefined;

/**
 * `src/main.ts` — what `pnpm start` runs under tsx — compiled once to plain JavaScript, so a test starts the site
 * as `node main.mjs`: the same code without tsx's loader thread, which costs a site process about three times
 * the CPU at start-up (1.5–2 s against 0.5 s).
 */
export async function builtSiteEntry(): Promise<string> {
  return join(await builtSite(), 'main.mjs');
}

/** `src/db/postgres.ts`, compiled with the site, for a test's own process on the site's database. */
export async function builtPostgresModule(): Promise<string> {
  return join(await builtSite(), 'db-postgres.mjs');
}

/** Builds of earlier sources, left an hour ago or more (no test run still starts them). */
function removeOldBuilds(current: string): void {
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of readdirSync(cacheDirectory)) {
    const path = join(cacheDirectory, name);
    try {
      if (path !== current && statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by a test file running alongside.
    }
  }
}

/**
 * The directory of the compiled entries, built once per test file from the sources; written under a hash of its
 * output, so files run side by side share one copy and a changed source never meets a stale one.
 */
function builtSite(): Promise<string> {
  built ??= (async () => {
    const result = await build({
      entryPoints: Object.fromEntries(
        Object.entries(entries).map(([name, source]) => [name, join(appDirectory, source)]),
      ),
      bundle: true,
      // Lazy imports stay lazy (the PostgreSQL or PGlite driver, whichever the site is configured for).
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outdir: join(cacheDirectory, 'out'),
      outExtension: { '.js': '.mjs' },
      conditions: ['@etkit/source'],
      plugins: [keepSourceUrls, thirdPartyAsIs],
      write: false,
      logLevel: 'silent',
    });
    const hash = createHash('sha256');
    for (const file of result.outputFiles) hash.update(basename(file.path)).update(file.contents);
    const directory = join(cacheDirectory, hash.digest('hex').slice(0, 16));
    if (!existsSync(join(directory, 'main.mjs'))) {
      mkdirSync(cacheDirectory, { recursive: true });
      // Written aside and renamed into place: a test running alongside never starts a half-written build.
      const staging = mkdtempSync(`${directory}.writing-`);
      for (const file of result.outputFiles) writeFileSync(join(staging, basename(file.path)), file.contents);
      try {
        renameSync(staging, directory);
      } catch {
        // Another test file wrote the same build first.
        rmSync(staging, { recursive: true, force: true });
      }
      removeOldBuilds(directory);
    }
    return directory;
  })();
  return built;
}
