#!/usr/bin/env node
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
// Type-checks every ```ts example in the packages' READMEs against the packages' current sources, so the docs
// cannot drift from the API. Each block is written to packages/<name>/.readme-snippets/ (so `@etkit/*`,
// express and the rest resolve as they would in that package) and one TypeScript program checks them all; errors
// are reported at their README line. Only the examples' own errors: the sources they import from are the
// packages' own to report (`pnpm typecheck`), and checking them here again cost most of this script's time.
//
// Conventions in a README:
// - ```ts fragment: an excerpt (an options object with `// …` in it, say); not checked.
// - ```ts recipe=<path>: a copy of a file of another workspace package (examples/frameworks), which type-checks it
//   with its own dependencies and has a test that fails when the copy differs; not checked here.
// - <!-- snippet-context … --> right before a block: lines the example assumes (imports, `declare` of the
//   reader's own functions), prepended when checking and hidden on the rendered page.
//
//   node scripts/ci/readme-snippets.mjs
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const ts = createRequire(join(root, 'package.json'))('typescript');
const formatHost = { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => '\n' };

/** What `tsc -p tsconfig` reports, for the snippet files only (plus any error of the configuration itself). */
function snippetDiagnostics(tsconfig) {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = [...parsed.errors, ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.includes(`/${SNIPPET_DIR}/`)) continue;
    diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file));
  }
  return diagnostics;
}
const SNIPPET_DIR = '.readme-snippets';
const block =
  /(?:<!-- snippet-context\n(?<context>(?:(?!-->)[\s\S])*)-->\n)?^```ts(?<info>[^\n]*)\n(?<code>[\s\S]*?)^```/gm;

/** Where each snippet line came from: file → { readme, firstCodeLine, contextLines }. */
const origins = new Map();
let checked = 0;
let fragments = 0;
let recipes = 0;

const packageDirs = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'README.md')));

for (const dir of packageDirs) {
  const readme = join(dir, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const output = join(dir, SNIPPET_DIR);
  rmSync(output, { recursive: true, force: true });
  let index = 0;
  for (const match of text.matchAll(block)) {
    const { context = '', info, code } = match.groups;
    if (/\bfragment\b/.test(info)) {
      fragments++;
      continue;
    }
    if (/\brecipe=/.test(info)) {
      recipes++;
      continue;
    }
    const codeStart = match.index + match[0].indexOf(`\`\`\`ts${info}\n`) + `\`\`\`ts${info}\n`.length;
    const firstCodeLine = text.slice(0, codeStart).split('\n').length;
    const contextLines = context === '' ? 0 : context.split('\n').length - 1;
    mkdirSync(output, { recursive: true });
    const file = join(output, `example-${++index}.ts`);
    // `export {}` makes each example a module: top-level await works and names do not collide.
    writeFileSync(file, `${context}${code}\nexport {};\n`);
    origins.set(relative(root, file), { readme: relative(root, readme), firstCodeLine, contextLines });
    checked++;
  }
}

const tsconfig = join(root, `${SNIPPET_DIR}.tsconfig.json`);
writeFileSync(
  tsconfig,
  JSON.stringify({
    extends: './tsconfig.base.json',
    compilerOptions: { types: ['node'], noEmit: true },
    include: [`packages/*/${SNIPPET_DIR}/*.ts`],
  }),
);
const diagnostics = snippetDiagnostics(tsconfig);
rmSync(tsconfig);
for (const dir of packageDirs) rmSync(join(dir, SNIPPET_DIR), { recursive: true, force: true });

// "packages/x/.readme-snippets/example-1.ts(5,7): error …" → "packages/x/README.md:42:7: error …"
const report = ts
  .formatDiagnostics(diagnostics, formatHost)
  .replace(/^(\S+?\.ts)\((\d+),(\d+)\)/gm, (whole, file, line, column) => {
    const origin = origins.get(file);
    if (!origin) return whole;
    const readmeLine = origin.firstCodeLine + Number(line) - 1 - origin.contextLines;
    const where = Number(line) > origin.contextLines ? readmeLine : `${origin.firstCodeLine - 1} (snippet-context)`;
    return `${origin.readme}:${where}:${column}`;
  });
if (diagnostics.length > 0) {
  process.stderr.write(report);
  console.error(`README examples: type errors (${checked} checked, ${fragments} fragments not checked)`);
  process.exit(1);
}
console.log(
  `README examples: ${checked} type-check against the sources (${fragments} marked fragment, not checked; ` +
    `${recipes} recipes, checked in their own package)`,
);
