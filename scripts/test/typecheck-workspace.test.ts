import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkWorkspaceProject, workspaceProjects } from '../ci/typecheck-workspace.mjs';

// The suite's type check (ci/typecheck-workspace.mjs) stands in for `tsc --noEmit` in every workspace project:
// each project reports its own files' errors, the files it reads from a sibling's source are the sibling's to
// report, and together they must report what the tscs did.
const root = fileURLToPath(new URL('../..', import.meta.url));
const ts = createRequire(join(root, 'package.json'))('typescript') as typeof import('typescript');
const house = mkdtempSync(join(tmpdir(), 'etkit-typecheck-workspace-'));
afterAll(() => rmSync(house, { recursive: true, force: true }));

function write(file: string, text: string) {
  mkdirSync(dirname(join(house, file)), { recursive: true });
  writeFileSync(join(house, file), text);
}

const tsconfig = () =>
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      lib: ['es2022'],
      module: 'esnext',
      moduleResolution: 'bundler',
      types: [],
    },
    include: ['src', 'test'],
  });

// `app` reads `lib` from its TypeScript source, as the workspace's projects read their siblings.
write('lib/tsconfig.json', tsconfig());
write(
  'lib/src/index.ts',
  'export const size: number = "not a number";\nexport function twice(n: number) { return n * 2; }\n',
);
write('app/tsconfig.json', tsconfig());
write('app/src/main.ts', "import { twice } from '../../lib/src/index.js';\nexport const total: string = twice(2);\n");
write(
  'app/test/main.test.ts',
  "import { total } from '../src/main.js';\nexport const length: boolean = total.length;\n",
);

const messagesOf = (dir: string) =>
  (checkWorkspaceProject(join(house, dir)) as { file?: { fileName: string }; code: number }[]).map(
    (diagnostic) => `${diagnostic.file ? relative(house, diagnostic.file.fileName) : '-'} TS${diagnostic.code}`,
  );

// What `tsc --noEmit -p dir` reports (its pre-emit diagnostics), from a program of its own.
function tscMessages(dir: string): string[] {
  const configPath = join(house, dir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => {},
  });
  if (!parsed) throw new Error(`${configPath} could not be read`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => `${diagnostic.file ? relative(house, diagnostic.file.fileName) : '-'} TS${diagnostic.code}`);
}

describe('typecheck-workspace', () => {
  it('reports each error once, in the project that owns the file; together what tsc reports in each project', () => {
    const lib = messagesOf('lib');
    const app = messagesOf('app');
    expect(lib).toEqual(['lib/src/index.ts TS2322']);
    expect(app.sort()).toEqual(['app/src/main.ts TS2322', 'app/test/main.test.ts TS2322']);
    // tsc in app also reports lib's error (it checks the sibling's source it reads): the union is the same.
    const union = new Set([...tscMessages('lib'), ...tscMessages('app')]);
    expect([...union].sort()).toEqual([...lib, ...app].sort());
  });

  it('reports a bad tsconfig', () => {
    write('broken/tsconfig.json', JSON.stringify({ compilerOptions: { notAnOption: true }, include: ['src'] }));
    write('broken/src/index.ts', 'export const fine = 1;\n');
    expect(messagesOf('broken')).toEqual(['broken/tsconfig.json TS5023']);
  });

  it('checks every workspace project that has a typecheck script, after every package it may read is built', () => {
    const workspace = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
    const groups = [...workspace.matchAll(/^\s+-\s+([\w./-]+)\/\*\s*$/gm)].map((match) => match[1]!);
    const manifests = groups.flatMap((group) =>
      readdirSync(join(root, group), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(root, group, entry.name))
        .filter((dir) => {
          try {
            readFileSync(join(dir, 'package.json'));
            return true;
          } catch {
            return false;
          }
        })
        .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) })),
    );
    const withTypecheck = manifests.filter(({ manifest }) => manifest.scripts?.typecheck).map(({ dir }) => dir);
    expect(workspaceProjects()).toEqual(withTypecheck.sort());
    expect(withTypecheck.length).toBeGreaterThanOrEqual(12);

    // Every workspace package a checked project depends on is built first: the turbo task waits for the builds
    // it names and, through turbo's `^build`, for those of their dependencies.
    const byName = new Map(manifests.map(({ manifest }) => [manifest.name as string, manifest]));
    const workspaceDependencies = (manifest: Record<string, Record<string, string> | undefined>) =>
      Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies }).filter(
        (name) => byName.get(name)?.scripts?.build,
      );
    const needed = new Set(
      manifests
        .filter(({ manifest }) => manifest.scripts?.typecheck)
        .flatMap(({ manifest }) => workspaceDependencies(manifest)),
    );
    const turbo = JSON.parse(readFileSync(join(root, 'turbo.json'), 'utf8'));
    const built = new Set<string>();
    const visit = (name: string) => {
      if (built.has(name)) return;
      built.add(name);
      for (const dependency of workspaceDependencies(byName.get(name)!)) visit(dependency);
    };
    for (const task of turbo.tasks['//#typecheck:workspace'].dependsOn as string[]) visit(task.replace(/#build$/, ''));
    expect(needed.size).toBeGreaterThan(3);
    expect([...needed].filter((name) => !built.has(name))).toEqual([]);
  });
});
