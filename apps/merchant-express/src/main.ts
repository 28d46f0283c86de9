import { ConfigError, describeConfig, loadConfig } from './config.js';
import { checkPortFree } from './port-check.js';
import { startMerchantSite } from './server.js';

// `pnpm start`: configuration from the environment (see README), then serve until SIGINT/SIGTERM.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}

// A taken port is a common start-up mistake: one line that says what to change, not a stack.
const exitOnStartError = (error: unknown): never => {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    console.error(
      `merchant-express: cannot listen on ${config.host}:${config.port} (${code === 'EADDRINUSE' ? 'the port is already in use' : 'permission denied'}): set PORT (or HOST)`,
    );
    process.exit(1);
  }
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
};

// The port first: opening the database takes seconds, a busy port should not wait for it.
await checkPortFree(config.host, config.port).catch(exitOnStartError);
const site = await startMerchantSite(config).catch(exitOnStartError);
console.log(`merchant-express: ${describeConfig(config)}`);
console.log(`merchant-express: listening on ${site.url} (public URL ${site.publicUrl})`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`merchant-express: ${signal}, shutting down`);
  await site.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
