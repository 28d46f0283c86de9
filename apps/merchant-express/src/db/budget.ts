import type { Database } from './database.js';

export interface QueryBudgetOptions {
  /** Page and live-stream statements running at once; the rest wait in line here, not at the database. */
  pageConcurrency: number;
  /**
   * While notification work keeps coming, a waiting page statement still starts after this many notification
   * units (statements or transactions) finished, so pages slow down under a burst but never stop. Default 8.
   */
  pagePatience?: number;
}

/**
 * Keeps the notification path ahead of page traffic. Every notification statement or transaction is "urgent"
 * while it runs or waits; a page statement starts only when fewer than `pageConcurrency` run and no urgent
 * work is waiting (or it has been passed over `pagePatience` times). So a notification waits behind at most
 * `pageConcurrency` page statements already running, never behind the queue of them.
 *
 * On PGlite (one connection, FIFO) this is the whole scheme. On PostgreSQL the two sides also use separate
 * pools, so page traffic cannot take the connections a notification needs.
 */
export class QueryBudget {
  private urgent = 0;
  private running = 0;
  private passedOver = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly pageConcurrency: number;
  private readonly pagePatience: number;

  constructor(options: QueryBudgetOptions) {
    this.pageConcurrency = Math.max(1, options.pageConcurrency);
    this.pagePatience = Math.max(1, options.pagePatience ?? 8);
  }

  /** Page statements waiting for their turn. */
  get pagesWaiting(): number {
    return this.waiting.length;
  }

  async urgentWork<T>(work: () => Promise<T>): Promise<T> {
    this.urgent += 1;
    try {
      return await work();
    } finally {
      this.urgent -= 1;
      if (this.waiting.length > 0) this.passedOver += 1;
      this.admit();
    }
  }

  async pageWork<T>(work: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.admit();
    });
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.admit();
    }
  }

  private admit(): void {
    while (
      this.waiting.length > 0 &&
      this.running < this.pageConcurrency &&
      (this.urgent === 0 || this.passedOver >= this.pagePatience)
    ) {
      this.passedOver = 0;
      this.running += 1;
      this.waiting.shift()!();
    }
  }
}

/** `db` with each statement and each transaction (as a whole) run through `run`. */
function throughBudget(db: Database, run: <T>(work: () => Promise<T>) => Promise<T>): Database {
  return {
    kind: db.kind,
    query: (sql, params) => run(() => db.query(sql, params)),
    exec: (script) => run(() => db.exec(script)),
    transaction: (work) => run(() => db.transaction(work)),
    // Not budgeted: the holder keeps a connection for a whole reconciliation pass, which must not hold a slot.
    exclusively: (lockId, work) => db.exclusively(lockId, work),
    close: () => db.close(),
  };
}

export interface BudgetedDatabases {
  /** For applying notifications (and their inbox pre-check): urgent. */
  notifications: Database;
  /** For pages and live streams: capped, and behind urgent work. */
  pages: Database;
  budget: QueryBudget;
}

/**
 * Splits database access into the notification side and the page side. `pagesDb` is the same database as
 * `notificationsDb` on PGlite, a second, smaller pool on PostgreSQL.
 */
export function budgetedDatabases(
  notificationsDb: Database,
  pagesDb: Database,
  options: QueryBudgetOptions,
): BudgetedDatabases {
  const budget = new QueryBudget(options);
  return {
    notifications: throughBudget(notificationsDb, (work) => budget.urgentWork(work)),
    pages: throughBudget(pagesDb, (work) => budget.pageWork(work)),
    budget,
  };
}
