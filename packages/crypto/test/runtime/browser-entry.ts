// Browser entry for test/browser.test.ts: the page runs the shared runtime smoke checks and logs the summary
// as one JSON line (smoke.ts prints only when run as a script, which a bundled module in a page is not).
import { runSmoke } from './smoke.js';

console.log(JSON.stringify(await runSmoke()));
