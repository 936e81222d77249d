// Unit tests of the toolkit's helpers that need no node: argument parsing, signers, council
// thresholds, formatting and BLAKE3 roots.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  CliError, parseAddress, parseCount, parseGyu, resolveSigner, SURI_ENV,
} from '../lib/cli.js';
import { formatReceipt, nextStep } from '../lib/contributions.js';
import {
  DECISIONS, MAJORITY, MOTIONS, thresholdFor, TWO_THIRDS,
} from '../lib/council.js';
import { formatGyu, shortAddress } from '../lib/format.js';
import { CARD_FILE, cardJson, HashError, hashPath, MANIFEST_FILE } from '../lib/hashing.js';
import {
  consentForChain, consentFromChain, parseConsent, parseLicenseTerms,
} from '../lib/terms.js';

const GYU = 10n ** 12n;
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

describe('arguments', () => {
  test('GYU amounts become planck, with up to 12 decimals', () => {
    assert.equal(parseGyu('2500'), 2500n * GYU);
    assert.equal(parseGyu('0.5'), GYU / 2n);
    assert.equal(parseGyu('1_000'), 1000n * GYU);
    assert.equal(parseGyu('0.000000000001'), 1n);
    for (const bad of ['', '-1', '1.2.3', '1e3', 'lots', '0.0000000000001']) {
      assert.throws(() => parseGyu(bad), CliError, bad);
    }
  });

  test('counts are whole numbers', () => {
    assert.equal(parseCount('42', '<id>'), 42n);
    assert.throws(() => parseCount('4.2', '<id>'), /<id> must be a whole number, got "4.2"/);
    assert.throws(() => parseCount('-1', '<id>'), CliError);
  });

  test('addresses are checked and re-encoded with prefix 42', () => {
    const kusamaAlice = 'HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F';
    assert.equal(parseAddress(kusamaAlice), ALICE);
    assert.equal(parseAddress(ALICE), ALICE);
    assert.throws(() => parseAddress('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ'), /checksum/);
    assert.throws(() => parseAddress('bob'), /"bob" is not a valid account address/);
  });
});

describe('signers', () => {
  const saved = process.env[SURI_ENV];
  after(() => {
    if (saved === undefined) delete process.env[SURI_ENV];
    else process.env[SURI_ENV] = saved;
  });

  test('--suri takes dev accounts and refuses secrets', async () => {
    assert.equal((await resolveSigner('//Alice')).address, ALICE);
    await assert.rejects(resolveSigner('bottom drive obey lake curtain smoke basket hold race lonely fit walk'),
      /--suri takes dev accounts only/);
    await assert.rejects(resolveSigner('0x' + '11'.repeat(32)), /--suri takes dev accounts only/);
  });

  test('GONGYU_SURI takes a mnemonic, a seed or a dev URI, and refuses typos', async () => {
    delete process.env[SURI_ENV];
    await assert.rejects(resolveSigner(undefined), /no signer/);
    process.env[SURI_ENV] = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk//Alice';
    assert.equal((await resolveSigner(undefined)).address, ALICE);
    process.env[SURI_ENV] = '0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a';
    assert.equal((await resolveSigner(undefined)).address, ALICE);
    process.env[SURI_ENV] = 'bottom drive obey lake curtain smoke basket hold race lonely fit wa1k';
    await assert.rejects(resolveSigner(undefined), /neither a valid BIP-39 mnemonic/);
    process.env[SURI_ENV] = 'password';
    await assert.rejects(resolveSigner(undefined), /neither a valid BIP-39 mnemonic/);
  });
});

describe('council thresholds', () => {
  test('every motion builds the call its row names and needs the share it names', () => {
    // A stand-in for polkadot.js: api.tx.<section>.<method>(...) returns "section.method".
    const api = { tx: new Proxy({}, { get: (_, section) => new Proxy({}, { get: (__, method) => () => `${section}.${method}` }) }) };
    const args = ['1', '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp'];
    for (const row of DECISIONS.filter((decision) => decision.motion)) {
      const motion = MOTIONS[row.motion];
      assert.ok(motion, `the toolkit has no motion ${row.motion}`);
      const built = motion.build(api, row.motion.endsWith('-node') ? [args[1], ALICE] : [args[0]]);
      assert.equal(built, row.call, row.motion);
      assert.equal(motion.needs, row.needs, row.motion);
    }
    assert.equal(Object.keys(MOTIONS).length, DECISIONS.filter((decision) => decision.motion).length);
  });

  test('docs/governance.md states the runtime table', () => {
    const page = fs.readFileSync(new URL('../../../docs/governance.md', import.meta.url), 'utf8');
    const rows = [...page.matchAll(/^\| `([\w.]+)` \| ([a-z ]+) \|$/gm)].map((m) => ({ call: m[1], needs: m[2] }));
    assert.deepEqual(rows, DECISIONS.map(({ call, needs }) => ({ call, needs })));
  });

  test('more than half and two thirds of the council', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => thresholdFor(MAJORITY, n)), [1, 2, 2, 3, 3]);
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => thresholdFor(TWO_THIRDS, n)), [1, 2, 2, 3, 4, 4]);
  });
});

describe('formatting', () => {
  const api = { registry: { chainDecimals: [12], chainTokens: ['GYU'] } };

  test('balances print in GYU without trailing zeros', () => {
    assert.equal(formatGyu(api, 0n), '0 GYU');
    assert.equal(formatGyu(api, 1n), '0.000000000001 GYU');
    assert.equal(formatGyu(api, 1500n * GYU), '1500 GYU');
    assert.equal(formatGyu(api, 1_370_000_000_000n), '1.37 GYU');
  });

  test('addresses shorten for tables', () => {
    assert.equal(shortAddress(ALICE), '5Grwva…utQY');
    assert.equal(shortAddress('short'), 'short');
  });

  test('the next step of a contribution follows its status', () => {
    const epoch = { index: 3, start: 30, length: 10 };
    const base = { attestations: [{}], deadline: 14_440, reward: { epoch: null } };
    assert.match(nextStep({ ...base, status: 'Pending' }, epoch), /waiting for verifiers \(1 attestation\(s\) so far; expires at block #14440\)/);
    assert.equal(nextStep({ ...base, status: 'Verified' }, epoch), 'verified; paid when epoch 3 closes at block #40');
    assert.equal(nextStep({ ...base, status: 'Verified', reward: { epoch: 2, vesting: { amount: 5n, vestsAt: 61 } } }, epoch),
      'verified and rewarded in epoch 2; the reward is frozen until block #61, the end of its challenge window');
    assert.equal(nextStep({ ...base, status: 'Verified', reward: { epoch: 2, vesting: null } }, epoch),
      'verified and rewarded in epoch 2; the reward has vested');
    assert.match(nextStep({ ...base, status: 'Rejected' }, epoch), /deposit went to the reward pot/);
  });

  test('a receipt names the score, the counts, the novelty and the earlier dataset', () => {
    const counts = { records: 10, valid: 9, duplicates: 1, inLanguage: 8, usefulBytes: 400 };
    assert.equal(formatReceipt(null), 'none (not verified)');
    assert.equal(formatReceipt({ counts, score: 80, novelty: 0.25, overlaps: 3, rewardedBytes: 100 }),
      'score 80; from 10 records: 9 valid, 1 duplicate(s), 8 in language (400 useful bytes); '
      + 'novelty 25.0% (the rest is in contribution #3); rewarded for 100 bytes');
    assert.equal(formatReceipt({ counts: null, score: 70, novelty: 1, overlaps: null, rewardedBytes: 1000 }),
      'score 70; novelty 100.0%; rewarded for 1000 bytes');
  });
});

describe('BLAKE3 roots', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyu-hash-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name, bytes) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), bytes);
  };

  test('the shared vectors (tests/vectors/content-roots.json) hash to their roots', async () => {
    const vectors = JSON.parse(fs.readFileSync(new URL('../../../tests/vectors/content-roots.json', import.meta.url)));
    for (const [index, file] of vectors.files.entries()) {
      write(`vector-file-${index}`, file.contents);
      assert.equal((await hashPath(path.join(dir, `vector-file-${index}`))).root, file.root);
    }
    for (const [index, directory] of vectors.directories.entries()) {
      const top = `vector-dir-${index}`;
      fs.mkdirSync(path.join(dir, top), { recursive: true });
      for (const [name, contents] of Object.entries(directory.files)) write(`${top}/${name}`, contents);
      const result = await hashPath(path.join(dir, top));
      assert.equal(result.manifest, directory.manifest, directory.name);
      assert.equal(result.root, directory.root, directory.name);
      assert.equal(result.size, directory.size, directory.name);
    }
  });

  test('consent is one level for all four categories or named pairs, and reaches the chain as variants', () => {
    assert.deepEqual(parseConsent('constrained'), {
      ai_training: 'constrained', ai_generative_training: 'constrained', ai_inference: 'constrained', data_mining: 'constrained',
    });
    const mixed = parseConsent('ai_generative_training=notAllowed, data_mining=constrained');
    assert.deepEqual(mixed, {
      ai_training: 'allowed', ai_generative_training: 'notAllowed', ai_inference: 'allowed', data_mining: 'constrained',
    });
    assert.deepEqual(consentForChain(mixed), {
      aiTraining: 'Allowed', aiGenerativeTraining: 'NotAllowed', aiInference: 'Allowed', dataMining: 'Constrained',
    });
    // What the chain returns reads back as the card's form.
    const codec = Object.fromEntries(Object.entries(consentForChain(mixed)).map(([field, type]) => [field, { type }]));
    assert.deepEqual(consentFromChain(codec), mixed);
    assert.throws(() => parseConsent('training=allowed'), CliError);
    assert.throws(() => parseConsent('ai_training=yes'), /must be allowed, notAllowed, constrained/);
    assert.throws(() => parseConsent('ai_training=allowed=1'), CliError);
  });

  test('a license motion names the uses a license allows, or withdraws it', () => {
    assert.deepEqual(parseLicenseTerms('training,weights'), { training: true, weightsRedistribution: true, commercial: false });
    assert.deepEqual(parseLicenseTerms('none'), { training: false, weightsRedistribution: false, commercial: false });
    assert.equal(parseLicenseTerms('withdraw'), null);
    assert.throws(() => parseLicenseTerms('training,resale'), /resale is not a use/);
    assert.equal(MOTIONS.license.needs, MAJORITY);
  });

  test('cards name owner, kind, base model, license and a dataset\'s format', () => {
    assert.deepEqual(JSON.parse(cardJson({ owner: ALICE, kind: 'dataset', license: 'MIT' })),
      { owner: ALICE, kind: 'dataset', license: 'MIT' });
    assert.deepEqual(JSON.parse(cardJson({ owner: ALICE, kind: 'fine-tune', base: 0, weights: 'lora', license: 'MIT' })),
      { owner: ALICE, kind: 'fine-tune', license: 'MIT', base_model: 0, weights: 'lora' });
    const dataset = { format: 'tsv', fields: ['ko', 'en'], language: 'ko-en', files: ['pairs.tsv'] };
    assert.deepEqual(JSON.parse(cardJson({ owner: ALICE, kind: 'dataset', license: 'MIT', dataset })),
      { owner: ALICE, kind: 'dataset', license: 'MIT', dataset });
    const lines = { format: 'lines', fields: [], language: 'ko', files: ['a.txt'] };
    assert.deepEqual(JSON.parse(cardJson({ owner: ALICE, kind: 'dataset', license: 'MIT', dataset: lines })).dataset,
      { format: 'lines', language: 'ko', files: ['a.txt'] });
    const consent = parseConsent('allowed');
    assert.deepEqual(JSON.parse(cardJson({ owner: ALICE, kind: 'dataset', license: 'MIT', consent })).consent,
      { ai_training: 'allowed', ai_generative_training: 'allowed', ai_inference: 'allowed', data_mining: 'allowed' });
    assert.equal(CARD_FILE, 'gongyu.json');
    assert.equal(MANIFEST_FILE, 'gongyu-manifest.txt');
  });

  test('a file hashes to the BLAKE3 of its bytes (reference vectors)', async () => {
    write('empty', '');
    write('abc', 'abc');
    assert.deepEqual(await hashPath(path.join(dir, 'empty')),
      { root: '0xaf1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262', size: 0, files: 1, manifest: null });
    assert.equal((await hashPath(path.join(dir, 'abc'))).root,
      '0x6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85');
  });

  test('a directory hashes as its sorted manifest; empty directories add nothing', async () => {
    write('tree/b/z.txt', 'abc');
    write('tree/B.txt', '');
    write('tree/a.txt', 'abc');
    fs.mkdirSync(path.join(dir, 'tree', 'empty'));
    const result = await hashPath(path.join(dir, 'tree'));
    const abc = '6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85';
    const empty = 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262';
    assert.equal(result.manifest, `${empty} 0 B.txt\n${abc} 3 a.txt\n${abc} 3 b/z.txt\n`);
    assert.equal(result.size, 6);
    assert.equal(result.files, 3);
    const again = await hashPath(path.join(dir, 'tree'));
    assert.equal(again.root, result.root);
    fs.mkdirSync(path.join(dir, 'nothing'));
    assert.equal((await hashPath(path.join(dir, 'nothing'))).root, `0x${empty}`);
  });

  test('missing paths and symlink loops are named errors', async () => {
    await assert.rejects(hashPath(path.join(dir, 'missing')), (error) => error instanceof HashError
      && /missing: no such file or directory/.test(error.message));
    write('loop/file', 'x');
    fs.symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop', 'again'));
    await assert.rejects(hashPath(path.join(dir, 'loop')), /symbolic links form a loop/);
    write('dangling/file', 'x');
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling', 'link'));
    await assert.rejects(hashPath(path.join(dir, 'dangling')), /dangling symbolic link/);
  });
});
