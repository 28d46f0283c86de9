// The workflow linter in the test command (scripts/ci/lint-workflows.mjs) and the two workflows it guards.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(root, 'scripts', 'test', 'fixtures', 'workflows');

async function lint(files: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(root, 'scripts', 'ci', 'lint-workflows.mjs'), ...files],
      { cwd: root },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// GitHub Actions expressions are written `${{ … }}`: spelled here as the workflow files spell them.
const expression = (inner: string) => `\${{ ${inner} }}`;

const workflow = (name: string) => parse(readFileSync(join(root, '.github', 'workflows', name), 'utf8'));

// One run over the repository's workflows and the broken fixtures together: the linter (a 9 MB WebAssembly
// module) starts once.
describe('scripts/ci/lint-workflows.mjs', () => {
  it("finds nothing in the repository's workflows and rejects the broken ones, naming each fault", async () => {
    const workflows = readdirSync(join(root, '.github', 'workflows'))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => join(root, '.github', 'workflows', name));
    expect(workflows.length).toBeGreaterThanOrEqual(2);
    const result = await lint([...workflows, join(fixtures, 'broken-ci.yml'), join(fixtures, 'broken-release.yml')]);
    expect(result.code).toBe(1);
    const findings = result.stderr.trim().split('\n');
    expect(findings).toEqual([
      expect.stringMatching(/broken-ci\.yml:5:3: unknown Webhook event "pull_requests"/),
      expect.stringMatching(
        /broken-ci\.yml:12:11: input "node-version" is not defined in action "actions\/checkout@v4"/,
      ),
      expect.stringMatching(/broken-ci\.yml:12:29: property "node" is not defined/),
      expect.stringMatching(/broken-ci\.yml:13:\d+: "github\.event\.pull_request\.title" is potentially untrusted/),
      expect.stringMatching(/broken-release\.yml:8:13: "writ" is invalid for permission of scope "id-token"/),
    ]);
    expect(result.stdout).toContain(`actionlint: ${workflows.length + 2} workflow file(s), 5 finding(s)`);
  });
});

describe('.github/workflows', () => {
  it('ci.yml runs .ci/run (the README test command) on Node 20 and 22 for pull requests and pushes to main', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on)).toEqual(['pull_request', 'push']);
    expect(ci.on.push.branches).toEqual(['main']);
    expect(ci.jobs.test.strategy.matrix.node).toEqual(['20', '22']);
    expect(ci.jobs.test.container.image).toBe(`node:${expression('matrix.node')}-bookworm`);
    expect(ci.jobs.test.steps.map((step: { run?: string }) => step.run).filter(Boolean)).toEqual(['bash .ci/run']);
  });

  it('release.yml versions and publishes with changesets, with npm provenance', () => {
    const release = workflow('release.yml');
    expect(release.on.push.branches).toEqual(['main']);
    expect(release.permissions).toEqual({ contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
    const step = release.jobs.release.steps.find((candidate: { uses?: string }) =>
      candidate.uses?.startsWith('changesets/action@'),
    );
    expect(step.with.publish).toMatch(/pnpm@10\.34\.8 run release$/);
    expect(step.env).toMatchObject({ NPM_TOKEN: expression('secrets.NPM_TOKEN'), NPM_CONFIG_PROVENANCE: true });
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.release).toMatch(/changeset publish$/);
  });
});
