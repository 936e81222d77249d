// End-to-end: a contribution's lifecycle on a real dev node, driven by polkadot.js.
//
// Alice submits a dataset whose bytes sit in a local file (file:// URI); two dev verifiers
// (Bob and Charlie) fetch the bytes, re-hash them and attest; the contribution reads back as
// Verified through storage, the runtime API and events. A front-run of the pending root, an
// attestation by a non-verifier and a verifier's vote on its own contribution fail with their
// named errors and change nothing; withdrawing after a negative attestation is slashed.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { startNode } from './support/node-process.js';
import { connect, DispatchFailure, sendAndWait, signer } from '../../scripts/js/lib/chain.js';
import { ALL_ALLOWED, consentForChain } from '../../scripts/js/lib/terms.js';
import { hashFile } from '../../scripts/js/lib/hashing.js';

describe('contributions on the dev chain', () => {
  let node;
  let api;
  let alice;
  let bob;
  let charlie;
  let dave;
  let workDir;
  let artifact;
  let contributionId;

  before(async () => {
    node = await startNode({ name: 'contributions-dev', args: ['--dev'] });
    api = await connect(node.wsUrl);
    [alice, bob, charlie, dave] = await Promise.all(['//Alice', '//Bob', '//Charlie', '//Dave'].map(signer));
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-artifact-'));
    artifact = path.join(workDir, 'korean-dialogues.jsonl');
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, text: `안녕하세요 ${i}` }));
    fs.writeFileSync(artifact, `${lines.join('\n')}\n`);
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  /**
   * What a verifier does: fetch the bytes behind a file:// URI, compare root and size, and
   * count the records. This test's artifact is 2,000 distinct Korean JSON lines, all valid and
   * in language; a tenth are declared off-language here so that the score is 90.
   */
  async function verify(contribution) {
    const uri = Buffer.from(contribution.uri.toU8a(true)).toString('utf8');
    const file = fileURLToPath(uri);
    const { root, size } = await hashFile(file);
    const matches = root === contribution.root.toHex() && BigInt(size) === contribution.bytes.toBigInt();
    if (!matches) return 'HashMismatch';
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
    const counted = lines.slice(0, lines.length * 0.9);
    return { Measured: {
      counts: {
        records: lines.length,
        valid: lines.length,
        duplicates: 0,
        inLanguage: counted.length,
        usefulBytes: counted.reduce((sum, line) => sum + Buffer.byteLength(line), 0),
      },
      // Any fixed sketch: the chain holds no other dataset to compare it with.
      sketch: Array.from({ length: 64 }, (_, i) => i),
    } };
  }

  test('Alice submits a dataset and her deposit is held', async () => {
    const { root, size } = await hashFile(artifact);
    const uri = pathToFileURL(artifact).href;
    const tx = api.tx.contributions.submit('Dataset', root, size, uri, 'CC-BY-4.0', consentForChain(ALL_ALLOWED), null);
    const { events } = await sendAndWait(api, tx, alice);

    const submitted = events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event));
    assert.ok(submitted, 'ContributionSubmitted emitted');
    contributionId = submitted.event.data.id.toNumber();
    assert.equal(submitted.event.data.owner.toString(), alice.address);
    assert.equal(submitted.event.data.root.toHex(), root);

    const stored = (await api.query.contributions.contributions(contributionId)).unwrap();
    assert.ok(stored.status.isPending);
    assert.equal((await api.query.contributions.byHash(root)).unwrap().asContribution.toNumber(), contributionId);
    const reserved = (await api.query.system.account(alice.address)).data.reserved.toBigInt();
    assert.equal(reserved, submitted.event.data.deposit.toBigInt(), 'the deposit is on hold');
  });

  test('a front-run of the pending root fails with DuplicateContent and changes nothing', async () => {
    const { root, size } = await hashFile(artifact);
    const countBefore = (await api.query.contributions.nextContributionId()).toNumber();
    const bobBefore = (await api.query.system.account(bob.address)).data;
    const tx = api.tx.contributions.submit('Dataset', root, size, 'https://mirror.example/copy', 'MIT', consentForChain(ALL_ALLOWED), null);
    const failure = await sendAndWait(api, tx, bob).then(() => assert.fail('duplicate accepted'), (e) => e);
    assert.ok(failure instanceof DispatchFailure, String(failure));
    assert.equal(`${failure.section}.${failure.name}`, 'contributions.DuplicateContent');

    assert.equal((await api.query.contributions.nextContributionId()).toNumber(), countBefore);
    const bobAfter = (await api.query.system.account(bob.address)).data;
    assert.equal(bobAfter.reserved.toBigInt(), bobBefore.reserved.toBigInt(), 'no deposit held');
  });

  test('an attestation by a non-verifier fails with NotVerifier and changes nothing', async () => {
    const tx = api.tx.contributions.attest(contributionId, { Valid: { score: 100 } });
    const failure = await sendAndWait(api, tx, dave).then(() => assert.fail('non-verifier accepted'), (e) => e);
    assert.equal(`${failure.section}.${failure.name}`, 'contributions.NotVerifier');
    const stored = (await api.query.contributions.contributions(contributionId)).unwrap();
    assert.equal(stored.attestations.length, 0);
    assert.ok(stored.status.isPending);
  });

  test('a bare score cannot verify a dataset: DatasetNeedsCounts, nothing recorded', async () => {
    const tx = api.tx.contributions.attest(contributionId, { Valid: { score: 100 } });
    const failure = await sendAndWait(api, tx, bob).then(() => assert.fail('bare score accepted'), (e) => e);
    assert.equal(`${failure.section}.${failure.name}`, 'contributions.DatasetNeedsCounts');
    assert.equal((await api.query.contributions.contributions(contributionId)).unwrap().attestations.length, 0);
  });

  test('counts a dataset cannot hold fail with InconsistentCounts', async () => {
    const contribution = (await api.query.contributions.contributions(contributionId)).unwrap();
    const inflated = { records: 1, valid: 1, duplicates: 0, inLanguage: 1, usefulBytes: contribution.bytes.toBigInt() + 1n };
    const tx = api.tx.contributions.attest(contributionId, { Measured: { counts: inflated, sketch: new Array(64).fill(0) } });
    const failure = await sendAndWait(api, tx, bob).then(() => assert.fail('inflated counts accepted'), (e) => e);
    assert.equal(`${failure.section}.${failure.name}`, 'contributions.InconsistentCounts');
    assert.equal((await api.query.contributions.contributions(contributionId)).unwrap().attestations.length, 0);
  });

  test('a verifier cannot attest its own contribution', async () => {
    // Alice is a dev verifier and the owner.
    const contribution = (await api.query.contributions.contributions(contributionId)).unwrap();
    const tx = api.tx.contributions.attest(contributionId, await verify(contribution));
    const failure = await sendAndWait(api, tx, alice).then(() => assert.fail('self-attestation accepted'), (e) => e);
    assert.equal(`${failure.section}.${failure.name}`, 'contributions.OwnContribution');
    assert.equal((await api.query.contributions.contributions(contributionId)).unwrap().attestations.length, 0);
  });

  test('two verifiers re-hash the bytes, attest, and the contribution is Verified', async () => {
    const aliceBefore = (await api.query.system.account(alice.address)).data;
    const contribution = (await api.query.contributions.contributions(contributionId)).unwrap();

    const first = await sendAndWait(api, api.tx.contributions.attest(contributionId, await verify(contribution)), bob);
    assert.ok(first.events.some(({ event }) => api.events.contributions.Attested.is(event)));
    assert.ok((await api.query.contributions.contributions(contributionId)).unwrap().status.isPending);

    const second = await sendAndWait(api, api.tx.contributions.attest(contributionId, await verify(contribution)), charlie);
    const verified = second.events.find(({ event }) => api.events.contributions.ContributionVerified.is(event));
    assert.ok(verified, 'ContributionVerified emitted');
    assert.equal(verified.event.data.score.toNumber(), 90);
    const measured = second.events.find(({ event }) => api.events.contributions.DatasetMeasured.is(event));
    assert.ok(measured, 'DatasetMeasured emitted');
    const counts = (await verify(contribution)).Measured.counts;
    assert.equal(measured.event.data.counts.records.toNumber(), 2000);
    assert.equal(measured.event.data.counts.inLanguage.toNumber(), 1800);
    assert.equal(measured.event.data.rewardedBytes.toNumber(), counts.usefulBytes);
    assert.ok(counts.usefulBytes < contribution.bytes.toNumber(), 'line endings and off-language records earn nothing');

    const stored = (await api.query.contributions.contributions(contributionId)).unwrap();
    assert.ok(stored.status.isVerified);
    assert.equal(stored.status.asVerified.score.toNumber(), 90);
    assert.equal(stored.attestations.length, 2);

    const status = await api.call.contributionsApi.status(contributionId);
    assert.ok(status.unwrap().isVerified);
    const mine = await api.call.contributionsApi.contributionsOf(alice.address);
    assert.ok(mine.map((id) => id.toNumber()).includes(contributionId));

    const aliceAfter = (await api.query.system.account(alice.address)).data;
    assert.equal(aliceAfter.reserved.toBigInt(), aliceBefore.reserved.toBigInt() - contribution.deposit.toBigInt(),
      'the deposit was released');
  });

  test('withdrawing after a negative attestation slashes the deposit to the reward pot', async () => {
    const root = `0x${'5e'.repeat(32)}`;
    const submitted = await sendAndWait(api,
      api.tx.contributions.submit('Dataset', root, 4096, 'https://junk.example/set/', 'MIT', consentForChain(ALL_ALLOWED), null), dave);
    const event = submitted.events.find(({ event: e }) => api.events.contributions.ContributionSubmitted.is(e)).event;
    const id = event.data.id.toNumber();
    const deposit = event.data.deposit.toBigInt();
    await sendAndWait(api, api.tx.contributions.attest(id, 'HashMismatch'), bob);

    const withdrawn = await sendAndWait(api, api.tx.contributions.withdraw(id), dave);
    const done = withdrawn.events.find(({ event: e }) => api.events.contributions.ContributionWithdrawn.is(e));
    assert.ok(done, 'ContributionWithdrawn emitted');
    assert.equal(done.event.data.slashed.toBigInt(), deposit, 'the whole deposit was slashed');
    assert.ok((await api.query.contributions.contributions(id)).unwrap().status.isWithdrawn);
    assert.equal((await api.query.system.account(dave.address)).data.reserved.toBigInt(), 0n);
    // The root is free again for whoever holds the real bytes.
    assert.ok((await api.query.contributions.byHash(root)).isNone);
  });
});
