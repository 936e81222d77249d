// `gongyu releases`, `gongyu release <id>`, `gongyu pay-usage` and `gongyu claim`: model
// releases, their lineage and ingredients, usage fees and the revenue contributors claim.

import { blake3 } from '@noble/hashes/blake3';
import { u8aToHex } from '@polkadot/util';

import { sendAndWait } from '../lib/chain.js';
import { formatGyu } from '../lib/format.js';
import { CliError, parseCount, parseGyu, printJson, resolveSigner } from '../lib/cli.js';
import { readClaimable, readRelease, readReleases } from '../lib/models.js';
import { connection, signerOption, wsOptions } from './common.js';

/** Adds the release commands to `program`. */
export function register(program) {
  const list = program.command('releases')
    .summary('every model release: parents, ingredients, revenue received');
  wsOptions(list);
  list.action(async (options) => connection(options, async (api) => {
    const releases = await readReleases(api);
    if (options.json) { printJson(releases); return; }
    if (releases.length === 0) { console.log('No releases yet.'); return; }
    for (const r of releases) {
      const parents = r.parents.length === 0 ? 'none' : r.parents.map((p) => `#${p}`).join(', ');
      console.log(`#${r.id}  ${r.name}${r.deprecated ? ' (deprecated)' : ''}  parents ${parents}  `
        + `${r.ingredients} ingredient(s)  received ${formatGyu(api, r.received)}`);
    }
  }));

  const show = program.command('release')
    .summary('one release: its lineage, ingredients and where its revenue went')
    .argument('<id>', 'the release id')
    .option('--depth <n>', 'generations of ancestors to list', '8');
  wsOptions(show);
  show.action(async (id, options) => connection(options, async (api) => {
    const release = await readRelease(api, Number(parseCount(id, '<id>')), Number(parseCount(options.depth, '--depth')));
    if (!release) throw new CliError(`release ${id} is not registered`);
    if (options.json) { printJson(release); return; }
    const gyu = (planck) => formatGyu(api, planck);
    console.log(`Release #${release.id} ${release.name}${release.deprecated ? ' (deprecated)' : ''}`);
    console.log(`  weights root  ${release.weightsRoot}`);
    console.log(`  fingerprint   ${release.fingerprint}`);
    const use = release.intendedUse;
    console.log(`  intended use  ${use.commercial ? 'commercial' : 'non-commercial'}, ${use.generative ? 'generative' : 'not generative'}`);
    console.log(`  lineage       ${release.lineage.length === 0 ? 'none (a base release)' : release.lineage.map((p) => `#${p}`).join(' <- ')}`);
    console.log(`  revenue       received ${gyu(release.received)}: holders ${gyu(release.toHolders)}, `
      + `parents ${gyu(release.toParents)}, pot ${gyu(release.toPot)}`);
    console.log(`  ingredients   ${release.ingredients.length} (${release.totalShares} shares)`);
    for (const i of release.ingredients) {
      console.log(`    contribution ${i.contribution}  ${i.shares} share(s)  owner ${i.owner ?? '-'}`);
    }
    if (release.takenDown.length > 0) {
      console.log(`  FLAGGED       builds on taken-down contributions: ${release.takenDown
        .map((t) => `#${t.contribution} (in release #${t.release})`).join(', ')}`);
    }
  }));

  const pay = program.command('pay-usage')
    .summary('pay a usage fee to a release; its contributors and its ancestors share it')
    .argument('<release>', 'the release id')
    .argument('<amount>', 'the fee in GYU, e.g. 12.5')
    .option('--memo <text>', 'what the fee pays for; its BLAKE3 is recorded', '');
  signerOption(pay);
  wsOptions(pay);
  pay.action(async (release, amount, options) => {
    const pair = await resolveSigner(options.suri);
    await connection(options, async (api) => {
      const planck = parseGyu(amount, api.registry.chainDecimals[0]);
      const memo = u8aToHex(blake3(new TextEncoder().encode(options.memo)));
      const tx = api.tx.models.payUsage(Number(parseCount(release, '<release>')), planck, memo);
      const { events, blockHash } = await sendAndWait(api, tx, pair);
      const hops = events.filter(({ event }) => api.events.models.RevenueShared.is(event))
        .map(({ event }) => ({
          release: event.data.release.toNumber(),
          received: event.data.received.toBigInt(),
          toHolders: event.data.toHolders.toBigInt(),
          toParents: event.data.toParents.toBigInt(),
          toPot: event.data.toPot.toBigInt(),
        }));
      if (options.json) { printJson({ release: Number(release), amount: planck, memo, block: blockHash.toHex(), hops }); return; }
      console.log(`Paid ${formatGyu(api, planck)} to release #${release} (finalized in ${blockHash.toHex()}):`);
      for (const h of hops) {
        console.log(`  #${h.release} received ${formatGyu(api, h.received)}: holders ${formatGyu(api, h.toHolders)}, `
          + `parents ${formatGyu(api, h.toParents)}, pot ${formatGyu(api, h.toPot)}`);
      }
    });
  });

  const claim = program.command('claim')
    .summary("claim the usage revenue your contributions' release shares accrued");
  signerOption(claim);
  wsOptions(claim);
  claim.action(async (options) => {
    const pair = await resolveSigner(options.suri);
    await connection(options, async (api) => {
      const rows = await readClaimable(api, pair.address);
      if (rows.length === 0) {
        if (options.json) printJson({ claimed: [], total: 0n });
        else console.log(`Nothing to claim for ${pair.address}.`);
        return;
      }
      const calls = rows.map((r) => api.tx.models.claimRevenue(r.release, r.contribution));
      const { events } = await sendAndWait(api, api.tx.utility.batchAll(calls), pair);
      const claimed = events.filter(({ event }) => api.events.models.RevenueClaimed.is(event))
        .map(({ event }) => ({
          release: event.data.release.toNumber(),
          contribution: event.data.contribution.toNumber(),
          amount: event.data.amount.toBigInt(),
        }));
      const total = claimed.reduce((sum, c) => sum + c.amount, 0n);
      if (options.json) { printJson({ claimed, total }); return; }
      for (const c of claimed) {
        console.log(`  release #${c.release}, contribution ${c.contribution}: ${formatGyu(api, c.amount)}`);
      }
      console.log(`Claimed ${formatGyu(api, total)} in all.`);
    });
  });
}
