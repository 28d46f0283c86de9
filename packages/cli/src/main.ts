import type { Command } from './command.js';
import { parseFlags } from './command.js';
import { doctor } from './commands/doctor.js';
import { keysGenerate } from './commands/keys.js';
import { notifySign, notifyVerify } from './commands/notify.js';
import { open } from './commands/open.js';
import { sandboxServe } from './commands/sandbox.js';
import { seal } from './commands/seal.js';
import { CheckFailed, type CliIo, printJson, processIo, UsageError } from './io.js';
import { cliVersion } from './version.js';

export const commands: readonly Command[] = [keysGenerate, seal, open, notifySign, notifyVerify, sandboxServe, doctor];

function overview(): string {
  const lines = commands.map((c) => `  etkit ${c.path.join(' ').padEnd(16)} ${c.summary}`);
  return `etkit — tools for the EasyTransfer (易思汇) Open API

Usage:
${lines.join('\n')}

Every command takes --help; etkit --version prints the version. Output is JSON on stdout. Exit codes: 0 success, 1 verification or API
failure, 2 usage error.
`;
}

/** The commands under a group word (`keys`, `notify`, `sandbox`), for `etkit <group> --help`. */
function groupOverview(group: string): string | undefined {
  const members = commands.filter((c) => c.path.length > 1 && c.path[0] === group);
  if (members.length === 0) return undefined;
  const lines = members.map((c) => `  etkit ${c.path.join(' ').padEnd(16)} ${c.summary}`);
  return `Usage:\n${lines.join('\n')}\n\nRun "etkit ${group} <command> --help" for its options.\n`;
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  for (const command of commands) {
    if (command.path.every((word, index) => argv[index] === word)) {
      return { command, rest: argv.slice(command.path.length) };
    }
  }
  return undefined;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(overview());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version')) {
    io.stdout(`${cliVersion}\n`);
    return 0;
  }
  const found = findCommand(argv);
  const group = found ? undefined : groupOverview(argv[0]!);
  if (group !== undefined && argv.length === 2 && (argv[1] === '--help' || argv[1] === '-h')) {
    io.stdout(group);
    return 0;
  }
  if (group !== undefined && argv.length === 1) {
    io.stderr(`etkit ${argv[0]}: which command?\n\n${group}`);
    return 2;
  }
  if (!found) {
    io.stderr(`etkit: unknown command "${argv.slice(0, 2).join(' ')}"\n\n${overview()}`);
    return 2;
  }
  const { command, rest } = found;
  try {
    const values = parseFlags(command, rest);
    if (values.help) {
      io.stdout(`${command.help}\n`);
      return 0;
    }
    return await command.run(values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`etkit ${command.path.join(' ')}: ${error.message}\nRun "etkit ${command.path.join(' ')} --help".\n`);
      return 2;
    }
    if (error instanceof CheckFailed) {
      printJson(io, error.result);
      return 1;
    }
    io.stderr(`etkit ${command.path.join(' ')}: ${(error as Error).message}\n`);
    return 1;
  }
}
