// Its own module: a Workers module may export only handlers and entrypoints, so worker.ts cannot export a string.
/**
 * Said once when a handler is built without a durable inbox: at start on Node, Deno and Bun, at the first request
 * of each isolate on Workers (which have no start of their own).
 */
export const MEMORY_INBOX_WARNING =
  'notify-worker: WARNING no durable inbox: resends are deduplicated in memory only (this process or isolate), so ' +
  'after a restart, or when a captured notification is replayed a day later, the same notification reaches the sink ' +
  'again. Bind a D1 database as INBOX_D1 (Workers) or pass a durable inbox, and make the sink deduplicate on the ' +
  'idempotency-key header.';
