// End-to-end: the verifier service decides contributions without any manual attestation.
//
// One dev node runs with `--verifier` and holds the verifier keys of Bob and Charlie (two of
// the three dev verifiers: the quorum). A local HTTP server serves one honest artifact and
// one whose bytes differ from what was registered; a third contribution points at a closed
// port. The chain ends with Verified, Rejected (hash mismatch) and Rejected (unreachable).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { freePort, runNodeCommand, startNode } from './support/node-process.js';
import { connect, sendAndWait, signer } from '../../scripts/js/lib/chain.js';
import { hashFile } from '../../scripts/js/lib/hashing.js';

describe('verifier service on the dev chain', () => {
  let node;
  let api;
  let server;
  let workDir;
  let alice;
  const served = new Map();

  before(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-verifier-'));
    const basePath = path.join(workDir, 'node');
    for (const suri of ['//Bob', '//Charlie']) {
      await runNodeCommand(['key', 'insert', '--chain', 'dev', '--base-path', basePath,
        '--key-type', 'gyvf', '--scheme', 'sr25519', '--suri', suri]);
    }
    server = http.createServer((req, res) => {
      const body = served.get(req.url);
      if (!body) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
    });
    const port = await freePort();
    await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
    server.baseUrl = `http://127.0.0.1:${port}`;

    node = await startNode({
      name: 'verifier-dev',
      basePath,
      args: ['--dev', '--verifier', '--verifier-retries', '1', '--verifier-fetch-timeout', '10'],
    });
    api = await connect(node.wsUrl);
    alice = await signer('//Alice');
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
    server?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function submit(root, size, uri) {
    const tx = api.tx.contributions.submit('Dataset', root, size, uri, 'CC0-1.0', null);
    const { events } = await sendAndWait(api, tx, alice, { until: 'inBlock' });
    return events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event)).event.data.id.toNumber();
  }

  async function waitForStatus(id, predicate, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = (await api.query.contributions.contributions(id)).unwrap().status;
      if (predicate(status)) return status;
      if (Date.now() > deadline) throw new Error(`contribution ${id} still ${status.type} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }

  test('honest bytes are Verified, tampered bytes and a dead URI are Rejected', async () => {
    const honestPath = path.join(workDir, 'honest.bin');
    fs.writeFileSync(honestPath, Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256)));
    const honest = await hashFile(honestPath);
    served.set('/honest.bin', fs.readFileSync(honestPath));

    const registeredPath = path.join(workDir, 'registered.bin');
    fs.writeFileSync(registeredPath, Buffer.alloc(50_000, 1));
    const registered = await hashFile(registeredPath);
    const tampered = Buffer.alloc(50_000, 1);
    tampered[123] = 2; // same size, different bytes
    served.set('/tampered.bin', tampered);

    const closedPort = await freePort();
    const ids = {
      honest: await submit(honest.root, honest.size, `${server.baseUrl}/honest.bin`),
      tampered: await submit(registered.root, registered.size, `${server.baseUrl}/tampered.bin`),
      unreachable: await submit(`0x${'77'.repeat(32)}`, 1234, `http://127.0.0.1:${closedPort}/gone.bin`),
    };

    const honestStatus = await waitForStatus(ids.honest, (s) => !s.isPending);
    assert.ok(honestStatus.isVerified, `honest: ${honestStatus.type}`);
    assert.equal(honestStatus.asVerified.score.toNumber(), 100);
    const tamperedStatus = await waitForStatus(ids.tampered, (s) => !s.isPending);
    assert.ok(tamperedStatus.isRejected, `tampered: ${tamperedStatus.type}`);
    const unreachableStatus = await waitForStatus(ids.unreachable, (s) => !s.isPending);
    assert.ok(unreachableStatus.isRejected, `unreachable: ${unreachableStatus.type}`);

    const bob = (await signer('//Bob')).address;
    const charlie = (await signer('//Charlie')).address;
    const verdicts = async (id) => (await api.query.contributions.contributions(id)).unwrap().attestations
      .map((a) => [a.verifier.toString(), a.verdict.type]).sort();
    assert.deepEqual(await verdicts(ids.honest), [[bob, 'Valid'], [charlie, 'Valid']].sort());
    assert.deepEqual(await verdicts(ids.tampered), [[bob, 'HashMismatch'], [charlie, 'HashMismatch']].sort());
    assert.deepEqual(await verdicts(ids.unreachable), [[bob, 'Unreachable'], [charlie, 'Unreachable']].sort());
  });

  test('the verifier exports Prometheus metrics', async () => {
    const response = await fetch(`http://127.0.0.1:${node.prometheusPort}/metrics`);
    const text = await response.text();
    assert.match(text, /gongyu_verifier_contributions_checked_total\{verdict="valid"[^}]*\} [1-9]/);
    assert.match(text, /gongyu_verifier_contributions_checked_total\{verdict="hash_mismatch"[^}]*\} [1-9]/);
    assert.match(text, /gongyu_verifier_fetch_failures_total\{[^}]*\} [1-9]/);
    assert.match(text, /gongyu_verifier_bytes_hashed_total\{[^}]*\} [1-9]/);
  });
});
