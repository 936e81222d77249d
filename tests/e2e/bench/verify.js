#!/usr/bin/env node
// How long the verifier service takes from submission to `Verified` for a large contribution
// directory served over HTTP on loopback.
//
// It writes a dataset directory (1 GiB of unique English lines in 8 files by default) with
// Dave's card declaring them, so the verifiers parse, score and sketch every record as they
// would a real dataset, hashes it with `gongyu-node hash` (writing the published manifest),
// serves it from a plain
// Node.js static server, starts a dev node whose verifier holds Bob's and Charlie's keys
// (the quorum) and may reach that server, submits the directory as Dave and waits.
//
// Usage: node tests/e2e/bench/verify.js [--gib N] [--files N] [--json]
// (scripts/bench-verify.sh builds first and runs it).

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { connect, sendAndWait, signer } from '../../../scripts/js/lib/chain.js';
import { ALL_ALLOWED, consentForChain } from '../../../scripts/js/lib/terms.js';
import { cardJson, MANIFEST_FILE } from '../../../scripts/js/lib/hashing.js';
import { freePort, runNodeCommand, startNode } from '../support/node-process.js';

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const GIB = Number(option('--gib', '1'));
const FILES = Number(option('--files', '8'));
const JSON_OUTPUT = process.argv.includes('--json');

function log(message) {
  if (!JSON_OUTPUT) process.stderr.write(`[bench-verify] ${message}\n`);
}

/** Words the records are made of (English, so every record is in the declared language). */
const WORDS = ['river', 'model', 'token', 'garden', 'signal', 'harbor', 'lantern', 'meadow',
  'quiet', 'bright', 'silver', 'window', 'engine', 'forest', 'pattern', 'measure'];

/**
 * Writes about `bytes` bytes of line records to `file`, 16 MiB at a time: each line is eight
 * random words and a serial number (`first` + its index), so no two records of the dataset
 * are the same. Returns the next serial number.
 */
function writeRecords(file, bytes, first) {
  const fd = fs.openSync(file, 'w');
  let serial = first;
  const random = Buffer.alloc(8);
  for (let written = 0; written < bytes;) {
    const lines = [];
    let size = 0;
    while (size < (16 << 20) && written + size < bytes) {
      crypto.randomFillSync(random);
      const line = `${[...random].map((b) => WORDS[b % WORDS.length]).join(' ')} ${serial}\n`;
      serial += 1;
      lines.push(line);
      size += line.length;
    }
    const chunk = Buffer.from(lines.join(''));
    fs.writeSync(fd, chunk);
    written += chunk.length;
  }
  fs.closeSync(fd);
  return serial;
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-bench-verify-'));
  let node;
  let server;
  let api;
  try {
    const dave = await signer('//Dave');
    const dir = path.join(workDir, 'artifact');
    fs.mkdirSync(dir);
    const total = Math.round(GIB * 2 ** 30);
    log(`writing ${FILES} files of English lines, about ${total} bytes`);
    const files = Array.from({ length: FILES }, (_, i) => `shard-${i}.txt`);
    let serial = 0;
    for (const file of files) serial = writeRecords(path.join(dir, file), Math.floor(total / FILES), serial);
    fs.writeFileSync(path.join(dir, 'gongyu.json'), cardJson({
      owner: dave.address, kind: 'dataset', license: 'CC0-1.0', consent: ALL_ALLOWED,
      dataset: { format: 'lines', language: 'en', files },
    }));
    const hashed = JSON.parse(await runNodeCommand(['hash', '--json', '--quiet', '--manifest',
      path.join(dir, MANIFEST_FILE), dir]));
    log(`root ${hashed.root}, ${hashed.size} bytes in ${hashed.files} files`);

    server = http.createServer((req, res) => {
      const file = path.join(dir, decodeURIComponent(req.url.replace(/^\/artifact\//, '')));
      if (!req.url.startsWith('/artifact/') || !file.startsWith(dir) || !fs.existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-length': fs.statSync(file).size });
      fs.createReadStream(file).pipe(res);
    });
    const port = await freePort();
    await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));

    const basePath = path.join(workDir, 'node');
    for (const suri of ['//Bob', '//Charlie']) {
      await runNodeCommand(['key', 'insert', '--chain', 'dev', '--base-path', basePath,
        '--key-type', 'gyvf', '--scheme', 'sr25519', '--suri', suri]);
    }
    node = await startNode({
      name: 'bench-verify',
      basePath,
      args: ['--dev', '--verifier', '--verifier-allow-address', `127.0.0.1:${port}`],
    });
    api = await connect(node.wsUrl);

    const tx = api.tx.contributions.submit('Dataset', hashed.root, hashed.size,
      `http://127.0.0.1:${port}/artifact/`, 'CC0-1.0', consentForChain(ALL_ALLOWED), null);
    const started = Date.now();
    const { blockHash, events } = await sendAndWait(api, tx, dave, { until: 'inBlock' });
    const id = events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event))
      .event.data.id.toNumber();
    const submittedAt = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
    log(`contribution #${id} in block #${submittedAt}; waiting for the verifiers`);

    let status;
    for (;;) {
      status = (await api.query.contributions.contributions(id)).unwrap().status;
      if (!status.isPending) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (Date.now() - started) / 1000;
    const decidedAt = (await api.rpc.chain.getHeader()).number.toNumber();
    const result = {
      bytes: hashed.size, files: hashed.files, status: status.type,
      blocks: decidedAt - submittedAt, seconds: Number(seconds.toFixed(1)),
      throughputMiBs: Number((hashed.size / 2 ** 20 / seconds).toFixed(1)),
    };
    const attestations = (await api.query.contributions.contributions(id)).unwrap().attestations
      .map((attestation) => attestation.toHuman());
    if (status.type !== 'Verified') result.attestations = attestations;
    if (JSON_OUTPUT) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`${result.status}: ${result.bytes} bytes in ${result.files} files, ${result.blocks} blocks, `
        + `${result.seconds} s from inclusion (${result.throughputMiBs} MiB/s, two verifier keys checking at once)`);
      if (result.attestations) console.log(`attestations: ${JSON.stringify(result.attestations)}`);
    }
  } finally {
    await api?.disconnect();
    await node?.stop();
    server?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
