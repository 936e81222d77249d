#!/usr/bin/env node
// The Gongyu contributor toolkit: `gongyu <command> --help` for any command.

import { Command } from 'commander';

import { register as registerContribute } from '../commands/contribute.js';
import { register as registerCouncil } from '../commands/council.js';
import { register as registerDispute } from '../commands/dispute.js';
import { register as registerExplorer } from '../commands/explorer.js';
import { register as registerModels } from '../commands/models.js';
import { register as registerRewards } from '../commands/rewards.js';
import { register as registerStatus } from '../commands/status.js';

const program = new Command('gongyu')
  .description('Tools for the Gongyu chain: submit contributions, follow their verification and '
    + 'rewards, pay for and claim model release revenue, run council motions, serve the explorer page.')
  .showHelpAfterError('(run with --help for usage)');

for (const register of [
  registerContribute, registerStatus, registerRewards, registerDispute, registerModels, registerCouncil, registerExplorer,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const words = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const command = ['council', 'dispute'].includes(words[0]) ? words.slice(0, 2).join(' ') : words[0];
  console.error(`gongyu ${command}: ${error.message}`);
  if (process.env.GONGYU_DEBUG) console.error(error.stack);
  process.exit(1);
}
// Every command has finished (the explorer server has closed): end polkadot.js's timers too.
process.exit(process.exitCode ?? 0);
