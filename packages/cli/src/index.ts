export type { Command } from './command';
export type { CliIo } from './io';
export { commands, main } from './main';
