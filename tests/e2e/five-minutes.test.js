// End-to-end: the README's "Contribute in five minutes", command by command, and the
// explorer page in a real browser.
//
// The commands are read from README.md and must be exactly the ones below, so the README
// cannot drift from what is tested. Each runs as written through bash in the repository
// root; the only additions are the ports: the dev node gets free ports appended to its
// arguments, the tools find it through $GONGYU_WS (their `--ws` default), and the explorer gets
// a free `--port`. Debian's Chromium, driven by playwright-core, watches the explorer while
// the contribution is submitted, verified by the node's verifier service and rewarded; the
// screenshot is left in tests/artifacts/explorer.png.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { launchBrowser } from './support/browser.js';
import { hashPath } from '../../scripts/js/lib/hashing.js';
import { connect } from '../../scripts/js/lib/chain.js';
import { formatGyu } from '../../scripts/js/lib/format.js';
import { readEpoch } from '../../scripts/js/lib/rewards.js';
import {
  artifactsDir, freePort, repoRoot, runProcess,
} from './support/node-process.js';

/** The README's commands, in its order. */
const COMMANDS = {
  runDev: 'bash scripts/run-dev.sh --verifier',
  setup: 'bash scripts/setup.sh',
  dataset: "mkdir -p my-dataset && seq 1 2000 | sed 's/.*/&\\t문장 &\\tsentence &/' > my-dataset/pairs.tsv",
  hash: '. scripts/env.sh && "$GONGYU_NODE" hash my-dataset',
  contribute: 'scripts/gongyu contribute my-dataset --format tsv --fields id,ko,en --language ko-en --uri "file://$PWD/my-dataset" --license CC-BY-4.0 --suri //Ferdie',
  status: 'scripts/gongyu status 0 --wait rewarded',
  rewards: 'scripts/gongyu rewards 5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL',
  mine: 'scripts/gongyu mine 5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL',
  explorer: 'scripts/gongyu explorer',
};
const FERDIE = '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL';
const DATASET = path.join(repoRoot, 'my-dataset');

/**
 * The bytes verifiers reward the README's dataset for: its records' fields, that is
 * pairs.tsv less its 2,000 line endings and the two tabs of each line (not the card).
 */
function usefulBytes() {
  return fs.statSync(path.join(DATASET, 'pairs.tsv')).size - 2000 - 2 * 2000;
}

/** The shell commands of the README section "Contribute in five minutes". */
function readmeCommands() {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('## Contribute in five minutes');
  assert.ok(start >= 0, 'README has no "Contribute in five minutes" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** Starts a long-running README command (own process group), logging to the artifacts. */
function startCommand(name, command, env) {
  const log = path.join(artifactsDir(), `five-minutes-${name}.log`);
  const out = fs.openSync(log, 'w');
  const child = spawn('bash', ['-c', command], { cwd: repoRoot, env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    log,
    child,
    output: () => fs.readFileSync(log, 'utf8'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a README command to completion; resolves with its stdout, rejects with its output. */
async function runCommand(command, env) {
  const { code, stdout, stderr } = await runProcess('bash', ['-c', command], { cwd: repoRoot, env });
  if (code !== 0) throw new Error(`\`${command}\` exited with ${code}\n${stdout}\n${stderr}`);
  return stdout;
}

/** Resolves when `predicate()` holds, polling every 250 ms. */
async function until(predicate, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('contribute in five minutes (README), watched in the explorer', () => {
  let env;
  let node;
  let explorer;
  let browser;
  let page;
  let explorerUrl;
  let api;
  /** What Ferdie's contribution earns, as the toolkit and explorer print it. */
  let reward;

  before(async () => {
    const [rpcPort, p2pPort, prometheusPort, httpPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    env = { ...process.env, GONGYU_WS: `ws://127.0.0.1:${rpcPort}` };
    fs.rmSync(DATASET, { recursive: true, force: true });

    node = startCommand('node', `${COMMANDS.runDev} --rpc-port ${rpcPort} --prometheus-port ${prometheusPort} `
      + `--listen-addr /ip4/127.0.0.1/tcp/${p2pPort} --no-mdns --no-telemetry`, env);
    await until(() => /Imported #1\b/.test(node.output()), 'the dev node to author block #1', 300_000);

    explorer = startCommand('explorer', `${COMMANDS.explorer} --port ${httpPort}`, env);
    await until(() => /Explorer on http/.test(explorer.output()), 'the explorer to listen', 30_000);
    explorerUrl = `http://127.0.0.1:${httpPort}/`;

    api = await connect(env.GONGYU_WS);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (error) => console.error(`explorer page error: ${error.message}`));
  });

  after(async () => {
    if (page) await page.screenshot({ path: path.join(artifactsDir(), 'explorer.png'), fullPage: true }).catch(() => {});
    await api?.disconnect();
    await browser?.close();
    await explorer?.stop();
    await node?.stop();
    fs.rmSync(DATASET, { recursive: true, force: true });
  });

  test('the README lists exactly the commands this test runs', () => {
    assert.deepEqual(readmeCommands(), Object.values(COMMANDS));
  });

  test('the explorer connects to the node and follows its blocks', async () => {
    await page.goto(explorerUrl);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    assert.match(await page.textContent('#connection'), /connected to Gongyu Development/);
    assert.equal(await page.textContent('#node-url'), env.GONGYU_WS);
    await page.waitForFunction(() => /^#\d+$/.test(document.getElementById('finalized-block').textContent));
    const best = Number((await page.textContent('#best-block')).slice(1));
    const finalized = Number((await page.textContent('#finalized-block')).slice(1));
    assert.ok(best >= finalized, `best #${best} is behind finalized #${finalized}`);
    assert.equal(await page.textContent('#epoch-budget'), '1000 GYU');
    assert.equal(await page.textContent('#account-cap'), '100 GYU');
  });

  test('setup, dataset and hash', async () => {
    await runCommand(COMMANDS.setup, env);
    await runCommand(COMMANDS.dataset, env);
    const lines = fs.readFileSync(path.join(DATASET, 'pairs.tsv'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 2000);
    assert.equal(lines[6], '7\t문장 7\tsentence 7');
    const printed = await runCommand(COMMANDS.hash, env);
    const expected = await hashPath(DATASET);
    assert.match(printed, new RegExp(`^${expected.root}\\s+${expected.size} bytes\\s+1 file`), printed);
  });

  test('contribute, then the explorer shows the contribution', async () => {
    const out = await runCommand(COMMANDS.contribute, env);
    const { root } = await hashPath(DATASET);
    assert.match(out, new RegExp(`root ${root}`));
    assert.match(out, /Finalized in block #\d+/);
    assert.match(out, /Contribution #0 submitted/);
    await page.waitForSelector('#contributions tbody tr[data-id="0"]', { timeout: 60_000 });
    const owner = await page.getAttribute('#contributions tbody tr[data-id="0"] td:nth-child(2)', 'title');
    assert.equal(owner, FERDIE);
  });

  test('status waits until it is verified and rewarded', async () => {
    const out = await runCommand(COMMANDS.status, env);
    assert.match(out, /status\s+Verified \(score 100\)/);
    // Both verifiers counted 2,000 valid, unique Korean-English pairs. The dataset is rewarded
    // for the bytes of those records' fields.
    const useful = usefulBytes();
    const measured = `Measured \\(2000 records: 2000 valid, 0 duplicate\\(s\\), 2000 in language \\(${useful} useful bytes\\)\\)`;
    assert.match(out, new RegExp(`attestations .*${measured}\n\\s+.*${measured}`));
    // The receipt: the first dataset on the chain, so all of it is novel.
    assert.match(out, new RegExp(`receipt\\s+score 100; from 2000 records: .*; novelty 100\\.0%; rewarded for ${useful} bytes`));
    // Alone in its epoch, the dataset earns what its weight is worth at the price cap
    // (score 100 × dataset weight 1 × (useful bytes − 4 KiB) × 0.1 µGYU), far below the budget.
    const { maxPricePerWeight, accountCap, budget } = await readEpoch(api);
    const expected = 100n * (BigInt(useful) - 4096n) * maxPricePerWeight;
    assert.ok(expected < accountCap && accountCap < budget, `reward ${expected}`);
    reward = formatGyu(api, expected);
    assert.match(out, new RegExp(`reward\\s+${reward.replace('.', '\\.')} in epoch \\d+`));
    assert.match(out, /deposit\s+[\d.]+ GYU \(returned less the storage fee\)/);
  });

  test('rewards and mine show what Ferdie earned', async () => {
    const rewards = await runCommand(COMMANDS.rewards, env);
    const amount = reward.replace('.', '\\.');
    assert.match(rewards, new RegExp(`total rewards\\s+${amount}`));
    assert.match(rewards, new RegExp(`paid\\s+${amount}, last at block #(\\d+)`));
    const paidAt = rewards.match(/last at block #(\d+)/)[1];
    assert.match(rewards, new RegExp(`block #${paidAt}\\s+${amount}`));
    const mine = await runCommand(COMMANDS.mine, env);
    assert.match(mine, new RegExp(`^\\s+0\\s+Dataset\\s+Verified \\(100\\)\\s+\\d+\\s+${amount}$`, 'm'));
    assert.match(mine, new RegExp(`1 contribution\\(s\\), ${amount} earned in rewards`));
  });

  test('the explorer shows the reward, and the account search finds it', async () => {
    const row = '#contributions tbody tr[data-id="0"]';
    await page.waitForFunction(([selector, amount]) => document.querySelector(`${selector} td.reward`)?.textContent.startsWith(amount),
      [row, reward], { timeout: 60_000 });
    // What the reward was computed from: the records the verifiers counted.
    const useful = usefulBytes();
    assert.equal(await page.textContent(`${row} td.counts`), `2000 of 2000, ${useful} B useful`);
    assert.match(await page.getAttribute(`${row} td.counts`, 'title'), /^2000 records: 2000 valid, 0 duplicate\(s\)/);
    assert.match(await page.textContent(`${row} td.status`), /^Verified \(100\)$/);
    // The first dataset on the chain: no earlier one holds any of its records.
    assert.equal(await page.textContent(`${row} td.novelty`), '100.0%');
    assert.match(await page.getAttribute(`${row} td.novelty`, 'title'), new RegExp(`novelty 100\\.0%; rewarded for ${useful} bytes$`));
    await page.fill('#account-input', FERDIE);
    await page.click('#account-search');
    await page.waitForSelector('#account-result:not([hidden])');
    assert.equal(await page.textContent('#account-total'), reward);
    assert.equal(await page.textContent('#account-paid'), reward);
    assert.equal(await page.textContent('#account-contributions'), '#0');

    await page.fill('#account-input', 'not-an-address');
    await page.click('#account-search');
    await page.waitForSelector('#account-error:not([hidden])');
    assert.match(await page.textContent('#account-error'), /"not-an-address" is not a valid address/);
    await page.fill('#account-input', FERDIE);
    await page.click('#account-search');
    await page.waitForSelector('#account-result:not([hidden])');
  });
});
