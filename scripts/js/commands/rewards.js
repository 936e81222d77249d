// `gongyu rewards <address>`: balance, pending, unvested and total rewards, last payouts.

import { formatGyu } from '../lib/format.js';
import { parseAddress, parseCount, printJson } from '../lib/cli.js';
import { readAccountRewards, recentPayouts } from '../lib/rewards.js';
import { connection, wsOptions } from './common.js';

/** Adds `rewards` to `program`. */
export function register(program) {
  const command = program.command('rewards')
    .summary("an account's balance, pending, unvested and total rewards, and last payouts")
    .argument('<address>', 'the account, an SS58 address')
    .option('--blocks <n>', 'how many recent finalized blocks to search for payouts', '100');
  wsOptions(command);
  command.action(async (address, options) => showRewards(parseAddress(address), options));
}

async function showRewards(address, options) {
  const blocks = Number(parseCount(options.blocks, '--blocks'));
  await connection(options, async (api) => {
    const account = await readAccountRewards(api, address);
    const { payouts, scannedFrom, head } = await recentPayouts(api, address, { blocks, lastPaidAt: account.lastPaidAt });
    if (options.json) {
      printJson({ ...account, payouts });
      return;
    }
    const gyu = (planck) => formatGyu(api, planck);
    console.log(`Account ${address}`);
    console.log(`  free balance   ${gyu(account.free)}`);
    console.log(`  held           ${gyu(account.reserved)} (contribution deposits)`);
    console.log(`  total rewards  ${gyu(account.total)}`);
    console.log(`  paid           ${gyu(account.paid)}${account.lastPaidAt === null ? '' : `, last at block #${account.lastPaidAt}`}`);
    console.log(`  pending        ${gyu(account.pending)}${account.pending > 0n ? ' (claim it with rewards.claim)' : ''}`);
    console.log(`  unvested       ${gyu(account.unvested)}${account.unvested > 0n ? ' (frozen in the balance until each challenge window passes)' : ''}`);
    for (const { id, amount, vestsAt } of account.vesting) {
      console.log(`    contribution #${id}  ${gyu(amount)}  vests at block #${vestsAt}`);
    }
    if (account.debt > 0n) {
      console.log(`  owed           ${gyu(account.debt)} (rewards a dispute took back after they vested; later rewards pay it first)`);
    }
    console.log(`Payouts in blocks #${scannedFrom}..#${head}:`);
    if (payouts.length === 0) console.log('  none');
    for (const { block, amount } of payouts) console.log(`  block #${block}  ${gyu(amount)}`);
  });
}
