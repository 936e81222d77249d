// Disputes of verified contributions, read through the runtime's DisputesApi and described in
// words: the reasons a dispute may give, its stage and what the next step is.

import fs from 'node:fs';

import { CliError } from './errors.js';
import { disputeFromCodec } from './dispute-view.js';
import { hashFile } from './hashing.js';

export { describeStage, disputeFromCodec } from './dispute-view.js';

/** The reasons `open_dispute` takes, by their command-line names. */
export const DISPUTE_REASONS = {
  plagiarism: 'Plagiarism',
  license: 'LicenseViolation',
  unlawful: 'UnlawfulContent',
  duplicate: 'Duplicate',
  'misreported-card': 'MisreportedCard',
  takedown: 'Takedown',
};

/** The runtime's reason for the command-line name `name`, or a CliError listing them. */
export function parseReason(name) {
  const reason = DISPUTE_REASONS[name];
  if (!reason) {
    throw new CliError(`unknown reason "${name}": use one of ${Object.keys(DISPUTE_REASONS).join(', ')}`);
  }
  return reason;
}

/**
 * The evidence hash of `value`: a 0x-prefixed 32-byte hex hash as given, or the BLAKE3 of
 * the file at that path (the document published off chain).
 */
export async function evidenceHash(value) {
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) return value.toLowerCase();
  if (!fs.existsSync(value)) {
    throw new CliError(`evidence "${value}" is neither a 0x-prefixed 32-byte hash nor a file`);
  }
  return (await hashFile(value)).root;
}

/** `'upheld'` or `'dismissed'` as the boolean the runtime takes. */
export function parseOutcome(word) {
  if (word === 'upheld' || word === 'uphold') return true;
  if (word === 'dismissed' || word === 'dismiss') return false;
  throw new CliError(`the outcome must be "upheld" or "dismissed", got "${word}"`);
}

/** Dispute `id`, or null. */
export async function readDispute(api, id) {
  const found = await api.call.disputesApi.dispute(id);
  return found.isSome ? disputeFromCodec(id, found.unwrap()) : null;
}

/** Contribution `id`'s disputes, oldest first. */
export async function disputesOfContribution(api, id) {
  const list = await api.call.disputesApi.disputesOfContribution(id);
  return list.map(([disputeId, codec]) => disputeFromCodec(disputeId.toNumber(), codec));
}

/** The disputes `address` is a side of. */
export async function disputesOfAccount(api, address) {
  const list = await api.call.disputesApi.disputesOfAccount(address);
  return list.map(([disputeId, codec]) => disputeFromCodec(disputeId.toNumber(), codec))
    .sort((a, b) => a.id - b.id);
}

/** The dispute rules: `{ bond, bounty (0..1), decisionPeriod, appealPeriod }`. */
export async function readDisputeParams(api) {
  const params = await api.call.disputesApi.params();
  return {
    bond: params.bond.toBigInt(),
    bounty: params.bounty.toNumber() / 1e9,
    decisionPeriod: params.decisionPeriod.toNumber(),
    appealPeriod: params.appealPeriod.toNumber(),
  };
}
