import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkProject } from '../release/lib/type-check.mjs';

// The release smoke's TypeScript checks (lib/type-check.mjs) stand in for `tsc -p` with skipLibCheck off: every
// error of ours or of a dependency we ship must still be reported; only the consumer's own @types/node is not
// type-checked.
const project = mkdtempSync(join(tmpdir(), 'etkit-type-check-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

function write(file: string, text: string) {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  writeFileSync(join(project, file), text);
}

function messages(files: Record<string, string>): string[] {
  for (const [file, text] of Object.entries(files)) write(file, text);
  const diagnostics = checkProject(join(project, 'tsconfig.json')) as { messageText: unknown }[];
  return diagnostics.map((diagnostic) => JSON.stringify(diagnostic.messageText));
}

const base = {
  'tsconfig.json': JSON.stringify({
    // ES2022's lib without the DOM: what is checked here is the program's own files, not TypeScript's lib.
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      lib: ['es2022'],
      module: 'node16',
      moduleResolution: 'node16',
      types: ['node'],
    },
    files: ['consumer.mts'],
  }),
  'node_modules/@types/node/package.json': JSON.stringify({ name: '@types/node', types: 'index.d.ts' }),
  'node_modules/@etkit/fake/package.json': JSON.stringify({ name: '@etkit/fake', type: 'module', types: 'index.d.ts' }),
  'node_modules/dependency/package.json': JSON.stringify({ name: 'dependency', type: 'module', types: 'index.d.ts' }),
  'node_modules/dependency/index.d.ts': 'export declare const size: number;\n',
};

describe('checkProject (the release smoke type check)', () => {
  it('passes a clean program', () => {
    expect(
      messages({
        ...base,
        'node_modules/@types/node/index.d.ts': 'declare const nodeThing: string;\n',
        'node_modules/@etkit/fake/index.d.ts': "export { size } from 'dependency';\nexport declare const x: number;\n",
        'consumer.mts': "import { size, x } from '@etkit/fake';\nexport const total: number = x + size;\n",
      }),
    ).toEqual([]);
  });

  it('reports an error in our declarations, in a dependency’s, and in the consumer program', () => {
    const found = messages({
      ...base,
      'node_modules/@types/node/index.d.ts': 'declare const nodeThing: string;\n',
      'node_modules/@etkit/fake/index.d.ts':
        "export { size } from 'dependency';\nexport declare const x: OursMissing;\n",
      'node_modules/dependency/index.d.ts': 'export declare const size: TheirsMissing;\n',
      'consumer.mts': "import { x } from '@etkit/fake';\nexport const text: string = 1;\nexport { x };\n",
    });
    expect(found.some((text) => text.includes('OursMissing'))).toBe(true);
    expect(found.some((text) => text.includes('TheirsMissing'))).toBe(true);
    expect(found.some((text) => text.includes("'number' is not assignable to type 'string'"))).toBe(true);
  });

  it('does not type-check the consumer’s @types/node, but a syntax error there still fails', () => {
    const semantic = messages({
      ...base,
      'node_modules/@types/node/index.d.ts': 'declare const nodeThing: NodeMissing;\n',
      'node_modules/@etkit/fake/index.d.ts': 'export declare const x: number;\n',
      'consumer.mts': "import { x } from '@etkit/fake';\nexport const total: number = x;\n",
    });
    expect(semantic).toEqual([]);
    const syntax = messages({ ...base, 'node_modules/@types/node/index.d.ts': 'declare const = ;\n' });
    expect(syntax.length).toBeGreaterThan(0);
  });
});
