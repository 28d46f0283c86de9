#!/usr/bin/env node
// Repairs changesets whose frontmatter a Markdown formatter rewrote. Biome reads `"pkg": minor` followed by the
// closing `---` as a setext heading and prints `## "pkg": minor`, dropping the `---`; changesets then cannot read
// the file and `changeset version` fails. This restores the frontmatter in the form formatters leave alone
// (blank lines around the bumps):
//
//   ---
//
//   "@etkit/notify": minor
//
//   ---
//
//   Summary.
//
//   node scripts/release/fix-changesets.mjs          # report what would change
//   node scripts/release/fix-changesets.mjs --write  # rewrite the broken files
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './lib/workspace.mjs';

const BUMP = /^\s*(?:#{1,6}\s+)?("[^"]+"|'[^']+'|[\w@/.-]+)\s*:\s*(major|minor|patch|none)\s*$/;
const write = process.argv.includes('--write');
const directory = join(repoRoot, '.changeset');

/** The repaired text, or undefined when the file is fine or not recognisably a mangled changeset. */
export function repairChangeset(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') return undefined;
  const bumps = [];
  let index = 1;
  for (; index < lines.length; index++) {
    const line = lines[index];
    if (line.trim() === '') continue;
    const match = BUMP.exec(line);
    if (!match) break;
    bumps.push(`${match[1]}: ${match[2]}`);
  }
  if (bumps.length === 0) return undefined;
  // Intact frontmatter: the bumps are followed by the closing `---`.
  if (lines[index]?.trim() === '---' && !lines.slice(1, index).some((line) => /^\s*#/.test(line))) return undefined;
  const rest = lines[index]?.trim() === '---' ? lines.slice(index + 1) : lines.slice(index);
  const summary = rest.join('\n').trim();
  return `---\n\n${bumps.join('\n')}\n\n---\n\n${summary}\n`;
}

function main() {
  let repaired = 0;
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.md') && name !== 'README.md')) {
    const path = join(directory, file);
    const fixed = repairChangeset(readFileSync(path, 'utf8'));
    if (fixed === undefined) continue;
    repaired++;
    console.log(`${write ? 'repaired' : 'would repair'} .changeset/${file}: ${fixed.split('\n')[2]}`);
    if (write) writeFileSync(path, fixed);
  }
  console.log(repaired === 0 ? 'No broken changesets.' : write ? '' : 'Run with --write to apply.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
