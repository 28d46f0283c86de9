import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

// test/entry-points.test.ts counts the sandbox's body parses through vi.mock('@etkit/crypto'), which takes effect
// only in a fresh module registry: this package's files keep their own.
export default mergeConfig(shared, { test: { isolate: true } });
