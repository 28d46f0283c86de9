// Browser entry for test/browser.test.ts: a page cannot listen on a port, so the handler is called directly with
// the browser's own Request objects; the summary goes to the console as one JSON line.
import { runPortableCheck } from './portable-check.js';

console.log(JSON.stringify(await runPortableCheck(undefined)));
