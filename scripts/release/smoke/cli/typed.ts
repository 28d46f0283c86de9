// Type-checked under node16 (as .mts and .cts) and bundler resolution; not run.
import { type CliIo, type Command, commands, main } from '@etkit/cli';

const run: typeof main = main;
const all: typeof commands = commands;
type Io = CliIo;
type AnyCommand = Command;

export type { AnyCommand, Io };
export { all, run };
