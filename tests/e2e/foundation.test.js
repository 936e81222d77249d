// End-to-end: a real `gongyu-node --dev` driven by @polkadot/api.
//
// Checks that the dev chain authors and finalizes blocks, reports GYU with 12 decimals,
// applies a signed transfer exactly (amount and fee), and refuses a transfer beyond the
// balance with a named error without moving any funds. A client nobody here wrote
// (polkadot-api) signs with the metadata hash (`CheckMetadataHash` mode 1, as hardware
// wallets do) and its transfer is finalized; a signature over a wrong metadata hash is refused.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { startNode } from './support/node-process.js';
import {
  connect, DispatchFailure, sendAndWait, signer, waitForHead,
} from '../../scripts/js/lib/chain.js';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { transferWithMetadataHash } from './support/metadata-hash.js';

const GYU = 10n ** 12n;

describe('dev chain', () => {
  let node;
  let api;
  let alice;
  let fresh;

  before(async () => {
    node = await startNode({ name: 'foundation-dev', args: ['--dev'] });
    api = await connect(node.wsUrl);
    alice = await signer('//Alice');
    fresh = await signer(mnemonicGenerate());
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
  });

  test('authors blocks', async () => {
    const header = await waitForHead(api, (h) => h.number.toNumber() >= 2, { timeoutMs: 60_000 });
    assert.ok(header.number.toNumber() >= 2);
  });

  test('finalizes blocks', async () => {
    const header = await waitForHead(api, (h) => h.number.toNumber() >= 1, { finalized: true, timeoutMs: 60_000 });
    assert.ok(header.number.toNumber() >= 1);
  });

  test('only polkadot.js apps may read HTTP RPC answers in a browser (CORS is not `all`)', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_chain', params: [] });
    const call = (origin) => fetch(`http://127.0.0.1:${node.rpcPort}`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', origin },
    });
    const apps = await call('https://polkadot.js.org');
    assert.equal(apps.status, 200);
    assert.equal(apps.headers.get('access-control-allow-origin'), 'https://polkadot.js.org');
    assert.equal((await apps.json()).result, 'Gongyu Development');
    // A browser hides an answer without the header from the page that asked.
    const foreign = await call('https://attacker.example');
    assert.equal(foreign.headers.get('access-control-allow-origin'), null,
      'a page on another site may not read what the node answers');
  });

  test('system.properties reports GYU with 12 decimals', async () => {
    const properties = await api.rpc.system.properties();
    assert.deepEqual(properties.tokenSymbol.unwrap().map(String), ['GYU']);
    assert.deepEqual(properties.tokenDecimals.unwrap().map((d) => d.toNumber()), [12]);
    assert.equal(properties.ss58Format.unwrap().toNumber(), 42);
    assert.equal(api.registry.chainTokens[0], 'GYU');
  });

  test('a signed transfer moves exactly the amount and charges exactly the fee', async () => {
    const amount = 25n * GYU;
    const tx = api.tx.balances.transferKeepAlive(fresh.address, amount);
    const { blockHash, events } = await sendAndWait(api, tx, alice);

    const header = await api.rpc.chain.getHeader(blockHash);
    const before = await api.at(header.parentHash);
    const at = await api.at(blockHash);
    const aliceBefore = (await before.query.system.account(alice.address)).data.free.toBigInt();
    const aliceAfter = (await at.query.system.account(alice.address)).data.free.toBigInt();
    const freshAfter = (await at.query.system.account(fresh.address)).data.free.toBigInt();

    const feeEvent = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
    assert.ok(feeEvent, 'TransactionFeePaid event present');
    const fee = feeEvent.event.data.actualFee.toBigInt() + feeEvent.event.data.tip.toBigInt();
    assert.ok(fee > 0n, 'a fee was charged');

    assert.equal(freshAfter, amount);
    assert.equal(aliceBefore - aliceAfter, amount + fee);
    const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
    assert.equal(transfer.event.data.amount.toBigInt(), amount);

    const finalized = await api.rpc.chain.getFinalizedHead();
    const finalizedNumber = (await api.rpc.chain.getHeader(finalized)).number.toNumber();
    assert.ok(header.number.toNumber() <= finalizedNumber, 'the transfer block is finalized');
  });

  test('a transfer beyond the balance fails with a named error and moves no funds', async () => {
    const aliceBefore = (await api.query.system.account(alice.address)).data.free.toBigInt();
    const freshBefore = (await api.query.system.account(fresh.address)).data.free.toBigInt();
    const tx = api.tx.balances.transferAllowDeath(alice.address, 1_000n * GYU);

    const failure = await sendAndWait(api, tx, fresh).then(
      () => assert.fail('the transfer should have failed'),
      (error) => error,
    );
    assert.ok(failure instanceof DispatchFailure, `dispatch failure, got: ${failure}`);
    assert.match(`${failure.section}.${failure.name}`, /^(balances\.InsufficientBalance|token\.FundsUnavailable)$/);

    const at = await api.at(failure.blockHash);
    const feeEvent = failure.events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
    const fee = feeEvent.event.data.actualFee.toBigInt() + feeEvent.event.data.tip.toBigInt();
    const aliceAfter = (await at.query.system.account(alice.address)).data.free.toBigInt();
    const freshAfter = (await at.query.system.account(fresh.address)).data.free.toBigInt();
    assert.equal(aliceAfter, aliceBefore, 'the recipient got nothing');
    assert.equal(freshBefore - freshAfter, fee, 'the sender paid only the fee');
  });

  test('polkadot-api signs with the metadata hash (CheckMetadataHash mode 1) and is finalized', async () => {
    const amount = 3n * GYU;
    const before = (await api.query.system.account(fresh.address)).data.free.toBigInt();
    const result = await transferWithMetadataHash(node.wsUrl, '//Bob', fresh.address, amount);
    assert.equal(result.ok, true, `dispatch succeeded: ${JSON.stringify(result.dispatchError)}`);
    assert.equal(result.mode, 1, 'the signed extension carried mode 1');
    const after = (await api.query.system.account(fresh.address)).data.free.toBigInt();
    assert.equal(after - before, amount);
    const finalized = await api.rpc.chain.getFinalizedHead();
    const finalizedNumber = (await api.rpc.chain.getHeader(finalized)).number.toNumber();
    assert.ok(result.blockNumber <= finalizedNumber, 'the block is finalized');
  });

  test('a signature over a metadata hash of other token facts is refused', async () => {
    const before = (await api.query.system.account(fresh.address)).data.free.toBigInt();
    await assert.rejects(
      transferWithMetadataHash(node.wsUrl, '//Bob', fresh.address, GYU, { tokenSymbol: 'DOT', decimals: 10 }),
      /BadProof|Invalid|bad signature/i,
    );
    const after = (await api.query.system.account(fresh.address)).data.free.toBigInt();
    assert.equal(after, before, 'nothing moved');
  });

  test("polkadot.js keeps every field name of Gongyu's pallets and runtime APIs", () => {
    // polkadot.js renames struct fields that clash with its codec methods (`size` becomes
    // `size_`); users would see names the chain does not have.
    const ours = new Set(['pallet_contributions', 'pallet_rewards', 'pallet_governance',
      'pallet_validator_set', 'pallet_network_admission', 'gongyu_runtime']);
    const { lookup } = api.registry;
    const renamed = [];
    let checked = 0;
    for (const { type } of lookup.types) {
      const path = type.path.map(String);
      if (!ours.has(path[0])) continue;
      const fieldSets = type.def.isComposite
        ? [[path.join('::'), type.def.asComposite.fields]]
        : type.def.isVariant
          ? type.def.asVariant.variants.map((v) => [`${path.join('::')}::${v.name}`, v.fields])
          : [];
      for (const [owner, fields] of fieldSets) {
        for (const field of fields) {
          if (field.name.isNone) continue;
          checked += 1;
          const [name, original] = lookup.sanitizeField(field.name);
          if (original) renamed.push(`${owner}.${field.name.unwrap()} (shown as ${name})`);
        }
      }
    }
    assert.ok(checked > 50, `checked ${checked} fields`);
    assert.deepEqual(renamed, []);
  });
});
