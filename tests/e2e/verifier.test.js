// End-to-end: the verifier service decides contributions without any manual attestation, and
// none of the known ways to game it ends verified or stalls it.
//
// One dev node runs with `--verifier` and holds the verifier keys of Bob and Charlie (two of
// the three dev verifiers: the quorum). It may read `file://` below one directory, and reach
// one non-global address: the hostile HTTP server this test runs on loopback. That server
// publishes an honest contribution directory, a tampered one, one whose card names someone
// else, one with a body longer than its manifest says, a redirect to the node's own metrics
// port and a slow drip. Alongside, `file://` URIs point at the node binary, outside the file
// root and through a symbolic link out of it. The node runs an evaluator script this test
// writes, for fine-tunes whose weights fit their base.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { freePort, nodeBinary, runNodeCommand, startNode } from './support/node-process.js';
import { safetensorsFile } from './support/safetensors.js';
import { connect, DispatchFailure, sendAndWait, signer } from '../../scripts/js/lib/chain.js';
import { ALL_ALLOWED, consentForChain } from '../../scripts/js/lib/terms.js';
import { councilMotion } from '../../scripts/js/lib/council.js';
import { cardJson, hashPath, MANIFEST_FILE } from '../../scripts/js/lib/hashing.js';

/**
 * Writes a contribution directory as `gongyu contribute` does: files, card, manifest. The card
 * declares `dataset` (by default English lines in every file of the directory).
 */
async function publishDirectory(dir, owner, files, dataset = { format: 'lines', language: 'en' },
  consent = ALL_ALLOWED) {
  for (const [name, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), contents);
  }
  fs.mkdirSync(dir, { recursive: true });
  const every = fs.readdirSync(dir, { recursive: true })
    .filter((name) => fs.statSync(path.join(dir, name)).isFile()).sort();
  const card = { owner, kind: 'dataset', license: 'CC0-1.0', consent, dataset: { files: every, ...dataset } };
  fs.writeFileSync(path.join(dir, 'gongyu.json'), cardJson(card));
  const hashed = await hashPath(dir);
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), hashed.manifest);
  return { root: hashed.root, size: hashed.size };
}

describe('verifier service on the dev chain', () => {
  let node;
  let api;
  let server;
  let baseUrl;
  let workDir;
  let fileRoot;
  let alice;
  let dave;
  let bob;
  let charlie;
  let prometheusPort;
  let evaluator;
  /** URL path -> (req, res) handler of the hostile server. */
  const routes = new Map();

  /** Serves every file of `dir` below `/prefix/`. */
  function serveDirectory(prefix, dir) {
    for (const entry of fs.readdirSync(dir, { recursive: true })) {
      const file = path.join(dir, entry);
      if (!fs.statSync(file).isFile()) continue;
      const urlPath = `/${prefix}/${entry.split(path.sep).map(encodeURIComponent).join('/')}`;
      routes.set(urlPath, (req, res) => res.writeHead(200).end(fs.readFileSync(file)));
    }
  }

  before(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-verifier-'));
    fileRoot = path.join(workDir, 'served');
    fs.mkdirSync(fileRoot);
    const basePath = path.join(workDir, 'node');
    for (const suri of ['//Bob', '//Charlie']) {
      await runNodeCommand(['key', 'insert', '--chain', 'dev', '--base-path', basePath,
        '--key-type', 'gyvf', '--scheme', 'sr25519', '--suri', suri]);
    }
    server = http.createServer((req, res) => {
      const handler = routes.get(req.url);
      if (!handler) { res.writeHead(404).end(); return; }
      handler(req, res);
    });
    // The evaluator: scores an adapter 73 when it gets the checked adapter and the base.
    evaluator = path.join(workDir, 'evaluate.sh');
    fs.writeFileSync(evaluator, '#!/bin/sh\n'
      + 'if test -f "$1/adapter_model.safetensors" && test "$GONGYU_WEIGHTS" = lora '
      + '&& test -n "$2" && test -n "$GONGYU_BASE_ROOT"; '
      + 'then echo \'{"score": 73.6}\'; else echo \'{"score": 1}\'; fi\n', { mode: 0o755 });
    const port = await freePort();
    await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${port}`;

    prometheusPort = await freePort();
    node = await startNode({
      name: 'verifier-dev',
      basePath,
      prometheusPort,
      args: ['--dev', '--verifier', '--verifier-retries', '0', '--verifier-fetch-timeout', '4',
        '--verifier-file-root', fileRoot, '--verifier-allow-address', `127.0.0.1:${port}`,
        '--verifier-evaluator', evaluator, '--verifier-evaluator-timeout', '20'],
    });
    api = await connect(node.wsUrl);
    [alice, bob, charlie, dave] = await Promise.all(['//Alice', '//Bob', '//Charlie', '//Dave'].map(signer));
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
    server?.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function submit({ root, size }, uri, who = alice) {
    const tx = api.tx.contributions.submit('Dataset', root, size, uri, 'CC0-1.0', consentForChain(ALL_ALLOWED), null);
    const { events } = await sendAndWait(api, tx, who, { until: 'inBlock' });
    return events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event)).event.data.id.toNumber();
  }

  async function contribution(id) {
    return (await api.query.contributions.contributions(id)).unwrap();
  }

  async function waitFor(id, predicate, timeoutMs = 180_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await contribution(id);
      if (predicate(c)) return c;
      if (Date.now() > deadline) throw new Error(`contribution ${id} still ${c.status.type} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  const verdicts = async (id) => (await contribution(id)).attestations
    .map((a) => [a.verifier.toString(), a.verdict.type]).sort();

  test('an honest directory over HTTP is Verified with its counts; every attack, junk included, ends unverified', async () => {
    const honestTexts = Array.from({ length: 3000 }, (_, i) => `안녕 ${i}`);
    const honestLines = honestTexts.map((text, i) => `{"id":${i},"text":"${text}"}`);
    const honest = await publishDirectory(path.join(workDir, 'honest'), alice.address, {
      'data/train set.jsonl': honestLines.map((line) => `${line}\n`).join(''),
      'README.md': '# An honest dataset\n',
    }, { format: 'jsonl', fields: ['text'], language: 'ko', files: ['data/train set.jsonl'] });
    serveDirectory('honest', path.join(workDir, 'honest'));

    // 4,097 random bytes declared as a dataset of English lines.
    let state = 7;
    const noise = Buffer.alloc(4097).map(() => { state = (Math.imul(state, 1103515245) + 12345) >>> 0; return state >>> 24; });
    const junk = await publishDirectory(path.join(workDir, 'junk'), alice.address, { 'data.txt': noise });
    serveDirectory('junk', path.join(workDir, 'junk'));

    const registered = await publishDirectory(path.join(workDir, 'tampered'), alice.address, { 'a.txt': 'registered\n' });
    fs.writeFileSync(path.join(workDir, 'tampered', 'a.txt'), 'REGISTERED\n'); // same size, other bytes
    serveDirectory('tampered', path.join(workDir, 'tampered'));

    // Dave registers a directory whose card names Alice.
    const stolen = await publishDirectory(path.join(workDir, 'stolen'), alice.address, { 'a.txt': 'alice wrote this\n' });
    serveDirectory('stolen', path.join(workDir, 'stolen'));

    // Bytes published as "no AI training" registered on chain as allowing every use.
    const relabeled = await publishDirectory(path.join(workDir, 'relabeled'), alice.address, { 'a.txt': 'not for training\n' },
      undefined, { ...ALL_ALLOWED, ai_training: 'notAllowed' });
    serveDirectory('relabeled', path.join(workDir, 'relabeled'));

    const longer = await publishDirectory(path.join(workDir, 'longer'), alice.address, { 'a.txt': 'short\n' });
    fs.writeFileSync(path.join(workDir, 'longer', 'a.txt'), `short\n${'x'.repeat(1 << 20)}`);
    serveDirectory('longer', path.join(workDir, 'longer'));

    // A public-looking URL that redirects to the node's own Prometheus port.
    const hop = await publishDirectory(path.join(workDir, 'hop'), alice.address, { 'a.txt': 'hop\n' });
    for (const name of [MANIFEST_FILE, 'gongyu.json', 'a.txt']) {
      routes.set(`/hop/${name}`, (req, res) => res.writeHead(302, { location: `http://127.0.0.1:${prometheusPort}/metrics` }).end());
    }

    // A manifest sent one byte a second.
    const drip = await publishDirectory(path.join(workDir, 'drip'), alice.address, { 'a.txt': 'drip\n' });
    serveDirectory('drip', path.join(workDir, 'drip'));
    const manifest = fs.readFileSync(path.join(workDir, 'drip', MANIFEST_FILE));
    routes.set(`/drip/${MANIFEST_FILE}`, (req, res) => {
      res.writeHead(200, { 'content-length': manifest.length });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent >= manifest.length || res.destroyed) { clearInterval(timer); res.end(); return; }
        res.write(manifest.subarray(sent, sent + 1));
        sent += 1;
      }, 1_000);
      res.on('close', () => clearInterval(timer));
    });

    // file:// attacks: the node's own binary, a directory outside the root, a link out of it.
    const exe = JSON.parse(await runNodeCommand(['hash', '--json', '--quiet', nodeBinary()]));
    const outside = await publishDirectory(path.join(workDir, 'outside'), alice.address, { 'a.txt': 'outside\n' });
    const secret = path.join(workDir, 'secret.txt');
    fs.writeFileSync(secret, 'not for verifiers\n');
    fs.mkdirSync(path.join(fileRoot, 'escape'));
    fs.symlinkSync(secret, path.join(fileRoot, 'escape', 'a.txt'));
    const escape = await publishDirectory(path.join(fileRoot, 'escape'), alice.address, {});

    const started = Date.now();
    const ids = {
      honest: await submit(honest, `${baseUrl}/honest/`),
      junk: await submit(junk, `${baseUrl}/junk/`),
      tampered: await submit(registered, `${baseUrl}/tampered`),
      stolen: await submit(stolen, `${baseUrl}/stolen/`, dave),
      longer: await submit(longer, `${baseUrl}/longer/`),
      relabeled: await submit(relabeled, `${baseUrl}/relabeled/`),
      hop: await submit(hop, `${baseUrl}/hop/`),
      drip: await submit(drip, `${baseUrl}/drip/`),
      exe: await submit({ root: exe.root, size: exe.size }, 'file:///proc/self/exe'),
      outside: await submit(outside, `file://${path.join(workDir, 'outside')}`),
      escape: await submit(escape, `file://${path.join(fileRoot, 'escape')}`),
    };
    const expected = {
      honest: ['Verified', 'Measured'],
      junk: ['Rejected', 'BadFormat'],
      tampered: ['Rejected', 'HashMismatch'],
      stolen: ['Rejected', 'CardMismatch'],
      longer: ['Rejected', 'HashMismatch'],
      relabeled: ['Rejected', 'CardMismatch'],
      hop: ['Unavailable', 'Unreachable'],
      drip: ['Unavailable', 'Unreachable'],
      exe: ['Unavailable', 'Unreachable'],
      outside: ['Unavailable', 'Unreachable'],
      escape: ['Unavailable', 'Unreachable'],
    };
    for (const [name, [status, verdict]] of Object.entries(expected)) {
      const decided = await waitFor(ids[name], (c) => !c.status.isPending);
      assert.equal(decided.status.type, status, `${name}: ${decided.status.type}`);
      assert.deepEqual(await verdicts(ids[name]),
        [[bob.address, verdict], [charlie.address, verdict]].sort(), name);
    }
    assert.equal((await contribution(ids.honest)).status.asVerified.score.toNumber(), 100);
    // Both verifiers counted the same records: 3,000 valid, unique Korean texts, rewarded for
    // their declared field's bytes only (not the card, the README, the line endings, the JSON
    // syntax or the undeclared "id" field).
    const counts = (await contribution(ids.honest)).attestations[0].verdict.asMeasured.counts;
    assert.deepEqual(counts.toJSON(), {
      records: 3000, valid: 3000, duplicates: 0, inLanguage: 3000,
      usefulBytes: honestTexts.reduce((sum, text) => sum + Buffer.byteLength(text), 0),
    });
    // Nothing hung the verifier: the slow drip and the big binary took their time limit at most.
    assert.ok(Date.now() - started < 120_000, `decided in ${Date.now() - started} ms`);

    // Dave cannot take the root Alice's unavailable contribution reserves.
    const failure = await sendAndWait(api,
      api.tx.contributions.submit('Dataset', exe.root, exe.size, 'https://mirror.example/exe/', 'CC0-1.0', consentForChain(ALL_ALLOWED), null), dave)
      .then(() => assert.fail('reserved root taken'), (e) => e);
    assert.ok(failure instanceof DispatchFailure, String(failure));
    assert.equal(`${failure.section}.${failure.name}`, 'contributions.RootReserved');
    const claim = (await api.call.contributionsApi.rootClaim(exe.root)).unwrap();
    assert.ok(claim.isReserved);
    assert.equal(claim.asReserved.owner.toString(), alice.address);
  });

  test('a dropped attestation does not stall later ones, and is sent again', async () => {
    // Drop Bob's attestation of `first` from the pool before a block includes it.
    let first;
    let dropped = false;
    for (let attempt = 0; attempt < 3 && !dropped; attempt += 1) {
      const dir = path.join(workDir, `first-${attempt}`);
      const content = await publishDirectory(dir, alice.address, { 'a.txt': `first ${attempt}\n` });
      serveDirectory(`first-${attempt}`, dir);
      first = await submit(content, `${baseUrl}/first-${attempt}/`);
      const deadline = Date.now() + 60_000;
      while (!dropped && Date.now() < deadline) {
        const pending = await api.rpc.author.pendingExtrinsics();
        const mine = pending.find((xt) => xt.signer.toString() === bob.address
          && xt.method.section === 'contributions' && xt.method.method === 'attest'
          && xt.method.args[0].toNumber() === first);
        if (mine) {
          const removed = await api.rpc.author.removeExtrinsic([{ Hash: mine.hash.toHex() }]);
          dropped = removed.length === 1;
        }
        if ((await verdicts(first)).some(([who]) => who === bob.address)) break; // too late
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    assert.ok(dropped, 'Bob\'s attestation was dropped from the pool');
    await waitFor(first, (c) => c.attestations.some((a) => a.verifier.toString() === charlie.address));

    // Bob's next attestation reuses the dropped nonce instead of waiting behind a gap.
    const next = await publishDirectory(path.join(workDir, 'next'), alice.address, { 'a.txt': 'next\n' });
    serveDirectory('next', path.join(workDir, 'next'));
    const nextId = await submit(next, `${baseUrl}/next/`);
    const decided = await waitFor(nextId, (c) => !c.status.isPending, 90_000);
    assert.ok(decided.status.isVerified, decided.status.type);
    assert.ok((await contribution(first)).status.isPending, 'the dropped vote is still missing');

    // After RESUBMIT_AFTER blocks the verifier checks `first` again and its vote lands.
    const firstDecided = await waitFor(first, (c) => !c.status.isPending, 240_000);
    assert.ok(firstDecided.status.isVerified, firstDecided.status.type);
  });

  test('parts of a file earn no more than the whole; the whole and a re-packed copy earn their novel part only', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => `Sentence ${i}: the river runs past the old mill.\n`);
    const publish = async (name, files) => {
      const dir = path.join(workDir, name);
      const content = await publishDirectory(dir, dave.address, files);
      serveDirectory(name, dir);
      return content;
    };
    const price = (await api.query.rewards.rules()).maxPricePerWeight.toBigInt();
    const useful = (part) => BigInt(part.reduce((sum, line) => sum + line.length - 1, 0));

    /** Submits `content`, waits until its epoch has credited it; returns its reward and receipt. */
    const earn = async (content, name) => {
      const id = await submit(content, `${baseUrl}/${name}/`, dave);
      const deadline = Date.now() + 180_000;
      for (;;) {
        const reward = await api.call.rewardsApi.contributionReward(id);
        if (reward.epoch.isSome) {
          const receipt = (await api.call.contributionsApi.receipt(id)).unwrap();
          const { score } = (await contribution(id)).status.asVerified;
          return { id, amount: reward.reward.toBigInt(), epoch: reward.epoch.unwrap().toNumber(), score: score.toNumber(), receipt };
        }
        if (Date.now() > deadline) throw new Error(`${name} not rewarded within 180 s`);
        await new Promise((r) => setTimeout(r, 1_000));
      }
    };
    // The attack: the file in two parts, verified in different quiet epochs.
    const first = await earn(await publish('part-1', { 'data.txt': lines.slice(0, 2000).join('') }), 'part-1');
    const second = await earn(await publish('part-2', { 'data.txt': lines.slice(2000).join('') }), 'part-2');
    assert.ok(first.epoch < second.epoch, `epochs ${first.epoch}, ${second.epoch}`);
    // Each part earned its weight at the price cap: score × (useful bytes − 4 KiB) × price.
    assert.equal(first.amount, BigInt(first.score) * (useful(lines.slice(0, 2000)) - 4096n) * price);
    const wholeWorth = 100n * (useful(lines) - 4096n) * price;
    assert.ok(first.amount + second.amount < wholeWorth,
      `parts earned ${first.amount} + ${second.amount}, the whole is worth ${wholeWorth}`);

    // The whole, after its parts, is half in each: it earns about half its worth.
    const all = await earn(await publish('whole', { 'data.txt': lines.join('') }), 'whole');
    const novelty = all.receipt.novelty.toNumber() / 1e9;
    assert.ok(novelty > 0.3 && novelty < 0.7, `novelty ${novelty}`);
    assert.ok([first.id, second.id].includes(all.receipt.overlaps.unwrap().toNumber()));

    // The same records re-packed (re-ordered, in two files, one record changed) earn at most
    // their novel part: nothing, or next to nothing.
    const repacked = [...lines].reverse();
    repacked[17] = 'Sentence seventeen, changed.\n';
    const copy = await earn(await publish('repacked', {
      'a.txt': repacked.slice(0, 1500).join(''), 'b.txt': repacked.slice(1500).join(''),
    }), 'repacked');
    assert.ok(copy.receipt.novelty.toNumber() / 1e9 < 0.1, `novelty ${copy.receipt.novelty}`);
    assert.equal(copy.receipt.overlaps.unwrap().toNumber(), all.id);
    assert.ok(copy.amount * 10n < wholeWorth, `the copy earned ${copy.amount}`);
  });

  test('a fine-tune with the wrong architecture is rejected; an adapter that fits earns its evaluator\'s score', async () => {
    // The base model's weights, in two files, published with a manifest like a contribution.
    const baseDir = path.join(workDir, 'base-model');
    fs.mkdirSync(baseDir);
    fs.writeFileSync(path.join(baseDir, 'model-1.safetensors'),
      safetensorsFile([['model.embed.weight', 'F32', [64, 32]]]));
    fs.writeFileSync(path.join(baseDir, 'model-2.safetensors'), safetensorsFile([
      ['model.layers.0.q_proj.weight', 'F32', [32, 32]], ['model.layers.0.v_proj.weight', 'F32', [32, 32]]]));
    fs.writeFileSync(path.join(baseDir, 'config.json'), '{"hidden_size": 32}\n');
    const baseContent = await hashPath(baseDir);
    fs.writeFileSync(path.join(baseDir, MANIFEST_FILE), baseContent.manifest);
    serveDirectory('base-model', baseDir);
    const fingerprint = (await runNodeCommand(['fingerprint', baseDir])).trim();
    assert.match(fingerprint, /^0x[0-9a-f]{64}$/);

    // The council registers it with its architecture; fine-tunes build on it.
    const base = (await api.query.models.nextModelVersionId()).toNumber();
    const motion = await councilMotion(api, api.tx.models.registerModelVersion(
      'gongyu-test-base', baseContent.root, null, [fingerprint, `${baseUrl}/base-model/`]));
    assert.ok(motion.isOk, `motion result: ${motion}`);
    const version = (await api.call.modelsApi.modelVersion(base)).unwrap();
    assert.equal(version.architecture.unwrap().fingerprint.toHex(), fingerprint);

    const publishTune = async (name, weights, files) => {
      const dir = path.join(workDir, name);
      fs.mkdirSync(dir);
      for (const [file, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), bytes);
      fs.writeFileSync(path.join(dir, 'gongyu.json'),
        cardJson({ owner: alice.address, kind: 'fine-tune', base, weights, license: 'CC0-1.0', consent: ALL_ALLOWED }));
      const hashed = await hashPath(dir);
      fs.writeFileSync(path.join(dir, MANIFEST_FILE), hashed.manifest);
      serveDirectory(name, dir);
      const tx = api.tx.contributions.submit({ FineTune: { base } }, hashed.root, hashed.size,
        `${baseUrl}/${name}/`, 'CC0-1.0', consentForChain(ALL_ALLOWED), null);
      const { events } = await sendAndWait(api, tx, alice, { until: 'inBlock' });
      return events.find(({ event }) => api.events.contributions.ContributionSubmitted.is(event))
        .event.data.id.toNumber();
    };
    // Full weights whose q_proj is wider than the base's.
    const wrong = await publishTune('tune-full', 'full', {
      'model.safetensors': safetensorsFile([['model.embed.weight', 'F32', [64, 32]],
        ['model.layers.0.q_proj.weight', 'F32', [32, 48]], ['model.layers.0.v_proj.weight', 'F32', [32, 32]]]),
    });
    // A rank-4 LoRA adapter of q_proj and v_proj.
    const lora = (module) => [
      [`base_model.model.model.layers.0.${module}.lora_A.weight`, 'F32', [4, 32]],
      [`base_model.model.model.layers.0.${module}.lora_B.weight`, 'F32', [32, 4]]];
    const fits = await publishTune('tune-lora', 'lora', {
      'adapter_model.safetensors': safetensorsFile([...lora('q_proj'), ...lora('v_proj')]),
      'adapter_config.json': '{"r": 4, "target_modules": ["q_proj", "v_proj"]}\n',
    });

    const rejected = await waitFor(wrong, (c) => !c.status.isPending);
    assert.equal(rejected.status.type, 'Rejected');
    assert.deepEqual(await verdicts(wrong),
      [[bob.address, 'ArchitectureMismatch'], [charlie.address, 'ArchitectureMismatch']].sort());
    const verified = await waitFor(fits, (c) => !c.status.isPending);
    assert.equal(verified.status.type, 'Verified');
    // Both verifiers ran the evaluator: 73.6, rounded down.
    assert.deepEqual(verified.attestations.map((a) => a.verdict.toJSON()), [{ valid: { score: 73 } }, { valid: { score: 73 } }]);
    assert.equal(verified.status.asVerified.score.toNumber(), 73);
    assert.equal((await api.call.contributionsApi.receipt(fits)).unwrap().score.toNumber(), 73);

    // A fine-tune of a version without a registered architecture is refused at submission.
    const failure = await sendAndWait(api, api.tx.contributions.submit({ FineTune: { base: 0 } },
      `0x${'5a'.repeat(32)}`, 1000, `${baseUrl}/nothing/`, 'CC0-1.0', consentForChain(ALL_ALLOWED), null), alice)
      .then(() => assert.fail('submitted'), (e) => e);
    assert.equal(`${failure.section}.${failure.name}`, 'contributions.BaseArchitectureUnknown');
  });

  test('the verifier exports Prometheus metrics', async () => {
    const response = await fetch(`http://127.0.0.1:${prometheusPort}/metrics`);
    const text = await response.text();
    for (const verdict of ['measured', 'bad_format', 'hash_mismatch', 'card_mismatch', 'unreachable', 'valid', 'architecture_mismatch']) {
      assert.match(text, new RegExp(`gongyu_verifier_contributions_checked_total\\{verdict="${verdict}"[^}]*\\} [1-9]`));
      assert.match(text, new RegExp(`gongyu_verifier_check_seconds_count\\{verdict="${verdict}"[^}]*\\} [1-9]`));
    }
    assert.match(text, /gongyu_verifier_fetch_failures_total\{[^}]*\} [1-9]/);
    assert.match(text, /gongyu_verifier_bytes_hashed_total\{[^}]*\} [1-9]/);
    assert.match(text, /gongyu_verifier_queue_depth\{[^}]*\} \d+/);
    assert.match(text, /gongyu_verifier_checks_running\{[^}]*\} \d+/);
  });
});
