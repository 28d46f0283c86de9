import type { Persistence } from './persistence.js';

/** The serial numbers each merchant has used: a reused one is refused (PROTOCOL.md §2, replay protection). */
export class SerialNumbers {
  private readonly used: Map<string, Set<string>>;

  constructor(private readonly persistence: Persistence) {
    this.used = new Map(Object.entries(persistence.state.serials).map(([merchant, list]) => [merchant, new Set(list)]));
    persistence.beforeSave((state) => {
      state.serials = Object.fromEntries([...this.used].map(([merchant, set]) => [merchant, [...set]]));
    });
  }

  /** Remembers a serial number; false when the merchant used it before. */
  claim(merchantNumber: string, serialNumber: string): boolean {
    const set = this.used.get(merchantNumber) ?? new Set<string>();
    this.used.set(merchantNumber, set);
    if (set.has(serialNumber)) return false;
    set.add(serialNumber);
    this.persistence.persist();
    return true;
  }
}
