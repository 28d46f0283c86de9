import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliIo, UsageError } from './io.js';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  /** Words after `etkit`, e.g. `['keys', 'generate']`. */
  path: string[];
  summary: string;
  help: string;
  options: OptionSpecs;
  /** Resolves to the exit code (0 success, 1 check/API failure). Throws UsageError for exit 2. */
  run(values: Record<string, unknown>, io: CliIo): Promise<number>;
}

/** Strict flag parsing: unknown flags and stray positionals are usage errors. */
export function parseFlags(command: Command, argv: string[]): Record<string, unknown> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return values as Record<string, unknown>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
