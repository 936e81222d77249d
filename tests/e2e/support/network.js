// A local network of `gongyu-node --chain local` processes on loopback, for tests:
// fixed node keys (so peer ids are known), own ports and base paths, and helpers to kill,
// restart and compare nodes.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { connect, waitForHead } from '../../../scripts/js/lib/chain.js';
import { freePort, runNodeCommand, startNode } from './node-process.js';

/** The node key of the `index`-th node (1-based): 32 bytes, big-endian index. */
export function nodeKey(index) {
  return index.toString(16).padStart(64, '0');
}

/** The libp2p peer id of the `index`-th node key. */
export async function peerId(index) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-nodekey-'));
  try {
    const file = path.join(dir, 'key');
    fs.writeFileSync(file, nodeKey(index));
    return (await runNodeCommand(['key', 'inspect-node-key', '--file', file])).trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A network of nodes on the `local` chain. Call `stopAll()` when done. */
export class LocalNetwork {
  constructor(name) {
    this.name = name;
    this.nodes = new Map();
    this.apis = new Map();
    this.bootnode = null;
  }

  /**
   * Starts node `label` (`alice`, `bob`, ... or any name) with node key `index`.
   * `extraArgs` add to `--chain local --validator`; `basePath` reuses a database.
   */
  async start(label, index, { extraArgs = [], validator = true, basePath, p2pPort, rpcPort } = {}) {
    const args = ['--chain', 'local', '--allow-dev-keys', '--node-key', nodeKey(index), ...extraArgs];
    if (validator) args.push('--validator');
    if (this.bootnode) args.push('--bootnodes', this.bootnode);
    const node = await startNode({
      name: `${this.name}-${label}`, args, basePath, p2pPort, rpcPort,
    });
    node.index = index;
    node.extraArgs = extraArgs;
    node.validator = validator;
    this.nodes.set(label, node);
    if (!this.bootnode) {
      this.bootnode = `/ip4/127.0.0.1/tcp/${node.p2pPort}/p2p/${await peerId(index)}`;
    }
    return node;
  }

  /** A polkadot.js connection to node `label` (cached). */
  async api(label) {
    if (!this.apis.has(label)) this.apis.set(label, await connect(this.nodes.get(label).wsUrl));
    return this.apis.get(label);
  }

  async closeApi(label) {
    const api = this.apis.get(label);
    this.apis.delete(label);
    await api?.disconnect().catch(() => {});
  }

  /** SIGKILLs node `label`, keeping its database. */
  async kill(label) {
    await this.closeApi(label);
    await this.nodes.get(label).kill();
  }

  /** Restarts a killed or stopped node on its old ports and database. */
  async restart(label) {
    const old = this.nodes.get(label);
    return this.start(label, old.index, {
      extraArgs: old.extraArgs,
      validator: old.validator,
      basePath: old.basePath,
      p2pPort: old.p2pPort,
      rpcPort: old.rpcPort,
    });
  }

  /** Resolves when node `label` has finalized at least block `number`. */
  async finalizedAtLeast(label, number, timeoutMs = 120_000) {
    const api = await this.api(label);
    return waitForHead(api, (h) => h.number.toNumber() >= number, { finalized: true, timeoutMs });
  }

  /** The finalized block number of node `label`. */
  async finalizedNumber(label) {
    const api = await this.api(label);
    const hash = await api.rpc.chain.getFinalizedHead();
    return (await api.rpc.chain.getHeader(hash)).number.toNumber();
  }

  /** The hash node `label` has for block `number`. */
  async hashAt(label, number) {
    const api = await this.api(label);
    return (await api.rpc.chain.getBlockHash(number)).toHex();
  }

  async stopAll() {
    for (const label of [...this.apis.keys()]) await this.closeApi(label);
    for (const node of this.nodes.values()) await node.stop();
    this.nodes.clear();
  }
}

export { freePort };
