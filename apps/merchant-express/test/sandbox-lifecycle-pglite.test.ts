import { sandboxLifecycleSuite } from './support/sandbox-lifecycle-suite.js';

sandboxLifecycleSuite('pglite');
