import { chaosSuite } from './support/chaos.js';

// PostgreSQL: a shorter resend schedule, so ET gives up on some deliveries and the final pass must repair them.
chaosSuite('postgres', { timeScale: 0.0015, kills: 3 });
