#!/usr/bin/env node
// Throughput benchmark: how many transfers, contribution submits and attestations fit in
// one block of a real `gongyu-node --dev`, and their ratios to transfers.
//
// For each kind it pre-signs more transactions than a block can hold (from a few hundred
// fresh funded accounts, or the dev verifiers for attestations), submits them all right
// after a block is imported, and reads the blocks that follow: the largest count of that
// kind in one block is what fits. The node's own log says how long the fullest block took to
// build and why the proposer stopped (`HitBlockWeightLimit` when weight is what limits).
//
// Usage: node tests/e2e/bench/tps.js [--accounts N] [--json]   (scripts/bench-tps.sh runs it)

import fs from 'node:fs';
import path from 'node:path';

import { connect, signer } from '../../../scripts/js/lib/chain.js';
import { ALL_ALLOWED, consentForChain } from '../../../scripts/js/lib/terms.js';
import { artifactsDir, startNode } from '../support/node-process.js';

const GYU = 10n ** 12n;

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const ACCOUNTS = Number(option('--accounts', '400'));
const JSON_OUTPUT = process.argv.includes('--json');

function log(message) {
  if (!JSON_OUTPUT) process.stderr.write(`[bench-tps] ${message}\n`);
}

/** The best block number now. */
async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

/** Resolves once the best block number is at least `number`. */
async function waitForBest(api, number) {
  while (await bestNumber(api) < number) await new Promise((r) => setTimeout(r, 300));
}

/** Submits every signed extrinsic at once and waits until the pool has answered for each. */
async function submitAll(api, signed) {
  const results = await Promise.allSettled(signed.map((tx) => api.rpc.author.submitExtrinsic(tx)));
  const refused = results.filter((r) => r.status === 'rejected');
  if (refused.length) log(`${refused.length} refused by the pool, e.g. ${refused[0].reason?.message}`);
  return signed.length - refused.length;
}

/**
 * Reads the blocks after `after` until `expected` extrinsics calling `section.method` were
 * included or `maxBlocks` blocks passed; returns the per-block counts of that call.
 */
async function countIncluded(api, after, section, method, expected, maxBlocks = 12) {
  const counts = [];
  let total = 0;
  for (let number = after + 1; number <= after + maxBlocks && total < expected; number += 1) {
    await waitForBest(api, number);
    const block = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(number));
    const count = block.block.extrinsics.filter(
      (ext) => ext.method.section === section && ext.method.method === method,
    ).length;
    counts.push({ number, count });
    total += count;
  }
  return counts;
}

/**
 * The proposer's log line for block `number`: build time (ms) and why it stopped. A height
 * can be proposed more than once (a slot passed while building); the fullest proposal counts.
 */
function proposerLine(logFile, number) {
  const text = fs.readFileSync(logFile, 'utf8');
  const pattern = new RegExp(`Prepared block for proposing at ${number} \\((\\d+) ms\\).*?end: (\\w+).*?extrinsics_count: (\\d+)`, 'g');
  let best = null;
  for (const match of text.matchAll(pattern)) {
    const line = { buildMs: Number(match[1]), end: match[2], extrinsics: Number(match[3]) };
    if (!best || line.extrinsics > best.extrinsics) best = line;
  }
  return best;
}

/** Signs `count` calls made by `makeCall(i)` from `pair`, with consecutive nonces from its next one. */
async function signMany(api, pair, count, makeCall) {
  let nonce = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
  const signed = [];
  for (let i = 0; i < count; i += 1) {
    const tx = makeCall(i);
    await tx.signAsync(pair, { nonce, era: 0 });
    signed.push(tx.toHex());
    nonce += 1;
  }
  return signed;
}

/** Runs one kind: submit everything right after a block, then find the fullest block. */
async function measure(api, node, { name, section, method, signed }) {
  // Right after a block is imported, so the whole batch is in the pool for the next one.
  const start = (await bestNumber(api)) + 1;
  await waitForBest(api, start);
  const accepted = await submitAll(api, signed);
  const counts = await countIncluded(api, start, section, method, accepted);
  const fullest = counts.reduce((a, b) => (b.count > a.count ? b : a), { count: 0 });
  const proposer = proposerLine(node.logFile, fullest.number);
  log(`${name}: ${accepted} submitted; per block ${counts.map((c) => c.count).join(', ')}`);
  return { name, perBlock: fullest.count, block: fullest.number, ...proposer };
}

async function main() {
  // A fresh log, so the proposer lines read below are this run's.
  fs.rmSync(path.join(artifactsDir(), 'bench-tps.log'), { force: true });
  const node = await startNode({
    name: 'bench-tps',
    args: ['--dev', '--pool-limit', '50000', '--pool-kbytes', '512000', '--rpc-max-connections', '100'],
  });
  const api = await connect(node.wsUrl);
  try {
    const alice = await signer('//Alice');
    const dave = await signer('//Dave');
    log(`deriving ${ACCOUNTS} accounts`);
    const accounts = [];
    for (let i = 0; i < ACCOUNTS; i += 1) accounts.push(await signer(`//Bench//${i}`));

    log('funding them from Alice (one batch per 200 accounts)');
    for (let start = 0; start < accounts.length; start += 200) {
      const transfers = accounts.slice(start, start + 200)
        .map((a) => api.tx.balances.transferKeepAlive(a.address, 1_000n * GYU));
      await new Promise((resolve, reject) => {
        api.tx.utility.batchAll(transfers).signAndSend(alice, ({ status, dispatchError }) => {
          if (dispatchError) reject(new Error(`funding failed: ${dispatchError}`));
          else if (status.isInBlock) resolve();
        }).catch(reject);
      });
    }

    const perAccount = (total) => Math.ceil(total / accounts.length);
    const results = [];

    // Transfers: more than a block holds, to one recipient.
    const transfersEach = perAccount(6000);
    log(`signing ${transfersEach * accounts.length} transfers`);
    let signed = [];
    for (const a of accounts) {
      signed.push(...await signMany(api, a, transfersEach,
        () => api.tx.balances.transferKeepAlive(dave.address, GYU)));
    }
    results.push(await measure(api, node, { name: 'transfer', section: 'balances', method: 'transferKeepAlive', signed }));

    // Contribution submits: distinct roots, within each account's pending limit.
    const maxPending = api.consts.contributions.maxPendingPerAccount.toNumber();
    const submitsEach = Math.min(maxPending, perAccount(5000));
    log(`signing ${submitsEach * accounts.length} contribution submits`);
    signed = [];
    for (const [index, a] of accounts.entries()) {
      signed.push(...await signMany(api, a, submitsEach, (i) => {
        const root = new Uint8Array(32);
        new DataView(root.buffer).setUint32(0, index);
        new DataView(root.buffer).setUint32(4, i);
        root[31] = 0xb7;
        return api.tx.contributions.submit(
          'Dataset', root, 1_000_000 + i, `https://data.example/${index}/${i}.tsv`, 'CC-BY-4.0', consentForChain(ALL_ALLOWED), null,
        );
      }));
    }
    results.push(await measure(api, node, { name: 'submit', section: 'contributions', method: 'submit', signed }));

    // Attestations: the dev verifiers each attest a disjoint share of the pending
    // contributions once (one attestation decides nothing under the dev quorum). Datasets are
    // attested with record counts and a sketch, as verifier nodes do.
    const measured = (id) => ({ Measured: {
      counts: { records: 10, valid: 10, duplicates: 0, inLanguage: 10, usefulBytes: 500 },
      sketch: Array.from({ length: 64 }, (_, i) => (id * 64 + i) >>> 0),
    } });
    const pending = (await api.query.contributions.nextContributionId()).toNumber();
    const verifiers = await Promise.all(['//Alice', '//Bob', '//Charlie'].map(signer));
    log(`signing ${pending} attestations`);
    signed = [];
    for (const [v, pair] of verifiers.entries()) {
      const ids = [];
      for (let id = v; id < pending; id += verifiers.length) ids.push(id);
      signed.push(...await signMany(api, pair, ids.length,
        (i) => api.tx.contributions.attest(ids[i], measured(ids[i]))));
    }
    results.push(await measure(api, node, { name: 'attest', section: 'contributions', method: 'attest', signed }));

    const transfers = results[0].perBlock;
    for (const r of results) r.ratioToTransfers = transfers ? Number((r.perBlock / transfers).toFixed(3)) : null;
    if (JSON_OUTPUT) {
      console.log(JSON.stringify(results, null, 2));
    } else {
      console.log('| kind | per block | ratio to transfers | block built in | proposer stopped |');
      console.log('| --- | ---: | ---: | ---: | --- |');
      for (const r of results) {
        // A block that took every transaction sent is a lower bound, not what fits.
        const bound = r.end === 'NoMoreTransactions' ? '≥ ' : '';
        console.log(`| ${r.name} | ${bound}${r.perBlock} | ${bound}${r.ratioToTransfers} | ${r.buildMs ?? '?'} ms | ${r.end ?? '?'} |`);
      }
    }
  } finally {
    await api.disconnect();
    await node.stop();
  }
}

main().catch((error) => {
  console.error(`bench-tps: ${error.message}`);
  process.exit(1);
});
