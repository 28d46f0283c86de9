#!/usr/bin/env node
// Rehearses a release in a throw-away copy of the workspace manifests:
//  1. the pending changesets of the repository: prints the versions `changeset version` would produce;
//  2. a sample patch changeset for @etkit/crypto alone: asserts crypto's version and CHANGELOG change; that each
//     package depending on it (transitively) gets a patch bump with an "Updated dependencies" CHANGELOG entry when
//     the new version leaves the caret range it was released against (0.0.x), and does not move when the range
//     still admits it (0.1.x on); that the others do not move; and that packing rewrites `workspace:^` to the new
//     version's range;
//  3. `pnpm publish -r --dry-run --no-git-checks` in the copy from step 2.
// The repository itself is never modified. Exits non-zero on a wrong bump.
//
//   node scripts/release/changeset-dry-run.mjs     (run after `pnpm build` so the publish dry run sees dist/)
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, formatTable, internalDependencies, listPackages, pnpm, repoRoot, run, tail } from './lib/workspace.mjs';

const SAMPLE_PACKAGE = '@etkit/crypto';
/** The folders of pnpm-workspace.yaml: changesets needs every workspace package, private ones included. */
const workspaceGroups = ['packages', 'apps', 'tools'];
const SAMPLE_SUMMARY = 'Release rehearsal: a sample patch to check version bumps of internal dependents.';

/** Copies what changesets and pnpm need: root manifests, .changeset, and each workspace package's published files. */
function copyWorkspace({ pendingChangesets }) {
  const copy = mkdtempSync(join(tmpdir(), 'etkit-release-'));
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml']) {
    cpSync(join(repoRoot, file), join(copy, file));
  }
  mkdirSync(join(copy, '.changeset'));
  for (const file of readdirSync(join(repoRoot, '.changeset'))) {
    if (file.endsWith('.md') && file !== 'README.md' && !pendingChangesets) continue;
    cpSync(join(repoRoot, '.changeset', file), join(copy, '.changeset', file));
  }
  for (const group of workspaceGroups) {
    for (const folder of readdirSync(join(repoRoot, group))) {
      const source = join(repoRoot, group, folder);
      if (!existsSync(join(source, 'package.json'))) continue;
      const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
      const published = (manifest.files ?? []).filter((item) => !/[*?]/.test(item));
      for (const item of new Set(['package.json', 'CHANGELOG.md', 'README.md', 'LICENSE', 'dist', ...published])) {
        if (existsSync(join(source, item)))
          cpSync(join(source, item), join(copy, group, folder, item), { recursive: true });
      }
    }
  }
  // Tools (the changelog generator) resolve from the copy's root node_modules.
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  linkWorkspaceDependencies(copy);
  return copy;
}

/**
 * pnpm resolves `workspace:` ranges through each package's node_modules links (what `pnpm install` makes):
 * recreate just those links inside the copy, pointing at the copied packages.
 */
function linkWorkspaceDependencies(copy) {
  const folders = new Map();
  const manifests = [];
  for (const group of workspaceGroups) {
    for (const folder of readdirSync(join(copy, group))) {
      const manifest = JSON.parse(readFileSync(join(copy, group, folder, 'package.json'), 'utf8'));
      folders.set(manifest.name, join(copy, group, folder));
      manifests.push([join(copy, group, folder), manifest]);
    }
  }
  for (const [dir, manifest] of manifests) {
    const ranges = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
    for (const [name, range] of Object.entries(ranges)) {
      if (!String(range).startsWith('workspace:') || !folders.has(name)) continue;
      const link = join(dir, 'node_modules', ...name.split('/'));
      mkdirSync(join(link, '..'), { recursive: true });
      symlinkSync(folders.get(name), link, 'dir');
    }
  }
}

const readManifest = (copy, folder) => JSON.parse(readFileSync(join(copy, 'packages', folder, 'package.json'), 'utf8'));
const readChangelog = (copy, folder) => {
  const file = join(copy, 'packages', folder, 'CHANGELOG.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

async function changesetVersion(copy) {
  const result = await run(bin('changeset'), ['version'], { cwd: copy, env: { CI: '1' } });
  if (result.code !== 0) throw new Error(`changeset version failed:\n${tail(result.stdout + result.stderr, 30)}`);
}

/**
 * A changeset whose frontmatter is broken makes `changeset version` fail without naming the file. Biome's
 * markdown formatter turns `"pkg": patch` followed by `---` into a `## "pkg": patch` heading, so name the files.
 */
function brokenChangesets() {
  const bump = /^\s*("[^"]+"|'[^']+'|[\w@/.-]+)\s*:\s*(major|minor|patch|none)\s*$/;
  return readdirSync(join(repoRoot, '.changeset'))
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .flatMap((file) => {
      const text = readFileSync(join(repoRoot, '.changeset', file), 'utf8');
      const match = /^\s*---\r?\n([\s\S]*?)\r?\n\s*---/.exec(text);
      const lines = match ? match[1].split(/\r?\n/).filter((line) => line.trim() !== '') : [];
      if (match && lines.length > 0 && lines.every((line) => bump.test(line))) return [];
      const hint = /^#+\s*"/m.test(text) ? ' (frontmatter turned into a heading, likely by the formatter)' : '';
      return [`.changeset/${file}: invalid frontmatter${hint}`];
    });
}

const packages = listPackages();
const before = new Map(packages.map((pkg) => [pkg.folder, pkg.manifest.version]));
const failures = [];
const check = (condition, message) => {
  if (!condition) failures.push(message);
  return condition;
};
const copies = [];

const broken = brokenChangesets();

/** Step 1: the versions the repository's pending changesets would produce. */
async function pendingPlan() {
  const pendingCopy = copyWorkspace({ pendingChangesets: true });
  copies.push(pendingCopy);
  const pending = readdirSync(join(pendingCopy, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  );
  await changesetVersion(pendingCopy);
  const rows = [['package', 'now', 'after pending changesets']];
  for (const pkg of packages)
    rows.push([pkg.name, before.get(pkg.folder), readManifest(pendingCopy, pkg.folder).version]);
  console.log(`1. Pending changesets (${pending.length}): ${pending.join(', ') || 'none'}\n${formatTable(rows)}\n`);
}

try {
  if (broken.length > 0) {
    // changesets cannot read them: `changeset version` (and so a release) would fail.
    console.log(`1. Pending changesets: ${broken.length} unreadable, \`changeset version\` would fail:`);
    console.log(broken.map((line) => `  - ${line}`).join('\n'));
    console.log('   Write the frontmatter with blank lines around the bumps, which the formatter leaves alone:');
    console.log('   ---\n\n   "@etkit/crypto": patch\n\n   ---\n\n   Summary.\n');
    failures.push(...broken);
  } else {
    await pendingPlan();
  }

  // 2. A sample patch to crypto, alone.
  const copy = copyWorkspace({ pendingChangesets: false });
  copies.push(copy);
  writeFileSync(
    join(copy, '.changeset', 'release-rehearsal.md'),
    `---\n"${SAMPLE_PACKAGE}": patch\n---\n\n${SAMPLE_SUMMARY}\n`,
  );
  await changesetVersion(copy);

  const dependsOn = new Map(packages.map((pkg) => [pkg.name, internalDependencies(pkg)]));
  const dependents = new Set();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, deps] of dependsOn) {
      if (!dependents.has(name) && deps.some((dep) => dep === SAMPLE_PACKAGE || dependents.has(dep))) {
        dependents.add(name);
        grew = true;
      }
    }
  }
  const rows = [['package', 'before', 'after', 'expected', 'CHANGELOG', 'result']];
  for (const pkg of packages) {
    const after = readManifest(copy, pkg.folder).version;
    const changelog = readChangelog(copy, pkg.folder);
    // A dependent moves only when crypto's new version leaves the caret range it was released against
    // (`^0.0.x` pins the patch, `^0.1.0` admits 0.1.1): its published tarball still takes the patch otherwise.
    const inRange = caretAllows(before.get('crypto'), bumpPatch(before.get('crypto')));
    const role =
      pkg.name === SAMPLE_PACKAGE
        ? 'changed'
        : dependents.has(pkg.name) && !inRange
          ? 'dependent'
          : dependents.has(pkg.name)
            ? 'dependent, in range'
            : 'untouched';
    const moves = role === 'changed' || role === 'dependent';
    const expected = moves ? bumpPatch(before.get(pkg.folder)) : before.get(pkg.folder);
    const newVersion = after;
    let ok = check(after === expected, `${pkg.name}: version ${after}, expected ${expected} (${role})`);
    let changelogCell = changelog ? 'yes' : 'no';
    if (role === 'changed') {
      ok =
        check(
          changelog.includes(`## ${newVersion}`) && changelog.includes(SAMPLE_SUMMARY),
          `${pkg.name}: CHANGELOG lacks the sample entry`,
        ) && ok;
    } else if (role === 'dependent') {
      const entry =
        changelog.includes('Updated dependencies') &&
        changelog.includes(`${SAMPLE_PACKAGE}@${bumpPatch(before.get('crypto'))}`);
      ok =
        check(
          changelog.includes(`## ${newVersion}`) && entry,
          `${pkg.name}: CHANGELOG lacks "Updated dependencies … ${SAMPLE_PACKAGE}@…"`,
        ) && ok;
      changelogCell = entry ? 'updated deps' : 'MISSING';
    } else {
      ok = check(!changelog.includes(SAMPLE_SUMMARY), `${pkg.name}: CHANGELOG mentions a change it did not get`) && ok;
    }
    rows.push([pkg.name, before.get(pkg.folder), after, `${expected} (${role})`, changelogCell, ok ? 'ok' : 'WRONG']);
  }
  console.log(`2. Sample changeset: ${SAMPLE_PACKAGE} patch\n${formatTable(rows)}\n`);

  // What a consumer installs: pnpm rewrites `workspace:^` to a caret range of the new version when packing.
  const cryptoVersion = readManifest(copy, 'crypto').version;
  const rangeRows = [['dependent', 'in package.json', 'in the packed tarball']];
  const tarballs = mkdtempSync(join(tmpdir(), 'etkit-release-pack-'));
  copies.push(tarballs);
  for (const pkg of packages.filter((candidate) => dependents.has(candidate.name))) {
    const declared = readManifest(copy, pkg.folder).dependencies?.[SAMPLE_PACKAGE];
    const packed = await pnpm(['pack', '--json', '--pack-destination', tarballs], {
      cwd: join(copy, 'packages', pkg.folder),
    });
    let shipped = '(pack failed)';
    if (packed.code === 0) {
      const { filename } = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('{')));
      const manifest = await run('tar', ['-xOzf', filename, 'package/package.json']);
      shipped = JSON.parse(manifest.stdout).dependencies?.[SAMPLE_PACKAGE] ?? '(none)';
    } else {
      failures.push(`${pkg.name}: pnpm pack failed: ${tail(packed.stdout + packed.stderr, 5)}`);
    }
    check(
      shipped === `^${cryptoVersion}`,
      `${pkg.name}: packed range for ${SAMPLE_PACKAGE} is ${shipped}, expected ^${cryptoVersion}`,
    );
    rangeRows.push([pkg.name, declared ?? '(none)', shipped]);
  }
  console.log(`Dependency ranges of ${SAMPLE_PACKAGE}\n${formatTable(rangeRows)}\n`);

  // 3. Publish dry run: packs every public package as `pnpm publish` would, uploads nothing.
  const publish = await pnpm(['publish', '-r', '--dry-run', '--no-git-checks'], {
    cwd: copy,
    timeoutMs: 180_000,
    env: { npm_config_registry: process.env.npm_config_registry ?? 'https://registry.npmjs.org/' },
  });
  const published = [...publish.stdout.matchAll(/\+ (@etkit\/[\w-]+@[\w.-]+)/g)].map((match) => match[1]);
  console.log(
    `3. pnpm publish -r --dry-run --no-git-checks: exit ${publish.code}; would publish ${published.join(', ') || 'nothing'}`,
  );
  if (publish.code !== 0) {
    console.log(tail(publish.stdout + publish.stderr, 20));
    failures.push(`pnpm publish --dry-run exited ${publish.code}`);
  }
} finally {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
}

function bumpPatch(version) {
  const [major, minor, patch] = version.split('.').map(Number);
  return `${major}.${minor}.${patch + 1}`;
}

if (failures.length > 0) {
  console.log(`\n✗ ${failures.length} problem(s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nRelease rehearsal passed.');
}

/** True when `^base` admits `version` (npm's caret: the left-most non-zero part is fixed). */
function caretAllows(base, version) {
  const [a, b, c] = base.split('.').map(Number);
  const [x, y, z] = version.split('.').map(Number);
  if (a !== 0) return x === a && (y > b || (y === b && z >= c));
  if (b !== 0) return x === 0 && y === b && z >= c;
  return x === 0 && y === 0 && z === c;
}
