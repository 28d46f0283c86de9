import { chaosSuite } from './support/chaos.js';

// PostgreSQL: a shorter resend schedule, so ET gives up on some deliveries and the final pass must repair them.
// 5 s of ET's actions at least (the default is 10 s): the run lasts until the third kill -9 and restart, and until
// every kind of action was taken, anyway; each second more only repeats the same kinds of actions.
chaosSuite('postgres', { timeScale: 0.0015, kills: 3, durationMs: 5_000 });
