export type { Command } from './command.js';
export type { CliIo } from './io.js';
export { commands, main } from './main.js';
