// Creates a new PGlite database directory (initdb) and exits: run as a child process by pglite-memory.ts, so
// the memory initdb takes (its own WebAssembly instance, ~600 MB, which the process then keeps) is returned to
// the system when this process ends instead of staying in the site's RSS.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (dataDir === undefined) process.exit(2);
const db = await PGlite.create(dataDir);
await db.close();
