/**
 * Failed logins per client address in a sliding window: past `limit`, further attempts from that address are
 * refused without checking the password until the window passes, which makes guessing slow. Bounded: the
 * oldest addresses are forgotten first when `maxAddresses` are tracked.
 */
export class FailedAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly maxAddresses = 10_000,
  ) {}

  blocked(address: string, now = Date.now()): boolean {
    return this.recent(address, now).length >= this.limit;
  }

  record(address: string, now = Date.now()): void {
    const times = this.recent(address, now);
    times.push(now);
    this.failures.delete(address);
    this.failures.set(address, times);
    if (this.failures.size > this.maxAddresses) this.failures.delete(this.failures.keys().next().value!);
  }

  clear(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((time) => time > now - this.windowMs);
  }
}
