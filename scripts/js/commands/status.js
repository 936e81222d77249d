// `gongyu status <id>` and `gongyu mine <address>`: contributions, attestations, rewards.

import { Option } from 'commander';

import { waitForHead } from '../lib/chain.js';
import { formatGyu } from '../lib/format.js';
import { CliError, parseAddress, parseCount, printJson } from '../lib/cli.js';
import {
  contributionIdsOf, formatContribution, readContribution,
} from '../lib/contributions.js';
import { readEpoch } from '../lib/rewards.js';
import { acceptedLicenses } from '../lib/terms.js';
import { connection, wsOptions } from './common.js';

/** Adds `status`, `mine` and `licenses` to `program`. */
export function register(program) {
  const status = program.command('status')
    .summary("a contribution's status, attestations and reward")
    .argument('<id>', 'contribution id, as `contribute` printed it')
    .addOption(new Option('--wait <state>', 'block until the contribution is decided (verified, rejected or expired) or rewarded')
      .choices(['decided', 'rewarded']))
    .option('--timeout <seconds>', 'with --wait: give up after this long', '600');
  wsOptions(status);
  status.action(async (id, options) => showStatus(parseCount(id, '<id>'), options));

  const mine = program.command('mine')
    .summary("an account's contributions with their status and rewards")
    .argument('<address>', 'the owner, an SS58 address');
  wsOptions(mine);
  mine.action(async (address, options) => showMine(parseAddress(address), options));

  const licenses = program.command('licenses')
    .summary('the licenses the chain accepts, with what each allows');
  wsOptions(licenses);
  licenses.action(async (options) => showLicenses(options));
}

async function showLicenses(options) {
  await connection(options, async (api) => {
    const licenses = await acceptedLicenses(api);
    if (options.json) {
      printJson(licenses);
      return;
    }
    const yes = (allowed) => (allowed ? 'yes' : 'no');
    console.log('license            training  weights  commercial');
    for (const [license, terms] of Object.entries(licenses)) {
      console.log(`${license.padEnd(18)} ${yes(terms.training).padEnd(9)} ${yes(terms.weightsRedistribution).padEnd(8)} `
        + `${yes(terms.commercial)}`);
    }
  });
}

/** Whether `contribution` has reached the `--wait` state; throws when it never will. */
function reached(contribution, wait) {
  const decided = contribution.status !== 'Pending';
  if (wait === 'decided') return decided;
  if (decided && contribution.status !== 'Verified') {
    throw new CliError(`contribution #${contribution.id} was ${contribution.status}; it earns no reward`);
  }
  return contribution.reward.epoch !== null;
}

async function showStatus(id, options) {
  const timeoutMs = Number(parseCount(options.timeout, '--timeout')) * 1000;
  await connection(options, async (api) => {
    let contribution = await readContribution(api, id);
    if (!contribution) throw new CliError(`there is no contribution #${id}`);
    if (options.wait && !reached(contribution, options.wait)) {
      if (!options.json) console.log(`Waiting until contribution #${id} is ${options.wait} (now ${contribution.status})...`);
      let last = contribution.status;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (Date.now() > deadline) throw new CliError(`contribution #${id} was not ${options.wait} within ${options.timeout} s`);
        await waitForHead(api, () => true, { finalized: true, timeoutMs: Math.max(1, deadline - Date.now()) })
          .catch(() => {});
        contribution = await readContribution(api, id);
        if (!options.json && contribution.status !== last) {
          console.log(`  now ${contribution.status}`);
          last = contribution.status;
        }
        if (reached(contribution, options.wait)) break;
      }
    }
    const epoch = await readEpoch(api);
    if (options.json) printJson(contribution);
    else console.log(formatContribution(api, contribution, epoch));
  });
}

async function showMine(address, options) {
  await connection(options, async (api) => {
    const ids = await contributionIdsOf(api, address);
    const contributions = await Promise.all(ids.map((id) => readContribution(api, id)));
    if (options.json) {
      printJson({ address, contributions });
      return;
    }
    if (contributions.length === 0) {
      console.log(`${address} has no contributions.`);
      return;
    }
    console.log(`Contributions of ${address}:`);
    console.log('     id  kind      status             size (bytes)  reward');
    let total = 0n;
    for (const c of contributions) {
      const status = c.score === null ? c.status : `${c.status} (${c.score})`;
      const reward = c.reward.epoch === null ? '-' : formatGyu(api, c.reward.amount + c.reward.bonus);
      total += c.reward.amount + c.reward.bonus;
      console.log(`  ${String(c.id).padStart(5)}  ${c.kind.padEnd(8)}  ${status.padEnd(17)}  ${String(c.size).padStart(12)}  ${reward}`);
    }
    console.log(`${contributions.length} contribution(s), ${formatGyu(api, total)} earned in rewards`);
  });
}
