// Type-checked under node16 (as .mts and .cts) and bundler resolution; not run.
import { createSandbox, type Sandbox, type SandboxOptions } from '@etkit/sandbox';

const options: SandboxOptions = { keyBits: 1024, timeScale: 0.001, log: () => {} };
async function start(): Promise<string> {
  const sandbox: Sandbox = await createSandbox(options);
  const url = await sandbox.listen(0);
  await sandbox.close();
  return url;
}

export { start };
