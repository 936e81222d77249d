// The explorer page: connects to a Gongyu node with the polkadot.js browser bundle and shows
// the latest and finalized block, recent contributions, the reward epoch, the lineage of
// model releases and an account's rewards. The node is `?ws=…` in the address, else the one config.json names.

import { formatCounts, formatReceipt, nextStep, readContribution } from './lib/contributions.js';
import { describeStage, disputeFromCodec, openDispute } from './lib/dispute-view.js';
import { formatGyu, shortAddress } from './lib/format.js';
import { readReleases } from './lib/models.js';
import { readAccountRewards, readEpoch } from './lib/rewards.js';
import { renderLineage } from './lineage.js';

const { ApiPromise, WsProvider } = globalThis.polkadotApi;
const { decodeAddress, encodeAddress } = globalThis.polkadotUtilCrypto;

/** How many of the newest contributions the table shows. */
const RECENT = 20;

const $ = (id) => document.getElementById(id);

/** Sets the text of element `id`. */
function show(id, text) {
  $(id).textContent = text;
}

async function nodeUrl() {
  const fromQuery = new URLSearchParams(location.search).get('ws');
  if (fromQuery) return fromQuery;
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.ok) return (await response.json()).ws;
  } catch {
    // No config.json: fall back to the local node.
  }
  return 'ws://127.0.0.1:9944';
}

function setConnection(state, text) {
  $('connection').dataset.state = state;
  show('connection', text);
}

/**
 * The records verifiers counted in a dataset (the first `Measured` attestation; a quorum
 * agrees on identical counts): "2000 of 2000 in language, 52679 B useful", with the full
 * counts as the cell's title.
 */
function counted(c) {
  const counts = c.attestations.find((a) => a.counts)?.counts;
  if (!counts) return ['–', null, 'counts'];
  return [`${counts.inLanguage} of ${counts.records}, ${counts.usefulBytes} B useful`, formatCounts(counts), 'counts'];
}

/**
 * The part of a verified contribution no earlier dataset holds, from its receipt: "100.0%",
 * or "9.7% (rest in #3)", with the whole receipt as the cell's title.
 */
function novel(c) {
  if (!c.receipt) return ['–', null, 'novelty'];
  const { novelty, overlaps } = c.receipt;
  const text = `${(novelty * 100).toFixed(1)}%` + (overlaps === null ? '' : ` (rest in #${overlaps})`);
  return [text, formatReceipt(c.receipt), 'novelty'];
}

/**
 * The status cell: the status (and score), "disputed" while a dispute is undecided; the next
 * step as its title.
 */
function statusCell(c, epoch) {
  const status = c.score === null ? c.status : `${c.status} (${c.score})`;
  const open = openDispute(c.disputes);
  if (open) return [`${status} · disputed #${open.id}`, nextStep(c, epoch), 'status status-Disputed'];
  return [status, nextStep(c, epoch), `status status-${c.status}`];
}

/** One table row for a contribution. */
function contributionRow(api, c, epoch) {
  const row = document.createElement('tr');
  row.dataset.id = String(c.id);
  const reward = c.reward.epoch === null ? '–' : `${formatGyu(api, c.reward.amount + c.reward.bonus)} (epoch ${c.reward.epoch})`;
  const cells = [
    [String(c.id)],
    [shortAddress(c.owner), c.owner],
    [c.kind === 'FineTune' ? `FineTune (base ${c.base})` : 'Dataset'],
    [`${c.size} B`],
    counted(c),
    novel(c),
    statusCell(c, epoch),
    [String(c.attestations.length)],
    [reward, null, 'reward'],
  ];
  for (const [text, title, className] of cells) {
    const cell = document.createElement('td');
    cell.textContent = text;
    if (title) cell.title = title;
    if (className) cell.className = className;
    row.append(cell);
  }
  return row;
}

async function refreshChain(api) {
  const epoch = await readEpoch(api);
  show('epoch-index', String(epoch.index));
  show('epoch-end', String(epoch.start + epoch.length));
  show('epoch-entries', String(epoch.entries));
  show('epoch-budget', formatGyu(api, epoch.budget));
  show('pot', formatGyu(api, epoch.potAvailable));
  show('epoch-payable', formatGyu(api, epoch.payable));
  show('account-cap', formatGyu(api, epoch.accountCap));

  const next = (await api.query.contributions.nextContributionId()).toNumber();
  const ids = [];
  for (let id = next - 1; id >= 0 && ids.length < RECENT; id -= 1) ids.push(id);
  const contributions = (await Promise.all(ids.map((id) => readContribution(api, id)))).filter(Boolean);
  const body = $('contributions').tBodies[0];
  if (contributions.length > 0) body.replaceChildren(...contributions.map((c) => contributionRow(api, c, epoch)));

  if (!api.query.models) return;
  const releases = await readReleases(api);
  $('releases-empty').hidden = releases.length > 0;
  renderLineage($('lineage'), releases);
}

/** Shows the rewards of the address in the search box; `quiet` keeps errors for typing. */
async function refreshAccount(api) {
  const input = $('account-input').value.trim();
  if (!input) return;
  let address;
  try {
    address = encodeAddress(decodeAddress(input), 42);
  } catch (error) {
    $('account-result').hidden = true;
    $('account-error').hidden = false;
    show('account-error', `"${input}" is not a valid address: ${error.message}`);
    return;
  }
  const [account, ids, disputes] = await Promise.all([
    readAccountRewards(api, address),
    api.call.contributionsApi.contributionsOf(address),
    api.call.disputesApi.disputesOfAccount(address),
  ]);
  $('account-error').hidden = true;
  show('account-address', address);
  show('account-free', formatGyu(api, account.free));
  show('account-total', formatGyu(api, account.total));
  show('account-paid', formatGyu(api, account.paid));
  show('account-pending', formatGyu(api, account.pending));
  show('account-unvested', account.vesting.length === 0 ? formatGyu(api, account.unvested)
    : `${formatGyu(api, account.unvested)} (${account.vesting
      .map(({ id, amount, vestsAt }) => `#${id}: ${formatGyu(api, amount)} until block #${vestsAt}`).join('; ')})`);
  show('account-debt', formatGyu(api, account.debt));
  show('account-disputes', disputes.length === 0 ? 'none' : disputes
    .map(([id, codec]) => disputeFromCodec(id.toNumber(), codec))
    .sort((a, b) => a.id - b.id)
    .map((d) => `#${d.id} on contribution #${d.contribution} (${d.reason}): ${describeStage(d)}`)
    .join('; '));
  show('account-last-paid', account.lastPaidAt === null ? 'never' : `block #${account.lastPaidAt}`);
  show('account-contributions', ids.length === 0 ? 'none' : ids.map((id) => `#${id}`).join(', '));
  $('account-result').hidden = false;
}

/** Runs `task` unless a previous run is still going (new heads can arrive faster). */
function serialized(task) {
  let running = false;
  return async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      console.error(error);
    } finally {
      running = false;
    }
  };
}

async function main() {
  const url = await nodeUrl();
  show('node-url', url);
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  api.on('disconnected', () => setConnection('error', 'disconnected, retrying…'));
  api.on('connected', () => setConnection('connected', 'connected'));
  const chain = await api.rpc.system.chain();
  setConnection('connected', `connected to ${chain}`);

  const refresh = serialized(async () => {
    await refreshChain(api);
    await refreshAccount(api);
  });
  await api.rpc.chain.subscribeNewHeads((header) => {
    show('best-block', `#${header.number.toNumber()}`);
    refresh();
  });
  await api.rpc.chain.subscribeFinalizedHeads((header) => show('finalized-block', `#${header.number.toNumber()}`));
  $('account-form').addEventListener('submit', (event) => {
    event.preventDefault();
    refreshAccount(api).catch((error) => {
      $('account-error').hidden = false;
      show('account-error', error.message);
    });
  });
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  setConnection('error', `cannot connect: ${error.message}`);
  console.error(error);
});
