import { writeFile } from 'node:fs/promises';
import { UsageError } from '../io.js';
import type { ProtocolReport } from './report.js';

/** `--report PATH` writes PATH.md and PATH.json (an .md or .json ending on PATH is dropped first). */
export async function writeReport(path: string, report: ProtocolReport): Promise<{ markdown: string; json: string }> {
  const base = path.replace(/\.(md|json)$/i, '');
  const files = { markdown: `${base}.md`, json: `${base}.json` };
  try {
    await writeFile(files.markdown, report.markdown);
    await writeFile(files.json, `${JSON.stringify(report.json, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`cannot write the report at ${base}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  return files;
}
