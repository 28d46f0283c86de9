/** One `order` event as the live channel sends it. */
export interface OrderEventData {
  merchantOrderId: string;
  status: number | null;
  statusLabel: string;
  paymentNotice?: string;
}

/**
 * Reads a server-sent event stream (GET /events) with fetch: collects every `order` event, and lets a test wait
 * for one that matches. `close` aborts the request (the server sees the socket close).
 */
export async function openEventStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: OrderEventData[] = [];
  /** Ids from `created` events (the order list's stream, `new=1`), in arrival order. */
  const created: string[] = [];
  const waiters: Array<{ match: (event: OrderEventData) => boolean; resolve: (event: OrderEventData) => void }> = [];
  const deliver = (event: OrderEventData) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  };
  const pump = async () => {
    if (response.body === null) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const lines = block.split('\n');
          const data = lines.find((line) => line.startsWith('data: '));
          if (lines.includes('event: order') && data !== undefined)
            deliver(JSON.parse(data.slice(6)) as OrderEventData);
          if (lines.includes('event: created') && data !== undefined) {
            created.push((JSON.parse(data.slice(6)) as { merchantOrderId: string }).merchantOrderId);
          }
          end = buffered.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  };
  if (response.ok) void pump();
  return {
    response,
    events,
    created,
    /** Resolves with the first event (already received or still to come) that `match` accepts. */
    next(match: (event: OrderEventData) => boolean, timeoutMs = 10_000): Promise<OrderEventData> {
      const seen = events.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching event on the stream')), timeoutMs);
        waiters.push({
          match,
          resolve: (event) => {
            clearTimeout(timer);
            resolve(event);
          },
        });
      });
    },
    close: () => controller.abort(),
  };
}
