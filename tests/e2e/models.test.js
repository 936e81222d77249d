// End-to-end: model releases share their usage revenue. On a dev node, four datasets are
// verified by two dev verifiers; the council registers a base release and a fine-tune
// release built on it; an outside account pays a usage fee to the fine-tune with the
// toolkit; every contributor claims with the toolkit and receives, to the unit, the share
// the split and the shares give: the base release's contributors through the parent hop.
// The explorer, in headless Chromium, draws the lineage graph (tests/artifacts/lineage.png).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { spawn } from 'node:child_process';
import path from 'node:path';

import { mnemonicGenerate } from '@polkadot/util-crypto';

import { launchBrowser } from './support/browser.js';
import { artifactsDir, freePort, repoRoot, runProcess, startNode } from './support/node-process.js';
import { connect, sendAndWait, signer } from '../../scripts/js/lib/chain.js';
import { ALL_ALLOWED, consentForChain } from '../../scripts/js/lib/terms.js';
import { councilMotion } from '../../scripts/js/lib/council.js';

const GYU = 10n ** 12n;
/** The models pallet's fixed-point scale (pallets/models/src/ledger.rs). */
const SCALE = 10n ** 12n;

/** A verifier's count of a 64 KiB dataset of its own (`seed` keeps sketches apart). */
const measured = (seed) => ({ Measured: {
  counts: { records: 10, valid: 10, duplicates: 0, inLanguage: 10, usefulBytes: 1n << 16n },
  sketch: Array.from({ length: 64 }, (_, i) => seed * 1000 + i),
} });

/** A non-commercial chat model; and one for sale. */
const RESEARCH_CHAT = { commercial: false, generative: true };
const COMMERCIAL_CHAT = { commercial: true, generative: true };

/** What `shares` of `totalShares` accrue when `credited` is credited to holders. */
const accrued = (credited, shares, totalShares) => (shares * ((credited * SCALE) / totalShares)) / SCALE;

describe('model releases and usage revenue on the dev chain', () => {
  let node;
  let api;
  let alice;
  let bob;
  let dave;
  let eve;
  let ferdie;
  let payer;
  /** The outside payer's secret: not a dev account, so the toolkit takes it from GONGYU_SURI. */
  const payerPhrase = mnemonicGenerate();

  before(async () => {
    node = await startNode({ name: 'models-dev', args: ['--dev'] });
    api = await connect(node.wsUrl);
    [alice, bob, dave, eve, ferdie, payer] = await Promise.all(
      ['//Alice', '//Bob', '//Dave', '//Eve', '//Ferdie', payerPhrase].map(signer),
    );
    await sendAndWait(api, api.tx.balances.transferKeepAlive(payer.address, 5_000n * GYU), alice);
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  /** Runs `scripts/gongyu <args> --json` signed as `suri` (a dev account's `//Name`, else a
   * secret passed in GONGYU_SURI), which must succeed; its output. */
  async function gongyu(args, suri) {
    const dev = suri?.startsWith('//');
    const result = await runProcess(path.join(repoRoot, 'scripts', 'gongyu'),
      [...args, '--ws', node.wsUrl, '--json', ...(dev ? ['--suri', suri] : [])],
      { cwd: repoRoot, env: { ...process.env, ...(suri && !dev ? { GONGYU_SURI: suri } : {}) } });
    assert.equal(result.code, 0, `gongyu ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
    return result.stdout;
  }

  /** Submits a dataset as `who` under `license` with `consent` and has Alice and Bob verify it; its id. */
  async function verifiedDataset(who, seed, { license = 'MIT', consent = ALL_ALLOWED } = {}) {
    const root = `0x${seed.toString(16).padStart(2, '0').repeat(32)}`;
    const tx = api.tx.contributions.submit('Dataset', root, 1n << 16n, `https://data.gongyu.example/${seed}/`, license,
      consentForChain(consent), null);
    const { events } = await sendAndWait(api, tx, who, { until: 'inBlock' });
    const id = events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event)).event.data.id.toNumber();
    await sendAndWait(api, api.tx.contributions.attest(id, measured(seed)), alice, { until: 'inBlock' });
    await sendAndWait(api, api.tx.contributions.attest(id, measured(seed)), bob, { until: 'inBlock' });
    assert.ok((await api.query.contributions.contributions(id)).unwrap().status.isVerified);
    return id;
  }

  test('the council registers a base and a fine-tune release; a usage fee reaches every contributor to the unit', async () => {
    const [c1, c2, c3, c4] = [
      await verifiedDataset(dave, 0x31), await verifiedDataset(eve, 0x32),
      await verifiedDataset(ferdie, 0x33), await verifiedDataset(dave, 0x34),
    ];
    const base = (await api.query.models.nextReleaseId()).toNumber();
    let result = await councilMotion(api, api.tx.models.registerRelease('gongyu-ko-base', `0x${'b0'.repeat(32)}`, `0x${'f1'.repeat(32)}`, [],
      RESEARCH_CHAT, [[c1, 1], [c2, 1]]));
    assert.ok(result.isOk, `motion: ${result}`);
    result = await councilMotion(api, api.tx.models.registerRelease('gongyu-ko-chat', `0x${'c0'.repeat(32)}`, `0x${'f1'.repeat(32)}`, [base],
      RESEARCH_CHAT, [[c3, 2], [c4, 1]]));
    assert.ok(result.isOk, `motion: ${result}`);
    const tune = base + 1;

    const releases = JSON.parse(await gongyu(['releases']));
    assert.deepEqual(releases.map((r) => [r.id, r.name, r.parents]), [[base, 'gongyu-ko-base', []], [tune, 'gongyu-ko-chat', [base]]]);
    const shown = JSON.parse(await gongyu(['release', String(tune)]));
    assert.deepEqual(shown.lineage, [base]);
    assert.deepEqual(shown.intendedUse, RESEARCH_CHAT);
    assert.deepEqual(shown.ingredients.map((i) => [i.contribution, Number(i.shares), i.owner]),
      [[c3, 2, ferdie.address], [c4, 1, dave.address]]);
    assert.deepEqual((await api.call.modelsApi.releasesUsing(c4)).map((r) => r.toNumber()), [tune]);

    // An outside account pays 1,000 GYU for using the fine-tune.
    const split = await api.query.models.split();
    const holders = BigInt(split.holders.toNumber());
    const parents = BigInt(split.parents.toNumber());
    const fee = 1_000n * GYU;
    const issuance = (await api.query.balances.totalIssuance()).toBigInt();
    const paid = JSON.parse(await gongyu(['pay-usage', String(tune), '1000', '--memo', 'inference, November'], payerPhrase));
    const tuneHolders = (fee * holders) / 1_000_000_000n;
    const toBase = (fee * parents) / 1_000_000_000n;
    const baseHolders = (toBase * holders) / 1_000_000_000n;
    assert.deepEqual(paid.hops.map((h) => [h.release, BigInt(h.received), BigInt(h.toHolders), BigInt(h.toParents)]),
      [[tune, fee, tuneHolders, toBase], [base, toBase, baseHolders, 0n]]);
    assert.equal((await api.query.balances.totalIssuance()).toBigInt(), issuance, 'usage fees move money, they mint none');

    // Each contributor claims with the toolkit; balances move by exactly the claim less the fee.
    const expected = {
      [ferdie.address]: accrued(tuneHolders, 2n, 3n),
      [dave.address]: accrued(tuneHolders, 1n, 3n) + accrued(baseHolders, 1n, 2n),
      [eve.address]: accrued(baseHolders, 1n, 2n),
    };
    // The runtime API gives each account's claimable revenue per release and in total.
    for (const who of [ferdie, dave, eve]) {
      const claimable = await api.call.modelsApi.claimableBy(who.address);
      assert.equal(claimable.total.toBigInt(), expected[who.address], `claimable by ${who.address}`);
      assert.equal(claimable.perRelease.reduce((sum, [, , amount]) => sum + amount.toBigInt(), 0n),
        expected[who.address]);
    }
    assert.deepEqual((await api.call.modelsApi.claimableBy(dave.address)).perRelease
      .map(([release, contribution]) => [release.toNumber(), contribution.toNumber()]).sort(),
    [[base, c1], [tune, c4]].sort());
    for (const [who, suri] of [[ferdie, '//Ferdie'], [dave, '//Dave'], [eve, '//Eve']]) {
      const out = JSON.parse(await gongyu(['claim'], suri));
      assert.equal(BigInt(out.total), expected[who.address], `${suri} claimed ${out.total}`);
      // The claim's block: the balance change is the claim, less the fee, plus any reward
      // paid to the same account in that block.
      const claimEvent = await findClaimBlock(who.address);
      const before = (await (await api.at(claimEvent.parent)).query.system.account(who.address)).data.free.toBigInt();
      const after = (await (await api.at(claimEvent.hash)).query.system.account(who.address)).data.free.toBigInt();
      assert.equal(after - before, expected[who.address] - claimEvent.fee + claimEvent.rewards, suri);
    }
    assert.equal((await api.call.modelsApi.claimable([c1, c2, c3, c4])).length, 0, 'nothing left to claim');

    // The explorer draws the two releases and the edge from the base to the fine-tune.
    const port = await freePort();
    const explorer = spawn(path.join(repoRoot, 'scripts', 'gongyu'), ['explorer', '--port', String(port), '--ws', node.wsUrl],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const browser = await launchBrowser();
    try {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the explorer did not start')), 30_000);
        explorer.stdout.on('data', (d) => { if (/Explorer on http/.test(String(d))) { clearTimeout(timer); resolve(); } });
      });
      const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => document.querySelectorAll('#lineage g.release').length === 2, null, { timeout: 60_000 });
      assert.deepEqual(await page.$$eval('#lineage g.release text.name', (nodes) => nodes.map((n) => n.textContent)),
        [`#${base} gongyu-ko-base`, `#${tune} gongyu-ko-chat`]);
      assert.deepEqual(await page.$$eval('#lineage line.edge', (lines) => lines.map((l) => [l.dataset.from, l.dataset.to])),
        [[String(base), String(tune)]]);
      assert.match(await page.$eval(`#lineage g.release[data-id="${tune}"] text.detail`, (t) => t.textContent), /^2 ingredients/);
      await page.locator('#lineage').screenshot({ path: path.join(artifactsDir(), 'lineage.png') });
    } finally {
      await browser.close();
      explorer.kill('SIGTERM');
    }
  });

  test('an unlisted license is refused at submit until the council lists it; a release takes only ingredients whose license and consent allow its use', async () => {
    const research = 'LicenseRef-Gongyu-Research';
    const root = `0x${'4e'.repeat(32)}`;
    const before = (await api.query.contributions.nextContributionId()).toNumber();
    const held = async () => (await api.query.balances.holds(dave.address)).reduce((sum, h) => sum + h.amount.toBigInt(), 0n);
    const heldBefore = await held();
    const refused = await sendAndWait(api, api.tx.contributions.submit('Dataset', root, 1n << 16n,
      'https://data.gongyu.example/research/', research, consentForChain(ALL_ALLOWED), null), dave)
      .then(() => assert.fail('an unlisted license was accepted'), (e) => e);
    assert.equal(`${refused.section}.${refused.name}`, 'contributions.LicenseNotAccepted');
    assert.equal((await api.query.contributions.nextContributionId()).toNumber(), before, 'nothing was recorded');
    assert.equal(await held(), heldBefore, 'no deposit was held');

    // The council lists it as non-commercial; the same submission now goes through.
    const terms = { training: true, weightsRedistribution: true, commercial: false };
    const listed = await councilMotion(api, api.tx.contributions.setLicense(research, terms));
    assert.ok(listed.isOk, `motion: ${listed}`);
    const licenses = await api.call.contributionsApi.licenses();
    assert.ok(licenses.some(([license]) => license.toUtf8() === research), 'the runtime API lists it');
    const nonCommercial = await verifiedDataset(dave, 0x4e, { license: research });
    const noGeneration = await verifiedDataset(eve, 0x4f, { consent: { ...ALL_ALLOWED, ai_generative_training: 'notAllowed' } });
    const open = await verifiedDataset(ferdie, 0x50);
    const stored = (await api.call.contributionsApi.contribution(noGeneration)).unwrap();
    assert.ok(stored.consent.aiGenerativeTraining.isNotAllowed, 'the chain records the owner\'s consent');

    // Attack: a commercial chat model quietly built on non-commercial data, or on data whose
    // owner withheld consent to generative training. Both motions fail; nothing is registered.
    const next = (await api.query.models.nextReleaseId()).toNumber();
    const errorOf = (result) => {
      const meta = api.registry.findMetaError(result.asErr.asModule);
      return `${meta.section}.${meta.name}`;
    };
    for (const [ingredient, error] of [[nonCommercial, 'models.IngredientLicenseForbids'], [noGeneration, 'models.IngredientConsentForbids']]) {
      const result = await councilMotion(api, api.tx.models.registerRelease('gongyu-ko-shop', `0x${'e0'.repeat(32)}`,
        `0x${'f1'.repeat(32)}`, [], COMMERCIAL_CHAT, [[open, 1], [ingredient, 1]]));
      assert.ok(result.isErr, 'the release was registered');
      assert.equal(errorOf(result), error);
    }
    assert.equal((await api.query.models.nextReleaseId()).toNumber(), next);
    // The non-commercial data goes into a research model; the commercial model takes the rest.
    const ok = await councilMotion(api, api.tx.models.registerRelease('gongyu-ko-research', `0x${'e1'.repeat(32)}`,
      `0x${'f1'.repeat(32)}`, [], RESEARCH_CHAT, [[open, 1], [nonCommercial, 1]]));
    assert.ok(ok.isOk, `motion: ${ok}`);
    const shop = await councilMotion(api, api.tx.models.registerRelease('gongyu-ko-shop', `0x${'e2'.repeat(32)}`,
      `0x${'f1'.repeat(32)}`, [], COMMERCIAL_CHAT, [[open, 1]]));
    assert.ok(shop.isOk, `motion: ${shop}`);
    // Nor can the research model's lineage be sold on.
    const laundered = await councilMotion(api, api.tx.models.registerRelease('gongyu-ko-shop-2', `0x${'e3'.repeat(32)}`,
      `0x${'f1'.repeat(32)}`, [next], COMMERCIAL_CHAT, [[open, 1]]));
    assert.equal(errorOf(laundered), 'models.UseBeyondParent');
    const release = (await api.call.modelsApi.release(next)).unwrap();
    assert.deepEqual(release.intendedUse.toJSON(), RESEARCH_CHAT);
  });

  /** The latest block with a `RevenueClaimed` for `who`: its hash, parent, the fee paid and rewards received there. */
  async function findClaimBlock(who) {
    let hash = (await api.rpc.chain.getFinalizedHead());
    for (let i = 0; i < 20; i += 1) {
      const header = await api.rpc.chain.getHeader(hash);
      const events = await (await api.at(hash)).query.system.events();
      const claimed = events.some(({ event }) => api.events.models.RevenueClaimed.is(event) && event.data.owner.toString() === who);
      if (claimed) {
        const fee = events.filter(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event)
          && event.data.who.toString() === who).reduce((sum, { event }) => sum + event.data.actualFee.toBigInt(), 0n);
        const rewards = events.filter(({ event }) => api.events.rewards.RewardPaid.is(event)
          && event.data.who.toString() === who).reduce((sum, { event }) => sum + event.data.amount.toBigInt(), 0n);
        return { hash, parent: header.parentHash, fee, rewards };
      }
      hash = header.parentHash;
    }
    throw new Error(`no RevenueClaimed for ${who} in the last 20 finalized blocks`);
  }
});
