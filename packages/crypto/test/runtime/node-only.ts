// Fixture for test/browser.test.ts: a module only Node can run, to show that the browser bundle refuses it.
import { createHash } from 'node:crypto';

export const digest = createHash('sha256').update('etkit').digest('hex');
