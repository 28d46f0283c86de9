import { chaosSuite } from './support/chaos.js';

// PGlite: a longer resend schedule than a restart, so ET's resends reach the site (see support/chaos.ts).
// Fewer orders and a shorter chaos than on PostgreSQL: every notification goes through the one PGlite connection,
// and the run still goes on until each kind of action, a same-second burst and the kill have happened.
chaosSuite('pglite', { timeScale: 0.004, kills: 1, orders: 12, durationMs: 2_000 });
