import { chaosSuite } from './support/chaos.js';

// PGlite: a longer resend schedule than a restart, so ET's resends reach the site (see support/chaos.ts).
chaosSuite('pglite', { timeScale: 0.004, kills: 2 });
