// The test command's step after system-deps.sh: installs the pinned Bun, Deno and workerd (~350 MB, not workspace
// dependencies; see tools/runtime-harness/src/runtimes.ts) into .cache/runtimes before any test runs, so no test
// file is charged a minute of downloading. The three install side by side (each under its own lock, the one the
// tests take), and a cached runtime is a quick no-op. Run with `node --import tsx` (the harness is TypeScript).
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntime, RUNTIME_VERSIONS } from '../../tools/runtime-harness/src/runtimes.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const started = performance.now();
const outcomes = await Promise.allSettled(
  Object.entries(RUNTIME_VERSIONS).map(async ([name, version]) => {
    const since = performance.now();
    const { binary, installed } = await ensureRuntime(name);
    const where = relative(root, binary);
    console.log(`${name} ${version}: ${installed ? `installed in ${seconds(since)}` : 'already installed'} (${where})`);
  }),
);
const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
for (const { reason } of failures) console.error(`runtimes: ${reason instanceof Error ? reason.message : reason}`);
if (failures.length > 0) {
  console.error('runtimes: not ready; the runtime-matrix tests would fail. See the messages above.');
  process.exitCode = 1;
} else {
  console.log(`runtimes: ready in ${seconds(started)}`);
}
