import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The README as @etkit/notify publishes it (its package.json is exported; the README ships beside it).
const notifyDir = dirname(createRequire(import.meta.url).resolve('@etkit/notify/package.json'));
const readme = readFileSync(join(notifyDir, 'README.md'), 'utf8');
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageDir, '../..');

/** ```ts recipe=<path from the repository root> blocks: path → code. */
function recipeBlocks(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const match of text.matchAll(/^```ts recipe=(\S+)\n([\s\S]*?)^```$/gm)) {
    expect(blocks.has(match[1]!), `${match[1]} shown twice`).toBe(false);
    blocks.set(match[1]!, match[2]!);
  }
  return blocks;
}

function recipeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? recipeFiles(path) : [relative(repoRoot, path)];
  });
}

describe("@etkit/notify's README shows the recipes as they are", () => {
  const blocks = recipeBlocks(readme);

  it('has a Frameworks section with a block for each framework', () => {
    expect(readme).toMatch(/^## Frameworks$/m);
    expect(blocks.size).toBeGreaterThanOrEqual(5);
  });

  for (const [path, code] of recipeBlocks(readme)) {
    it(`${path} is shown byte for byte`, () => {
      expect(code).toBe(readFileSync(join(repoRoot, path), 'utf8'));
    });
  }

  it('every recipe entry point is shown (the Next.js route, not its helper module)', () => {
    const shown = [...blocks.keys()].sort();
    const entryPoints = recipeFiles(join(packageDir, 'src'))
      .filter((path) => !path.includes('/nextjs/lib/'))
      .sort();
    expect(shown).toEqual(entryPoints);
  });
});
