// End-to-end: a network made the way docs/operators.md tells a consortium to make one.
//
// `gongyu-node new-network` generates fresh keys for two validators, three council members
// and a verifier, the raw chain spec and each node's base path. Its two validators start
// from those base paths with no key given on the command line, author and finalize, and the
// council passes a motion signed with the generated phrases. A chain whose genesis uses
// well-known dev keys (`--chain local`) is refused unless `--allow-dev-keys` says it is a
// test network.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { connect, signer, waitForHead } from '../../scripts/js/lib/chain.js';
import { councilMotion } from '../../scripts/js/lib/council.js';
import { runNodeCommand, runProcess, nodeBinary, startNode } from './support/node-process.js';

const GYU = 10n ** 12n;

describe('a consortium network from `gongyu-node new-network`', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-consortium-'));
  const out = path.join(dir, 'net');
  let network;
  let secrets;
  const nodes = [];
  let api;

  before(async () => {
    await runNodeCommand(['new-network', '--out', out, '--name', 'Test Consortium',
      '--id', 'test_consortium', '--validators', '2', '--council', '3', '--verifiers', '1']);
    network = JSON.parse(fs.readFileSync(path.join(out, 'network.json'), 'utf8'));
    secrets = JSON.parse(fs.readFileSync(path.join(out, 'secrets.json'), 'utf8'));
    const spec = path.join(out, 'chain-spec.json');
    for (const [i, validator] of network.validators.entries()) {
      const args = ['--chain', spec, '--validator'];
      if (i > 0) args.push('--bootnodes', `/ip4/127.0.0.1/tcp/${nodes[0].p2pPort}/p2p/${network.validators[0].peer_id}`);
      nodes.push(await startNode({ name: `consortium-v${i + 1}`, args, basePath: validator.base_path }));
    }
    api = await connect(nodes[0].wsUrl);
  });

  after(async () => {
    await api?.disconnect();
    for (const node of nodes) await node.stop({ keepData: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the generated genesis holds the generated keys and no dev key', async () => {
    assert.equal((await api.rpc.system.chain()).toString(), 'Test Consortium');
    assert.equal((await api.rpc.system.chainType()).toString(), 'Live');
    const validators = (await api.query.validatorSet.validators()).map(String);
    assert.deepEqual(validators.sort(), network.validators.map((v) => v.account).sort());
    const council = (await api.query.councilMembership.members()).map(String);
    assert.deepEqual(council.sort(), [...network.council].sort());
    assert.equal((await api.query.sudo.key()).isNone, true, 'no sudo key');
    const admitted = await api.query.networkAdmission.admittedNodes();
    assert.equal(admitted.size, 3, 'two validator nodes and the verifier node');
    const alice = (await signer('//Alice')).address;
    const { data } = await api.query.system.account(alice);
    assert.equal(data.free.toBigInt(), 0n, 'Alice has nothing here');
  });

  test('its two validators author and finalize from the generated base paths', async () => {
    const header = await waitForHead(api, (h) => h.number.toNumber() >= 3,
      { finalized: true, timeoutMs: 180_000 });
    const hash = await api.rpc.chain.getBlockHash(header.number.toNumber());
    const other = await connect(nodes[1].wsUrl);
    try {
      await waitForHead(other, (h) => h.number.toNumber() >= header.number.toNumber(),
        { finalized: true, timeoutMs: 120_000 });
      assert.equal((await other.rpc.chain.getBlockHash(header.number.toNumber())).toHex(), hash.toHex());
    } finally {
      await other.disconnect();
    }
    const authors = new Set();
    for (let n = 1; n <= header.number.toNumber(); n += 1) {
      const block = await api.derive.chain.getHeader(await api.rpc.chain.getBlockHash(n));
      if (block.author) authors.add(block.author.toString());
    }
    assert.equal(authors.size, 2, 'both validators authored');
  });

  test('the generated council passes a motion with its generated phrases', async () => {
    const members = await Promise.all(secrets.council.map((phrase) => signer(phrase)));
    const budget = 777n * GYU;
    const result = await councilMotion(api, api.tx.rewards.setBudget(budget), members);
    assert.ok(result.isOk, `the motion's call failed: ${result}`);
    assert.equal((await api.query.rewards.budget()).toBigInt(), budget);
  });
});

describe('dev keys outside development chains', () => {
  test('`--chain local` is refused without --allow-dev-keys, and says why', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-devkeys-'));
    try {
      const { code, stderr } = await runProcess(nodeBinary(),
        ['--chain', 'local', '--base-path', base, '--rpc-port', '0', '--port', '0', '--no-mdns'],
        { timeoutMs: 60_000 });
      assert.notEqual(code, 0);
      assert.match(stderr, /well-known dev keys/);
      assert.match(stderr, /Aura authority is the dev key Alice/);
      assert.match(stderr, /--allow-dev-keys/);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
