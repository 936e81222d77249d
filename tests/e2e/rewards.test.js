// End-to-end: governance and rewards on a real dev node, driven by polkadot.js.
//
// The council (Alice, Bob, Charlie on `dev`) sets the epoch budget by motion; a contribution
// is verified; when the ten-block dev epoch closes, its owner sees the reward arrive in
// system.account and in the RewardsApi. A non-council account cannot set the budget. At the
// end the node is stopped, its state exported, and every runtime invariant checked on it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { councilMotion } from '../../scripts/js/lib/council.js';
import { nodeBinary, repoRoot, runProcess, startNode } from './support/node-process.js';
import { connect, sendAndWait, signer, waitForHead } from '../../scripts/js/lib/chain.js';
import { ALL_ALLOWED, consentForChain } from '../../scripts/js/lib/terms.js';

const GYU = 10n ** 12n;
/** Storage key of `balances.totalIssuance`: twox128("Balances") ++ twox128("TotalIssuance"). */
const TOTAL_ISSUANCE_KEY = '0xc2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80';

/**
 * What both verifiers count in these 1 MiB datasets: 10 records, all valid, 9 in language,
 * and every registered byte useful. Score 90; rewarded for the whole 1 MiB, each dataset
 * new (`seed` tells them apart).
 */
const measuredAt90 = (seed) => ({ Measured: {
  counts: { records: 10, valid: 10, duplicates: 0, inLanguage: 9, usefulBytes: 1n << 20n },
  // Datasets of their own: sketches that share nothing.
  sketch: Array.from({ length: 64 }, (_, i) => seed * 1000 + i),
} });

/** Runs `scripts/gongyu <args>` against `wsUrl`; resolves with its stdout, failing on an error. */
async function runGongyu(wsUrl, args) {
  const { code, stdout, stderr } = await runProcess(path.join(repoRoot, 'scripts', 'gongyu'), [...args, '--ws', wsUrl], { cwd: repoRoot });
  assert.equal(code, 0, `gongyu ${args.join(' ')} failed:\n${stderr}${stdout}`);
  return stdout;
}

describe('council and rewards on the dev chain', () => {
  let node;
  let api;
  let bob;
  let charlie;
  let dave;
  let eve;
  /** Eve's first rewarded contribution and what it earned, for the vesting test. */
  let firstReward;
  /** Eve's capped contribution and its frozen reward, for the dispute test. */
  let cappedReward;

  before(async () => {
    node = await startNode({ name: 'rewards-dev', args: ['--dev'] });
    api = await connect(node.wsUrl);
    [bob, charlie, dave, eve] = await Promise.all(
      ['//Bob', '//Charlie', '//Dave', '//Eve'].map(signer),
    );
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  test('a non-council account cannot set the budget', async () => {
    const before = (await api.query.rewards.budget()).toBigInt();
    const failure = await sendAndWait(api, api.tx.rewards.setBudget(1n), dave).then(
      () => assert.fail('a non-council account set the budget'),
      (error) => error,
    );
    assert.equal(failure.name, 'BadOrigin', String(failure));
    assert.equal((await api.query.rewards.budget()).toBigInt(), before);
  });

  test('the council sets the budget by motion', async () => {
    const budget = 2_500n * GYU;
    const result = await councilMotion(api, api.tx.rewards.setBudget(budget));
    assert.ok(result.isOk, `motion result: ${result}`);
    assert.equal((await api.query.rewards.budget()).toBigInt(), budget);
    const epoch = await api.call.rewardsApi.currentEpoch();
    assert.equal(epoch.budget.toBigInt(), budget);
  });

  test("a verified contribution's owner is paid when the epoch closes", async () => {
    const root = `0x${'ab'.repeat(32)}`;
    const submit = api.tx.contributions.submit('Dataset', root, 1n << 20n, 'https://data.gongyu.example/e.tar', 'MIT', consentForChain(ALL_ALLOWED), null);
    const { events } = await sendAndWait(api, submit, eve);
    const id = events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event)).event.data.id;

    await sendAndWait(api, api.tx.contributions.attest(id, measuredAt90(1)), bob, { until: 'inBlock' });
    const verified = await sendAndWait(api, api.tx.contributions.attest(id, measuredAt90(1)), charlie, { until: 'inBlock' });
    assert.ok(verified.events.some(({ event }) => api.events.contributions.ContributionVerified.is(event)));
    const entered = verified.events.find(({ event }) => api.events.rewards.ContributionEntered.is(event));
    assert.ok(entered, 'the contribution entered the reward epoch');
    const epochIndex = entered.event.data.epoch.toNumber();

    const freeBefore = (await api.query.system.account(eve.address)).data.free.toBigInt();
    // Wait until the epoch has been paid out.
    const paid = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no RewardPaid within 120 s')), 120_000);
      api.query.system.events((records) => {
        const record = records.find(({ event }) => api.events.rewards.RewardPaid.is(event)
          && event.data.who.toString() === eve.address);
        if (record) { clearTimeout(timer); resolve(record.event.data.amount.toBigInt()); }
      });
    });
    await waitForHead(api, () => true, { finalized: true });

    const budget = (await api.query.rewards.budget()).toBigInt();
    // Eve's was the only contribution of the epoch, yet it does not take the whole budget:
    // the epoch pays at most its weight at the price cap.
    const weight = entered.event.data.weight.toBigInt();
    const price = BigInt((await api.query.rewards.rules()).maxPricePerWeight.toString());
    const worth = weight * price;
    assert.ok(worth < budget / 10n, `a 1 MiB dataset is worth ${worth}, budget ${budget}`);
    assert.equal(paid, worth);
    const freeAfter = (await api.query.system.account(eve.address)).data.free.toBigInt();
    assert.ok(freeAfter - freeBefore >= worth, `free balance grew by ${freeAfter - freeBefore}`);

    const account = await api.call.rewardsApi.accountRewards(eve.address);
    assert.equal(account.earned.toBigInt(), worth);
    assert.equal(account.paid.toBigInt(), worth);
    assert.ok(account.lastPaidAt.isSome);
    assert.equal((await api.call.rewardsApi.totalRewards(eve.address)).toBigInt(), worth);
    assert.equal((await api.call.rewardsApi.pendingRewards(eve.address)).toBigInt(), 0n);
    const reward = await api.call.rewardsApi.contributionReward(id);
    assert.equal(reward.reward.toBigInt(), worth);
    assert.equal(reward.epoch.unwrap().toNumber(), epochIndex);
    firstReward = { id: id.toNumber(), worth, paidAt: account.lastPaidAt.unwrap().toNumber() };
  });

  test('the reward stays frozen through its challenge window, then thaws', async () => {
    assert.ok(firstReward, 'the payout test ran first');
    const { id, worth, paidAt } = firstReward;
    const window = (await api.call.rewardsApi.challengeWindow()).toNumber();
    assert.equal(window, 20, "dev's challenge window");
    const vestsAt = paidAt + window;

    // The ledger, the schedule and the balance's freeze agree.
    assert.equal((await api.call.rewardsApi.accountRewards(eve.address)).unvested.toBigInt(), worth);
    const schedule = (await api.call.rewardsApi.vestingSchedule(eve.address))
      .map(([contribution, entry]) => [contribution.toNumber(), entry.amount.toBigInt(), entry.vestsAt.toNumber()]);
    assert.deepEqual(schedule, [[id, worth, vestsAt]]);
    const freezes = (await api.query.balances.freezes(eve.address)).toJSON();
    assert.deepEqual(freezes, [{ id: { rewards: 'UnvestedReward' }, amount: Number(worth) }]);

    // The attack: move the reward away before anyone can challenge the contribution. Eve
    // may spend what she had, not the frozen reward.
    const free = (await api.query.system.account(eve.address)).data.free.toBigInt();
    const failure = await sendAndWait(api, api.tx.balances.transferKeepAlive(dave.address, free - worth / 2n), eve).then(
      () => assert.fail('a frozen reward was transferred away'),
      (error) => error,
    );
    assert.equal(failure.name, 'Frozen', String(failure));

    // At its block (20 blocks, two minutes on dev) the reward vests and the freeze is lifted.
    await waitForHead(api, (header) => header.number.toNumber() >= vestsAt, { finalized: true, timeoutMs: 240_000 });
    const events = await api.query.system.events.at(await api.rpc.chain.getBlockHash(vestsAt));
    const vested = events.find(({ event }) => api.events.rewards.RewardVested.is(event)
      && event.data.id.toNumber() === id);
    assert.ok(vested, `RewardVested for #${id} in block #${vestsAt}`);
    assert.equal(vested.event.data.amount.toBigInt(), worth);
    const after = await api.query.balances.freezes.at(await api.rpc.chain.getBlockHash(vestsAt), eve.address);
    assert.deepEqual(after.toJSON().filter((freeze) => freeze.id.rewards !== undefined)
      .map((freeze) => freeze.amount), []);
  });

  test('with the price cap lifted, one account still earns at most its share of an epoch', async () => {
    const rules = (await api.query.rewards.rules()).toJSON();
    const lifted = { ...rules, maxPricePerWeight: 10n ** 30n };
    const motion = await councilMotion(api, api.tx.rewards.setRules(lifted));
    assert.ok(motion.isOk, `motion result: ${motion}`);
    const epoch = await api.call.rewardsApi.currentEpoch();
    const accountCap = epoch.accountCap.toBigInt();
    assert.equal(accountCap, epoch.budget.toBigInt() / 10n);

    const submit = api.tx.contributions.submit('Dataset', `0x${'cd'.repeat(32)}`, 1n << 20n, 'https://data.gongyu.example/f.tar', 'MIT', consentForChain(ALL_ALLOWED), null);
    const { events } = await sendAndWait(api, submit, eve);
    const id = events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event)).event.data.id;
    await sendAndWait(api, api.tx.contributions.attest(id, measuredAt90(2)), bob, { until: 'inBlock' });
    await sendAndWait(api, api.tx.contributions.attest(id, measuredAt90(2)), charlie, { until: 'inBlock' });

    const capped = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no RewardCapped within 120 s')), 120_000);
      api.query.system.events((records) => {
        const record = records.find(({ event }) => api.events.rewards.RewardCapped.is(event)
          && event.data.id.eq(id));
        if (record) { clearTimeout(timer); resolve(record.event.data); }
      });
    });
    assert.equal(capped.owner.toString(), eve.address);
    // Alone in the epoch, Eve's share was the whole budget: she gets the cap, the rest stays.
    assert.equal(capped.forgone.toBigInt(), epoch.budget.toBigInt() - accountCap);
    await waitForHead(api, () => true, { finalized: true });
    assert.equal((await api.call.rewardsApi.contributionReward(id)).reward.toBigInt(), accountCap);
    cappedReward = { id: id.toNumber(), amount: accountCap };
  });

  const gongyu = (args) => runGongyu(node.wsUrl, args);

  /** Resolves with the first `disputes.<name>` event of dispute `id` (watching new blocks). */
  const disputeEvent = (name, id, timeoutMs = 180_000) => new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => { unsubscribe(); reject(new Error(`no ${name} for dispute #${id} within ${timeoutMs} ms`)); }, timeoutMs);
    api.query.system.events((records) => {
      const record = records.find(({ event }) => api.events.disputes[name].is(event) && event.data.id.toNumber() === id);
      if (record) { clearTimeout(timer); unsubscribe(); resolve(record.event.data); }
    }).then((unsub) => { unsubscribe = unsub; });
  });

  test('a contribution disputed for plagiarism and upheld is revoked, its frozen reward returns and the challenger is paid', async () => {
    assert.ok(cappedReward, 'the account-cap test ran first');
    const { id, amount } = cappedReward;
    const ferdie = await signer('//Ferdie');
    const params = await api.call.disputesApi.params();
    const bond = params.bond.toBigInt();
    const bountyShare = BigInt(params.bounty.toNumber());

    // The attack it stops: Eve's reward is still frozen, so a challenger can take it back.
    const opened = await sendAndWait(api, api.tx.disputes.openDispute(id, 'Plagiarism', `0x${'e1'.repeat(32)}`), ferdie);
    const disputeId = opened.events.find(({ event }) => api.events.disputes.DisputeOpened.is(event)).event.data.id.toNumber();
    const holds = (await api.query.balances.holds(ferdie.address)).toJSON();
    assert.deepEqual(holds, [{ id: { disputes: 'DisputeBond' }, amount: Number(bond) }]);
    // Eve answers; a second dispute of the same contribution waits for this one.
    await sendAndWait(api, api.tx.disputes.answer(disputeId, `0x${'e2'.repeat(32)}`), eve, { until: 'inBlock' });
    const second = await sendAndWait(api, api.tx.disputes.openDispute(id, 'Duplicate', `0x${'e3'.repeat(32)}`), dave).then(
      () => assert.fail('a second open dispute was accepted'),
      (error) => error,
    );
    assert.equal(second.name, 'AlreadyDisputed', String(second));

    const decided = await councilMotion(api, api.tx.disputes.decide(disputeId, true));
    assert.ok(decided.isOk, `motion result: ${decided}`);
    const upheld = await disputeEvent('DisputeUpheld', disputeId);
    const settlement = upheld.settlement;
    assert.equal(settlement.returned.toBigInt(), amount);
    assert.equal(settlement.debt.toBigInt(), 0n);
    assert.equal(settlement.bounty.toBigInt(), (amount * bountyShare) / 1_000_000_000n);

    await waitForHead(api, () => true, { finalized: true });
    const contribution = (await api.call.contributionsApi.contribution(id)).unwrap();
    assert.equal(contribution.status.type, 'Revoked');
    const status = await gongyu(['status', String(id)]);
    assert.match(status, /status +Revoked/);
    assert.match(status, /revoked by an upheld dispute/);
    assert.match(status, new RegExp(`#${disputeId} Plagiarism by ${ferdie.address}: closed upheld`));
    assert.deepEqual((await api.query.balances.holds(ferdie.address)).toJSON(), []);
    const clawed = (await api.call.rewardsApi.clawedBack(id)).unwrap();
    assert.equal(clawed.returned.toBigInt(), amount);
    const dispute = (await api.call.disputesApi.dispute(disputeId)).unwrap().toJSON();
    assert.equal(dispute.stage.closed.upheld, true);
    assert.equal(dispute.answer, `0x${'e2'.repeat(32)}`);
    // Nothing of the reward is frozen for Eve any more: it left her balance.
    const unvested = (await api.call.rewardsApi.vestingSchedule(eve.address))
      .filter(([contributionId]) => contributionId.toNumber() === id);
    assert.deepEqual(unvested, []);
  });

  test('a frivolous dispute is dismissed and its bond split between the owner and the pot', async () => {
    const ferdie = await signer('//Ferdie');
    const bond = (await api.call.disputesApi.params()).bond.toBigInt();
    const submit = api.tx.contributions.submit('Dataset', `0x${'ce'.repeat(32)}`, 1n << 20n, 'https://data.gongyu.example/g.tar', 'MIT', consentForChain(ALL_ALLOWED), null);
    const { events } = await sendAndWait(api, submit, eve);
    const id = events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event)).event.data.id;
    await sendAndWait(api, api.tx.contributions.attest(id, measuredAt90(3)), bob, { until: 'inBlock' });
    await sendAndWait(api, api.tx.contributions.attest(id, measuredAt90(3)), charlie, { until: 'inBlock' });

    // Verified and waiting for its epoch to pay it: in its challenge window. Opened with the
    // toolkit, as a user would.
    const opened = await gongyu(['dispute', 'open', String(id), 'license', `0x${'e4'.repeat(32)}`, '--suri', '//Ferdie', '--json']);
    const disputeId = JSON.parse(opened).dispute;
    const decided = await councilMotion(api, api.tx.disputes.decide(disputeId, false));
    assert.ok(decided.isOk, `motion result: ${decided}`);
    const dismissed = await disputeEvent('DisputeDismissed', disputeId);
    assert.equal(dismissed.settlement.toWinner.toBigInt(), bond / 2n);
    assert.equal(dismissed.settlement.toPot.toBigInt(), bond - bond / 2n);
    await waitForHead(api, () => true, { finalized: true });
    assert.equal((await api.call.contributionsApi.contribution(id)).unwrap().status.type, 'Verified');
    assert.deepEqual((await api.query.balances.holds(ferdie.address)).toJSON(), []);
    const mine = (await api.call.disputesApi.disputesOfAccount(ferdie.address)).map(([disputeId]) => disputeId.toNumber());
    assert.ok(mine.includes(disputeId));
    assert.match(await gongyu(['dispute', 'status', String(disputeId)]), /closed dismissed at block #\d+/);
    assert.match(await gongyu(['dispute', 'status', '--account', ferdie.address]), new RegExp(`Dispute #${disputeId} of contribution #${id}`));
  });

  test('the state this chain built satisfies every runtime invariant (export-state, check-invariants)', async () => {
    await api.disconnect();
    api = null;
    await node.stop({ keepData: true });
    const { code, stdout, stderr } = await runProcess(nodeBinary(),
      ['export-state', '--chain', 'dev', '--base-path', node.basePath]);
    assert.equal(code, 0, stderr);
    const spec = path.join(node.basePath, 'state.json');
    fs.writeFileSync(spec, stdout);
    // scripts/test.sh runs the try-runtime check of the runtime on this state afterwards.
    if (process.env.GONGYU_E2E_STATE_OUT) fs.writeFileSync(process.env.GONGYU_E2E_STATE_OUT, stdout);
    const checked = await runProcess(nodeBinary(), ['check-invariants', '--chain', spec]);
    assert.equal(checked.code, 0, checked.stderr);
    assert.match(checked.stdout, /every invariant holds/);
    // A state that breaks one is refused, naming it: the total issuance zeroed behind the
    // runtime's back.
    const broken = JSON.parse(stdout);
    const top = broken.genesis.raw.top;
    assert.ok(top[TOTAL_ISSUANCE_KEY], 'the exported state holds the total issuance');
    top[TOTAL_ISSUANCE_KEY] = '0x00000000000000000000000000000000';
    fs.writeFileSync(spec, JSON.stringify(broken));
    const refused = await runProcess(nodeBinary(), ['check-invariants', '--chain', spec]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /rewards: .*total issuance changed other than by governance minting/);
  });
});
