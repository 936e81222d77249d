// Reading contributions back from the chain as plain objects, and printing them.
// Shared by the command-line tools and the explorer page (which maps '@polkadot/util' to the
// browser bundle), so both show the same thing.

import { u8aToString } from '@polkadot/util';

import { describeStage, disputeFromCodec, openDispute } from './dispute-view.js';
import { formatGyu } from './format.js';
import { consentFromChain } from './terms.js';

/** A status's name and, for Verified, its score: `{ status: 'Verified', score: 90 }`. */
function statusOf(status) {
  if (status.isVerified) return { status: 'Verified', score: status.asVerified.score.toNumber() };
  return { status: status.type, score: null };
}

/** Record counts (`Measured` verdicts) as plain numbers, or null. */
function countsOf(verdict) {
  if (!verdict.isMeasured) return null;
  const { records, valid, duplicates, inLanguage, usefulBytes } = verdict.asMeasured.counts;
  return {
    records: records.toNumber(),
    valid: valid.toNumber(),
    duplicates: duplicates.toNumber(),
    inLanguage: inLanguage.toNumber(),
    usefulBytes: usefulBytes.toNumber(),
  };
}

/** An attestation as `{ verifier, verdict, score, counts }` (`counts` for `Measured`). */
function attestationOf({ verifier, verdict }) {
  return {
    verifier: verifier.toString(),
    verdict: verdict.type,
    score: verdict.isValid ? verdict.asValid.score.toNumber() : null,
    counts: countsOf(verdict),
  };
}

/**
 * What a verified contribution's reward was computed from, or null: `{ counts, score,
 * novelty (0..1), overlaps (an earlier id or null), rewardedBytes }`.
 */
function receiptOf(option) {
  if (option.isNone) return null;
  const receipt = option.unwrap();
  const counts = receipt.counts.isSome ? receipt.counts.unwrap() : null;
  return {
    counts: counts && {
      records: counts.records.toNumber(),
      valid: counts.valid.toNumber(),
      duplicates: counts.duplicates.toNumber(),
      inLanguage: counts.inLanguage.toNumber(),
      usefulBytes: counts.usefulBytes.toNumber(),
    },
    score: receipt.score.toNumber(),
    novelty: receipt.novelty.toNumber() / 1e9,
    overlaps: receipt.overlaps.isSome ? receipt.overlaps.unwrap().toNumber() : null,
    rewardedBytes: receipt.rewardedBytes.toNumber(),
  };
}

/** A receipt in words, for `gongyu status`. */
export function formatReceipt(receipt) {
  if (!receipt) return 'none (not verified)';
  const parts = [`score ${receipt.score}`];
  if (receipt.counts) parts.push(`from ${formatCounts(receipt.counts)}`);
  parts.push(`novelty ${(receipt.novelty * 100).toFixed(1)}%`
    + (receipt.overlaps === null ? '' : ` (the rest is in contribution #${receipt.overlaps})`));
  parts.push(`rewarded for ${receipt.rewardedBytes} bytes`);
  return parts.join('; ');
}

/** Verdicts that speak for a contribution. */
const POSITIVE_VERDICTS = new Set(['Valid', 'Measured']);

/** Record counts in words: "5 records: 4 valid, 1 duplicate, 2 in language (60 useful bytes)". */
export function formatCounts(counts) {
  return `${counts.records} records: ${counts.valid} valid, ${counts.duplicates} duplicate(s), `
    + `${counts.inLanguage} in language (${counts.usefulBytes} useful bytes)`;
}

/** An attestation's verdict in words. */
function formatVerdict(a) {
  if (a.counts) return `Measured (${formatCounts(a.counts)})`;
  return a.score === null ? a.verdict : `${a.verdict} (score ${a.score})`;
}

/**
 * Contribution `id` with its attestations and reward, or null when there is none. Amounts are
 * bigints in planck; `reward.epoch` is null until an epoch has credited it, and
 * `reward.vesting` (`{ amount, vestsAt }`) is what stays frozen in the owner's balance until its
 * challenge window passes, or null once nothing does.
 */
export async function readContribution(api, id) {
  const [found, reward, receipt, disputes, clawedBack] = await Promise.all([
    api.call.contributionsApi.contribution(id),
    api.call.rewardsApi.contributionReward(id),
    api.call.contributionsApi.receipt(id),
    api.call.disputesApi.disputesOfContribution(id),
    api.call.rewardsApi.clawedBack(id),
  ]);
  if (found.isNone) return null;
  const info = found.unwrap();
  const schedule = await api.call.rewardsApi.vestingSchedule(info.owner);
  const vesting = schedule.find(([contribution]) => contribution.toNumber() === Number(id));
  const kind = info.kind.isFineTune
    ? { kind: 'FineTune', base: info.kind.asFineTune.base.toNumber() }
    : { kind: 'Dataset', base: null };
  return {
    id: Number(id),
    owner: info.owner.toString(),
    ...kind,
    root: info.root.toHex(),
    size: info.bytes.toBigInt(),
    uri: u8aToString(info.uri),
    license: u8aToString(info.license),
    consent: consentFromChain(info.consent),
    descriptionHash: info.descriptionHash.isSome ? info.descriptionHash.unwrap().toHex() : null,
    deposit: info.deposit.toBigInt(),
    submittedAt: info.submittedAt.toNumber(),
    deadline: info.deadline.toNumber(),
    ...statusOf(info.status),
    attestations: info.attestations.map(attestationOf),
    receipt: receiptOf(receipt),
    reward: {
      epoch: reward.epoch.isSome ? reward.epoch.unwrap().toNumber() : null,
      amount: reward.reward.toBigInt(),
      bonus: reward.bonus.toBigInt(),
      vesting: vesting
        ? { amount: vesting[1].amount.toBigInt(), vestsAt: vesting[1].vestsAt.toNumber() }
        : null,
      clawedBack: clawedBack.isSome
        ? { returned: clawedBack.unwrap().returned.toBigInt(), debt: clawedBack.unwrap().debt.toBigInt() }
        : null,
    },
    disputes: disputes.map(([disputeId, codec]) => disputeFromCodec(disputeId.toNumber(), codec)),
  };
}

/** The ids of `owner`'s contributions, oldest first. */
export async function contributionIdsOf(api, owner) {
  const ids = await api.call.contributionsApi.contributionsOf(owner);
  return ids.map((id) => id.toNumber()).sort((a, b) => a - b);
}

/** What happens next to a contribution, in a sentence (for `status` and the explorer). */
export function nextStep(contribution, epoch) {
  switch (contribution.status) {
    case 'Pending':
      return `waiting for verifiers (${contribution.attestations.length} attestation(s) so far; `
        + `expires at block #${contribution.deadline})`;
    case 'Verified': {
      const open = openDispute(contribution.disputes);
      if (open) return `disputed (#${open.id}, ${open.reason}): ${describeStage(open)}; its rewards stay frozen until then`;
      if (contribution.reward.epoch === null) {
        return `verified; paid when epoch ${epoch.index} closes at block #${epoch.start + epoch.length}`;
      }
      return contribution.reward.vesting
        ? `verified and rewarded in epoch ${contribution.reward.epoch}; the reward is frozen until `
          + `block #${contribution.reward.vesting.vestsAt}, the end of its challenge window`
        : `verified and rewarded in epoch ${contribution.reward.epoch}; the reward has vested`;
    }
    case 'Revoked':
    case 'TakenDown':
      return `${contribution.status === 'Revoked' ? 'revoked' : 'taken down'} by an upheld dispute: it earns nothing `
        + 'more and goes into no new release; its unvested rewards returned to the pot and what had '
        + "vested is a debt against its owner's later rewards";
    case 'Rejected':
      return 'rejected by the verifiers (wrong bytes or card, or not records in the declared format); '
        + 'the deposit went to the reward pot';
    case 'Unavailable':
      return 'the verifiers could not fetch it; part of the deposit went to the reward pot and only '
        + 'its owner may register the root again during the cooldown';
    case 'Expired':
      return 'no quorum before the deadline; the deposit was returned less the storage fee';
    case 'Withdrawn':
      return contribution.attestations.some((a) => !POSITIVE_VERDICTS.has(a.verdict))
        ? 'withdrawn by its owner after a negative attestation; the deposit went to the reward pot'
        : 'withdrawn by its owner; the deposit was returned less the storage fee';
    default:
      return contribution.status;
  }
}

/** Where a contribution's deposit is, by status. */
const DEPOSIT_STATE = {
  Pending: 'held',
  Verified: 'returned less the storage fee',
  Rejected: 'slashed to the reward pot',
  Expired: 'returned less the storage fee',
  Withdrawn: 'returned less the storage fee unless a verifier had attested against it',
  Unavailable: 'partly slashed with the storage fee, the rest returned',
  Revoked: 'returned less the storage fee',
  TakenDown: 'returned less the storage fee',
};

/** Multi-line text describing a contribution, as `gongyu status` prints it. */
export function formatContribution(api, c, epoch) {
  const kind = c.kind === 'FineTune' ? `FineTune (base model version ${c.base})` : 'Dataset';
  const status = c.score === null ? c.status : `${c.status} (score ${c.score})`;
  const attestations = c.attestations.length === 0 ? 'none yet' : c.attestations
    .map((a) => `${a.verifier} ${formatVerdict(a)}`)
    .join('\n               ');
  const reward = c.reward.epoch === null
    ? 'not credited yet'
    : `${formatGyu(api, c.reward.amount)} in epoch ${c.reward.epoch}`
      + (c.reward.bonus > 0n ? ` + ${formatGyu(api, c.reward.bonus)} bonus` : '')
      + (c.reward.vesting
        ? `; ${formatGyu(api, c.reward.vesting.amount)} frozen until block #${c.reward.vesting.vestsAt}`
        : '; vested')
      + (c.reward.clawedBack
        ? `; taken back: ${formatGyu(api, c.reward.clawedBack.returned)} to the pot, `
          + `${formatGyu(api, c.reward.clawedBack.debt)} owed`
        : '');
  const disputes = (c.disputes ?? []).length === 0 ? 'none' : c.disputes
    .map((d) => `#${d.id} ${d.reason} by ${d.challenger}: ${describeStage(d)}`)
    .join('\n               ');
  return [
    `Contribution #${c.id}`,
    `  owner        ${c.owner}`,
    `  kind         ${kind}`,
    `  root         ${c.root}`,
    `  size         ${c.size} bytes`,
    `  uri          ${c.uri}`,
    `  license      ${c.license}`,
    `  consent      ${Object.entries(c.consent).map(([category, level]) => `${category}=${level}`).join(', ')}`,
    `  deposit      ${formatGyu(api, c.deposit)} (${DEPOSIT_STATE[c.status] ?? 'held'})`,
    `  submitted    block #${c.submittedAt} (deadline #${c.deadline})`,
    `  status       ${status}`,
    `  attestations ${attestations}`,
    `  receipt      ${formatReceipt(c.receipt)}`,
    `  reward       ${reward}`,
    `  disputes     ${disputes}`,
    `  next         ${nextStep(c, epoch)}`,
  ].join('\n');
}
