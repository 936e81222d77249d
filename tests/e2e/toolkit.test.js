// End-to-end: the `scripts/gongyu` tools as a user runs them, against a real dev node.
//
// Every tool answers --help; failures (node down, bad address, a secret on the command line,
// no funds, a pallet error) exit non-zero with a message that says what to fix and change
// nothing on chain; contribute hashes directories exactly as `gongyu-node hash` does; the
// council tools carry motions for budgets, verifiers, nodes and validators from proposal to
// execution, and report disapproval and failed calls.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { mnemonicGenerate } from '@polkadot/util-crypto';

import { connect } from '../../scripts/js/lib/chain.js';
import { hashPath } from '../../scripts/js/lib/hashing.js';
import { ALL_ALLOWED } from '../../scripts/js/lib/terms.js';
import { councilMotion, peerIdBytes } from '../../scripts/js/lib/council.js';
import { peerId } from './support/network.js';
import {
  freePort, repoRoot, runNodeCommand, runProcess, startNode,
} from './support/node-process.js';

const GYU = 10n ** 12n;
const DAVE = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

/** Runs `scripts/gongyu <args>`; resolves with `{ code, stdout, stderr }`. */
function gongyu(args, env = {}) {
  return runProcess(path.join(repoRoot, 'scripts', 'gongyu'), args, { cwd: repoRoot, env: { ...process.env, ...env } });
}

/** Runs a tool that must succeed; returns its stdout. */
async function ok(args, env) {
  const result = await gongyu(args, env);
  assert.equal(result.code, 0, `gongyu ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** Runs a tool that must fail; returns its stderr. */
async function fails(args, env) {
  const result = await gongyu(args, env);
  assert.equal(result.code, 1, `gongyu ${args.join(' ')} exited with ${result.code}:\n${result.stdout}${result.stderr}`);
  assert.equal(result.stderr.trim().split('\n').length, 1, `one line of error expected:\n${result.stderr}`);
  return result.stderr;
}

describe('the gongyu tools on a dev chain', () => {
  let node;
  let api;
  let workDir;
  let ws;

  before(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-toolkit-'));
    node = await startNode({ name: 'toolkit-dev', args: ['--dev'] });
    api = await connect(node.wsUrl);
    ws = ['--ws', node.wsUrl];
  });

  after(async () => {
    await api?.disconnect();
    await node?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  const nextId = async () => (await api.query.contributions.nextContributionId()).toNumber();

  /** A file of `size` bytes in the work directory. */
  function file(name, size, fill = name) {
    const target = path.join(workDir, name);
    fs.writeFileSync(target, Buffer.alloc(size, fill));
    return target;
  }

  test('every tool answers --help', async () => {
    const commands = [[], ['contribute'], ['status'], ['mine'], ['rewards'], ['council'], ['council', 'motions'],
      ['council', 'propose'], ['council', 'vote'], ['council', 'close'], ['explorer']];
    for (const command of commands) {
      const out = await ok([...command, '--help']);
      assert.match(out, /^Usage: gongyu/, command.join(' '));
      if (command.length > 0 && command.join(' ') !== 'council') assert.match(out, /--ws <url>/, command.join(' '));
    }
    assert.match(await ok(['council', 'propose', '--help']), /add-verifier <address>.*needs more than half/);
  });

  test('explorer --export writes a page any static server can serve; a busy port is named', async () => {
    const site = path.join(workDir, 'site');
    await ok(['explorer', '--export', site, '--ws', 'wss://rpc.gongyu.example']);
    for (const file of ['index.html', 'explorer.js', 'explorer.css', 'lib/contributions.js', 'lib/format.js',
      'lib/rewards.js', 'vendor/polkadot-api.js', 'vendor/polkadot-util.js']) {
      assert.ok(fs.statSync(path.join(site, file)).size > 0, file);
    }
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(site, 'config.json'), 'utf8')), { ws: 'wss://rpc.gongyu.example' });
    const html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
    for (const [, src] of html.matchAll(/src="([^"]+)"/g)) assert.ok(fs.existsSync(path.join(site, src)), src);
    assert.match(await fails(['explorer', '--port', String(node.rpcPort)]), new RegExp(`port ${node.rpcPort} on 127\.0\.0\.1 is in use`));
  });

  test('a node that is down, a bad endpoint and a bad address are named', async () => {
    const closed = `ws://127.0.0.1:${await freePort()}`;
    assert.match(await fails(['status', '0', '--ws', closed]),
      new RegExp(`^gongyu status: no node answers at ${closed}: start a dev chain with`));
    assert.match(await fails(['rewards', ALICE, '--ws', 'http://127.0.0.1:9944']), /is not a WebSocket URL/);
    assert.match(await fails(['rewards', 'not-an-address', ...ws]), /"not-an-address" is not a valid account address/);
    assert.match(await fails(['mine', '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ', ...ws]),
      /is not a valid account address.*checksum/);
    assert.match(await fails(['status', '4242', ...ws]), /there is no contribution #4242/);
    assert.match(await fails(['status', 'x', ...ws]), /<id> must be a whole number/);
  });

  test('rewards shows the free balance in GYU', async () => {
    const out = await ok(['rewards', ALICE, ...ws]);
    const free = (await api.query.system.account(ALICE)).data.free.toBigInt();
    const whole = free / GYU;
    assert.match(out, new RegExp(`free balance\\s+${whole}(\\.\\d+)? GYU`));
    assert.match(out, /total rewards\s+0 GYU/);
    const json = JSON.parse(await ok(['rewards', ALICE, '--json', ...ws]));
    assert.equal(BigInt(json.free), free);
  });

  test('secrets stay off the command line, and a signer is required', async () => {
    const artifact = file('secret.bin', 8192);
    const before = await nextId();
    const mnemonic = mnemonicGenerate();
    const base = ['contribute', artifact, '--uri', 'https://data.gongyu.example/s.bin', '--license', 'MIT', ...ws];
    assert.match(await fails([...base, '--suri', mnemonic]), /--suri takes dev accounts only.*GONGYU_SURI/);
    assert.match(await fails(base, { GONGYU_SURI: '' }), /no signer: pass --suri \/\/Alice/);
    assert.match(await fails(base, { GONGYU_SURI: 'not a mnemonic at all' }), /GONGYU_SURI is not a usable secret/);
    assert.match(await fails(['contribute', '--uri', 'https://x/y', '--license', 'MIT', '--suri', '//Dave', ...ws]),
      /nothing to submit/);
    assert.equal(await nextId(), before);
  });

  test('an account without funds is told what submitting costs, and nothing is sent', async () => {
    const artifact = file('poor.bin', 8192);
    const before = await nextId();
    const stderr = await fails(['contribute', artifact, '--format', 'lines', '--language', 'en',
      '--uri', 'https://data.gongyu.example/p.bin', '--license', 'MIT', ...ws],
      { GONGYU_SURI: mnemonicGenerate() });
    assert.match(stderr, /insufficient funds: 5\w+ has 0 GYU free; submitting needs [\d.]+ GYU \(deposit 1\.\d+ GYU/);
    assert.equal(await nextId(), before);
  });

  test('a pallet error is decoded into section.Name: doc, and stores nothing', async () => {
    const artifact = file('spaced.bin', 8192);
    const before = await nextId();
    const stderr = await fails(['contribute', artifact, '--format', 'lines', '--language', 'en',
      '--uri', `https://data.gongyu.example/${'s'.repeat(600)}/`, '--license', 'MIT',
      '--suri', '//Dave', ...ws]);
    assert.match(stderr, /^gongyu contribute: contributions\.UriTooLong: The URI is longer than `MaxUriLen`/);
    assert.equal(await nextId(), before);
  });

  test('a license the chain does not accept is refused with the list it does, and `licenses` shows their terms', async () => {
    const artifact = file('gpl.bin', 8192);
    const before = await nextId();
    for (const license of ['GPL-3.0-only', 'MIT License']) {
      const stderr = await fails(['contribute', artifact, '--format', 'lines', '--language', 'en',
        '--uri', 'https://data.gongyu.example/g/', '--license', license, '--suri', '//Dave', ...ws]);
      assert.match(stderr, new RegExp(`this chain does not accept the license ${license}; it accepts .*CC-BY-NC-4\\.0`));
    }
    assert.match(await fails(['contribute', artifact, '--uri', 'https://data.gongyu.example/g/', '--license', 'MIT',
      '--consent', 'ai_training=maybe', '--suri', '//Dave', ...ws]), /--consent: ai_training must be allowed, notAllowed, constrained/);
    assert.equal(await nextId(), before);
    const licenses = JSON.parse(await ok(['licenses', '--json', ...ws]));
    assert.deepEqual(licenses['CC-BY-NC-4.0'], { training: true, weightsRedistribution: true, commercial: false });
    assert.deepEqual(licenses.MIT, { training: true, weightsRedistribution: true, commercial: true });
    assert.match(await ok(['licenses', ...ws]), /^CC-BY-ND-4\.0\s+yes\s+no\s+no$/m);
  });

  test('a URI scheme the chain does not enable is refused before anything is written', async () => {
    const artifact = file('ftp.bin', 8192);
    const before = await nextId();
    const stderr = await fails(['contribute', artifact, '--uri', 'ftp://data.gongyu.example/f/', '--license', 'MIT',
      '--suri', '//Dave', ...ws]);
    assert.match(stderr, /this chain does not accept ftp:\/\/ URIs \(it takes https:\/\/, http:\/\/, file:\/\/\)/);
    assert.equal(fs.existsSync(`${artifact}.gongyu`), false);
    assert.equal(await nextId(), before);
  });

  test('contribute submits a fine-tune from GONGYU_SURI, with its description hash and deposit', async () => {
    const weights = file('weights.safetensors', 100_000, 7);
    const description = path.join(workDir, 'MODEL_CARD.md');
    fs.writeFileSync(description, '# gongyu-ko-chat-v1\nA chat fine-tune.\n');
    const uri = 'https://models.gongyu.example/ko-chat-v1.safetensors';
    const license = 'Apache-2.0';
    const tune = ['contribute', weights, '--uri', uri, '--license', license, '--kind', 'fine-tune'];
    // The card must say what the weights are.
    assert.match(await fails([...tune, '--base', '0', '--suri', '//Dave', ...ws]), /give --weights full .* or --weights lora/);
    // The genesis base records no architecture: nothing to check a fine-tune against.
    assert.match(await fails([...tune, '--base', '0', '--weights', 'full', '--suri', '//Dave', ...ws]),
      /model version 0 registers no architecture/);
    // The council registers a version with one.
    const base = (await api.query.models.nextModelVersionId()).toNumber();
    const motion = await councilMotion(api, api.tx.models.registerModelVersion('gongyu-ko-chat-base',
      `0x${'ab'.repeat(32)}`, 0, [`0x${'cd'.repeat(32)}`, 'https://models.gongyu.example/base/']));
    assert.ok(motion.isOk, `motion result: ${motion}`);
    const out = JSON.parse(await ok([...tune, '--base', String(base), '--weights', 'full',
      '--consent', 'ai_generative_training=notAllowed', '--description', description, '--json', ...ws],
    { GONGYU_SURI: '//Dave' }));
    const consent = { ...ALL_ALLOWED, ai_generative_training: 'notAllowed' };
    // The file was wrapped in a directory with its card, which the root covers.
    assert.equal(out.directory, `${weights}.gongyu`);
    const card = JSON.parse(fs.readFileSync(path.join(out.directory, 'gongyu.json'), 'utf8'));
    assert.deepEqual(card, { owner: DAVE, kind: 'fine-tune', license, consent, base_model: base, weights: 'full' });
    const expected = await hashPath(out.directory);
    assert.equal(out.root, expected.root);
    assert.equal(fs.readFileSync(path.join(out.directory, 'gongyu-manifest.txt'), 'utf8'), expected.manifest);
    assert.equal(out.size, String(expected.size));
    assert.equal(out.files, 2);
    assert.equal(out.submitted, true);

    const status = JSON.parse(await ok(['status', String(out.id), '--json', ...ws]));
    assert.equal(status.owner, DAVE);
    assert.equal(status.kind, 'FineTune');
    assert.equal(status.base, base);
    assert.equal(status.root, expected.root);
    assert.equal(status.uri, uri);
    assert.equal(status.license, license);
    assert.deepEqual(status.consent, consent, 'the chain records the consent the card declares');
    assert.equal(status.descriptionHash, (await hashPath(description)).root);
    assert.equal(status.status, 'Pending');
    const params = await api.query.contributions.params();
    const metadata = BigInt(uri.length + license.length + 32);
    assert.equal(BigInt(status.deposit), params.depositBase.toBigInt() + params.depositPerByte.toBigInt() * metadata);
    assert.equal(BigInt(out.deposit), BigInt(status.deposit));
    const quoted = await api.call.contributionsApi.submissionDeposit(uri.length, license.length, true);
    assert.equal(quoted.toBigInt(), BigInt(status.deposit), 'the runtime API quotes the held deposit');

    const text = await ok(['status', String(out.id), ...ws]);
    assert.match(text, new RegExp(`kind\\s+FineTune \\(base model version ${base}\\)`));
    assert.match(text, /attestations none yet/);
    assert.match(text, /next\s+waiting for verifiers/);
    const mine = await ok(['mine', DAVE, ...ws]);
    assert.match(mine, new RegExp(`^\\s+${out.id}\\s+FineTune\\s+Pending\\s+${expected.size}\\s+-$`, 'm'));

    // The same card (consent included) gives the same root, which is registered already.
    const again = await fails([...tune, '--base', String(base), '--weights', 'full',
      '--consent', 'ai_generative_training=notAllowed', '--suri', '//Dave', ...ws]);
    assert.match(again, new RegExp(`already registered as contribution #${out.id}`));
  });

  test('contribute takes a root from gongyu-node hash, and --dry-run sends nothing', async () => {
    const dir = path.join(workDir, 'corpus');
    fs.mkdirSync(path.join(dir, 'nested', 'deeper'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.writeFileSync(path.join(dir, 'b.txt'), 'second\n');
    fs.writeFileSync(path.join(dir, 'A.txt'), 'first\n');
    fs.writeFileSync(path.join(dir, 'nested', 'deeper', '말뭉치.tsv'), '가\tga\n'.repeat(3000));
    fs.symlinkSync(path.join(dir, 'b.txt'), path.join(dir, 'nested', 'link-to-b.txt'));
    const before = await nextId();
    // Without a gongyu-node binary, contribute cards and hashes in JavaScript...
    // A dataset's card must say how its records are written: nothing is written without it.
    const undeclared = await fails(['contribute', dir, '--uri', 'https://data.gongyu.example/corpus/',
      '--license', 'CC0-1.0', '--suri', '//Dave', ...ws]);
    assert.match(undeclared, /a dataset card declares how its records are written and their language: give --format/);
    assert.match(await fails(['contribute', dir, '--format', 'tsv', '--language', 'ko', '--uri', 'https://x/y',
      '--license', 'MIT', '--suri', '//Dave', ...ws]), /--format tsv needs --fields/);
    assert.match(await fails(['contribute', dir, '--format', 'lines', '--language', 'ko-en', '--uri', 'https://x/y',
      '--license', 'MIT', '--suri', '//Dave', ...ws]), /--language ko-en needs records with at least two fields/);
    assert.match(await fails(['contribute', dir, '--format', 'lines', '--language', 'ko', '--data-files', 'nope.txt',
      '--uri', 'https://x/y', '--license', 'MIT', '--suri', '//Dave', ...ws]), /--data-files: nope.txt is not a file/);
    assert.equal(fs.existsSync(path.join(dir, 'gongyu.json')), false);
    const fallback = await ok(['contribute', dir, '--format', 'lines', '--language', 'ko',
      '--uri', 'https://data.gongyu.example/corpus/', '--license', 'CC0-1.0',
      '--suri', '//Dave', '--dry-run', ...ws], { GONGYU_NODE: path.join(workDir, 'no-such-node') });
    assert.match(fallback, /Dry run: nothing submitted/);
    const card = JSON.parse(fs.readFileSync(path.join(dir, 'gongyu.json'), 'utf8'));
    assert.deepEqual(card.dataset, {
      format: 'lines', language: 'ko', files: ['A.txt', 'b.txt', 'nested/deeper/말뭉치.tsv', 'nested/link-to-b.txt'],
    }, 'the card names every file as data by default');
    // ...to the root gongyu-node hash gives the carded directory.
    const native = JSON.parse(await runNodeCommand(['hash', '--json', dir]));
    assert.match(fallback, new RegExp(`with JavaScript BLAKE3: 5 file\\(s\\), ${native.size} bytes, root ${native.root}`));
    const js = await hashPath(dir);
    assert.equal(js.root, native.root, 'the tools and gongyu-node hash agree on a directory root');
    assert.equal(fs.readFileSync(path.join(dir, 'gongyu-manifest.txt'), 'utf8'), js.manifest);

    const out = JSON.parse(await ok(['contribute', '--root', native.root, '--size', String(native.size),
      '--uri', 'https://data.gongyu.example/corpus/', '--license', 'CC0-1.0', '--suri', '//Dave', '--dry-run', '--json', ...ws]));
    assert.equal(out.submitted, false);
    assert.equal(out.root, native.root);
    assert.equal(await nextId(), before);
    assert.match(await fails(['contribute', path.join(workDir, 'missing'), '--uri', 'https://x/y', '--license', 'MIT',
      '--suri', '//Dave', ...ws]), /missing: no such file or directory/);
    assert.match(await fails(['contribute', '--root', '0x1234', '--size', '1', '--uri', 'https://x/y', '--license', 'MIT',
      '--suri', '//Dave', ...ws]), /--root must be 0x followed by 64 hex digits/);
  });

  describe('council', () => {
    const alice = ['--suri', '//Alice', ...[]];

    /** Proposes through the tool and returns the motion index it printed. */
    async function proposeMotion(args) {
      const out = await ok(['council', 'propose', ...args, '--suri', '//Alice', ...ws]);
      const match = out.match(/^Motion #(\d+) proposed: /m);
      assert.ok(match, out);
      return match[1];
    }

    async function voteAye(index) {
      await Promise.all(['//Alice', '//Bob'].map((suri) => ok(['council', 'vote', index, 'aye', '--suri', suri, ...ws])));
    }

    test('propose, vote and close a budget motion', async () => {
      const index = await proposeMotion(['budget', '2500']);
      const listed = await ok(['council', 'motions', ...ws]);
      assert.match(listed, new RegExp(`#${index} rewards\\.setBudget\\(2500 GYU\\)\\n\\s+0 aye, 0 nay, 2 needed`));
      assert.match(await fails(['council', 'close', index, '--suri', '//Charlie', ...ws]),
        /council\.TooEarly: The close call was made too early/);
      await voteAye(index);
      const closed = await ok(['council', 'close', index, '--suri', '//Charlie', ...ws]);
      assert.match(closed, new RegExp(`Motion #${index} approved \\(2 aye, 0 nay\\) and executed: rewards\\.setBudget\\(2500 GYU\\) → Ok`));
      assert.equal((await api.query.rewards.budget()).toBigInt(), 2500n * GYU);
      assert.match(await ok(['council', 'motions', ...ws]), /No open motions/);
    });

    test('admit a verifier and a node', async () => {
      const verifier = await proposeMotion(['add-verifier', DAVE]);
      const peer = await peerId(7);
      const nodeMotion = await proposeMotion(['admit-node', peer, DAVE]);
      await voteAye(verifier);
      await voteAye(nodeMotion);
      await ok(['council', 'close', verifier, '--suri', '//Charlie', ...ws]);
      await ok(['council', 'close', nodeMotion, '--suri', '//Charlie', ...ws]);
      assert.ok((await api.query.verifierMembership.members()).map(String).includes(DAVE));
      const admitted = (await api.query.networkAdmission.admittedNodes()).toJSON();
      assert.equal(admitted[peerIdBytes(peer)], DAVE, 'the node is admitted with Dave as its operator');
    });

    test('a rejected motion and a motion whose call fails exit non-zero', async () => {
      const rejected = await proposeMotion(['budget', '1']);
      await Promise.all(['//Bob', '//Charlie'].map((suri) => ok(['council', 'vote', rejected, 'nay', '--suri', suri, ...ws])));
      const stderr = await fails(['council', 'close', rejected, '--suri', '//Alice', ...ws]);
      assert.match(stderr, new RegExp(`motion #${rejected} did not pass`));
      assert.equal((await api.query.rewards.budget()).toBigInt(), 2500n * GYU);

      const failing = await proposeMotion(['remove-validator', ALICE]);
      await voteAye(failing);
      assert.match(await fails(['council', 'close', failing, '--suri', '//Charlie', ...ws]),
        /passed, but its call failed: validatorSet\.\w+: /);
    });

    test('non-members, unknown motions and bad indexes are refused', async () => {
      assert.match(await fails(['council', 'propose', 'budget', '1', '--suri', '//Dave', ...ws]), /is not a council member/);
      assert.match(await fails(['council', 'propose', 'frobnicate', 'x', ...alice, ...ws]), /unknown motion "frobnicate"/);
      assert.match(await fails(['council', 'propose', 'add-verifier', ...alice, ...ws]), /add-verifier takes <address>/);
      assert.match(await fails(['council', 'propose', 'budget', 'lots', ...alice, ...ws]), /"lots" is not a GYU amount/);
      assert.match(await fails(['council', 'vote', '999', 'aye', '--suri', '//Bob', ...ws]), /there is no open motion #999/);
      assert.match(await fails(['council', 'vote', '0', 'maybe', '--suri', '//Bob', ...ws]), /<vote> must be aye or nay/);
    });
  });
});
