// Type-checked under node16 (as .mts and .cts) and bundler resolution; not run.
import { type OperationName, operations, type paths } from '@etkit/openapi';

const names: OperationName[] = Object.keys(operations) as OperationName[];
type Paths = keyof paths;
const anyPath: Paths | undefined = undefined;

export { anyPath, names };
