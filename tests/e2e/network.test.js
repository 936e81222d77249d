// End-to-end: a permissioned validator network of real `gongyu-node --chain local` processes.
//
// Four validators (Alice, Bob, Charlie, Dave) author and finalize; losing one of them does
// not stop the chain and the lost node catches up after a restart, also after SIGKILL in the
// middle of block import; a node whose PeerId the council has not admitted cannot sync until
// a motion admits it; the council admits a fifth validator by motion and removes it again,
// and a removal below the minimum fails.
//
// The test command runs the short form: one SIGKILL round, and no validator-set change (it
// waits for four session rotations). `bash scripts/test-long.sh` runs the long form
// (GONGYU_E2E_LONG=1): three SIGKILL rounds and the fifth validator's admission and removal.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { u8aToHex } from '@polkadot/util';
import { base58Decode } from '@polkadot/util-crypto';

import {
  rpcCall, sendAndWait, signer, waitForHead,
} from '../../scripts/js/lib/chain.js';
import { councilMotion } from '../../scripts/js/lib/council.js';
import { LocalNetwork, peerId } from './support/network.js';

const VALIDATORS = ['alice', 'bob', 'charlie', 'dave'];
const LONG = process.env.GONGYU_E2E_LONG === '1';
const LONG_ONLY = !LONG && 'long form only (bash scripts/test-long.sh): waits for session rotations';

describe('permissioned validator network (local chain)', () => {
  const net = new LocalNetwork('network');

  before(async () => {
    for (const [i, label] of VALIDATORS.entries()) {
      await net.start(label, i + 1, { extraArgs: [`--${label}`] });
    }
  });

  after(async () => {
    await net.stopAll();
  });

  /** Every node in `labels` has the same hash for block `number`. */
  async function sameBlock(labels, number) {
    const hashes = await Promise.all(labels.map((l) => net.hashAt(l, number)));
    assert.equal(new Set(hashes).size, 1, `block ${number}: ${hashes.join(', ')}`);
    return hashes[0];
  }

  test('four validators author and finalize', async () => {
    await net.finalizedAtLeast('alice', 3, 180_000);
    const api = await net.api('alice');
    const authors = new Set();
    const finalized = await net.finalizedNumber('alice');
    for (let n = 1; n <= finalized; n += 1) {
      const header = await api.derive.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      if (header.author) authors.add(header.author.toString());
    }
    assert.ok(authors.size >= 2, `blocks by ${authors.size} authors`);
    await sameBlock(VALIDATORS, finalized);
  });

  test('one of four down: blocks and finality go on; restarted, it catches up', async () => {
    await net.kill('dave');
    const start = await net.finalizedNumber('alice');
    await net.finalizedAtLeast('alice', start + 3);
    await net.restart('dave');
    const target = (await net.finalizedNumber('alice')) + 1;
    await net.finalizedAtLeast('dave', target);
    await sameBlock(['alice', 'dave'], target);
  });

  test('SIGKILL during block import, then restart: the database opens and catches up', async () => {
    for (let round = 0; round < (LONG ? 3 : 1); round += 1) {
      const api = await net.api('charlie');
      // Kill right when a new block arrives, while it is being imported.
      await waitForHead(api, () => true, { timeoutMs: 60_000 });
      await net.kill('charlie');
      await net.restart('charlie');
      const target = (await net.finalizedNumber('alice')) + 1;
      await net.finalizedAtLeast('charlie', target);
      await sameBlock(['alice', 'charlie'], target);
    }
  });

  const motion = async (call) => councilMotion(await net.api('alice'), call);

  /** Admits node key `index` to the network by council motion. */
  async function admit(index, operator) {
    const api = await net.api('alice');
    // As hex: polkadot.js reads a bare Uint8Array for `Bytes` as already length-prefixed.
    const peer = u8aToHex(base58Decode(await peerId(index)));
    const result = await motion(api.tx.networkAdmission.admitNode(peer, operator));
    assert.ok(result.isOk, `admitNode: ${result}`);
  }

  test('a node the council has not admitted cannot sync; once admitted, it does', async () => {
    const outsider = await net.start('outsider', 6, { validator: false, extraArgs: ['--offchain-worker', 'always'] });
    const outsiderApi = await net.api('outsider');
    const best = async () => (await outsiderApi.rpc.chain.getHeader()).number.toNumber();
    await new Promise((r) => setTimeout(r, 30_000));
    assert.equal(await best(), 0, 'the outsider imported blocks without admission');

    await admit(6, (await signer('//Ferdie')).address);
    const target = await net.finalizedNumber('alice');
    await net.finalizedAtLeast('outsider', target, 180_000);
    await sameBlock(['alice', 'outsider'], target);
    await net.closeApi('outsider');
    await outsider.stop();
  });

  test('a validator refuses an unadmitted node from the moment it restarts, not from its first offchain-worker run', async () => {
    // The attack: wait for an admitted node to restart (an upgrade, a crash) and sync from it
    // before its offchain worker has handed it the admitted list.
    const dave = net.nodes.get('dave');
    const daveAddress = `/ip4/127.0.0.1/tcp/${dave.p2pPort}/p2p/${await peerId(4)}`;
    await net.kill('dave');
    const lurker = await net.start('lurker', 7, {
      validator: false,
      extraArgs: ['--reserved-nodes', daveAddress, '--reserved-only'],
    });
    await net.restart('dave');
    const lurkerApi = await net.api('lurker');
    await new Promise((r) => setTimeout(r, 30_000));
    const best = (await lurkerApi.rpc.chain.getHeader()).number.toNumber();
    assert.equal(best, 0, 'the unadmitted node synced from a restarted validator');
    // Dave itself is back in the network.
    await net.finalizedAtLeast('dave', (await net.finalizedNumber('alice')) - 1);
    await net.closeApi('lurker');
    await lurker.stop();
  });

  test('the council admits a fifth validator, then removes it; the minimum holds', { skip: LONG_ONLY }, async () => {
    const [charlie, eve] = await Promise.all(['//Charlie', '//Eve'].map(signer));
    await admit(5, eve.address);
    const eveNode = await net.start('eve', 5);
    const api = await net.api('alice');

    // Eve's operator generates session keys in her node and registers them.
    const owner = api.createType('AccountId32', eve.address).toHex();
    const generated = await rpcCall(eveNode.wsUrl, 'author_rotateKeysWithOwner', [owner]);
    await sendAndWait(api, api.tx.session.setKeys(generated.keys, generated.proof), eve);

    const added = await motion(api.tx.validatorSet.addValidator(eve.address));
    assert.ok(added.isOk, `addValidator: ${added}`);

    const authoredBy = (who, timeoutMs) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no block by ${who} in ${timeoutMs} ms`)), timeoutMs);
      api.derive.chain.subscribeNewHeads((header) => {
        if (header.author?.toString() === who) { clearTimeout(timer); resolve(header.number.toNumber()); }
      });
    });
    const first = await authoredBy(eve.address, 300_000);
    assert.ok(first > 0, 'Eve authored a block');
    assert.ok((await api.query.session.validators()).map(String).includes(eve.address));

    const removed = await motion(api.tx.validatorSet.removeValidator(eve.address));
    assert.ok(removed.isOk, `removeValidator: ${removed}`);
    // Two session rotations later Eve is out of the authority set.
    const deadline = Date.now() + 300_000;
    while ((await api.query.session.validators()).map(String).includes(eve.address)) {
      assert.ok(Date.now() < deadline, 'Eve still validates');
      await new Promise((r) => setTimeout(r, 3_000));
    }
    const minimum = (await api.query.validatorSet.minValidators()).toNumber();
    assert.equal(minimum, 3);
    // Four left and a minimum of three: one more removal passes, the next fails.
    const downToThree = await motion(api.tx.validatorSet.removeValidator((await signer('//Dave')).address));
    assert.ok(downToThree.isOk);
    const belowMinimum = await motion(api.tx.validatorSet.removeValidator(charlie.address));
    assert.ok(belowMinimum.isErr, 'removal below the minimum must fail');
    const meta = api.registry.findMetaError(belowMinimum.asErr.asModule);
    assert.equal(`${meta.section}.${meta.name}`, 'validatorSet.TooFewValidators');
    await eveNode.stop();
  });
});
