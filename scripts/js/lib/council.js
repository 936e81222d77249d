// Council motions with polkadot.js: the decisions an operator proposes by name, and the
// propose / vote / close flow of pallet-collective.

import fs from 'node:fs';

import { base58Decode } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';

import { describeDispatchError, sendAndWait, signer } from './chain.js';
import { formatGyu } from './format.js';

/** How much of the council a decision needs (docs/governance.md). */
export const MAJORITY = 'more than half';
export const TWO_THIRDS = 'two thirds';

/**
 * Who decides what, as the runtime's table states it (checked against the runtime's origins
 * by runtime/tests/integration/governance_decisions.rs): `{ call, needs, motion? }` rows.
 */
export const DECISIONS = JSON.parse(fs.readFileSync(
  new URL('../../../runtime/src/configs/governance-decisions.json', import.meta.url), 'utf8',
)).decisions;

/** The share of the council motion `name` needs, from the runtime's table. */
function needsOf(name) {
  const row = DECISIONS.find((decision) => decision.motion === name);
  if (!row) throw new Error(`governance-decisions.json has no row for motion ${name}`);
  return row.needs;
}

/** The smallest number of ayes among `members` that satisfies `needs`. */
export function thresholdFor(needs, members) {
  return needs === TWO_THIRDS ? Math.ceil((2 * members) / 3) : Math.floor(members / 2) + 1;
}

/**
 * Decisions `gongyu council propose` knows by name. Each takes parsed arguments and builds
 * the call; `args` documents them for `--help`.
 */
export const MOTIONS = {
  budget: {
    args: '<gyu>', summary: 'set the reward budget of each epoch', needs: needsOf('budget'),
    build: (api, [amount]) => api.tx.rewards.setBudget(amount),
  },
  'epoch-length': {
    args: '<blocks>', summary: 'set the reward epoch length', needs: needsOf('epoch-length'),
    build: (api, [blocks]) => api.tx.rewards.setEpochLength(blocks),
  },
  'challenge-window': {
    args: '<blocks>', summary: 'set how long rewards credited from now on stay frozen (their challenge window)',
    needs: needsOf('challenge-window'),
    build: (api, [blocks]) => api.tx.rewards.setChallengeWindow(blocks),
  },
  mint: {
    args: '<gyu>', summary: 'mint GYU into the reward pot', needs: needsOf('mint'),
    build: (api, [amount]) => api.tx.rewards.mintIntoPot(amount),
  },
  license: {
    args: '<spdx> <uses|withdraw>',
    summary: 'accept a license with what it allows (comma-separated: training, weights, commercial; '
      + '"none" for nothing), or withdraw it',
    needs: needsOf('license'),
    build: (api, [license, terms]) => api.tx.contributions.setLicense(license, terms),
  },
  'decide-dispute': {
    args: '<dispute> <upheld|dismissed>',
    summary: 'decide an open dispute (upheld revokes the contribution and takes back its rewards)',
    needs: needsOf('decide-dispute'),
    build: (api, [id, upheld]) => api.tx.disputes.decide(id, upheld),
  },
  'decide-appeal': {
    args: '<dispute> <upheld|dismissed>',
    summary: 'decide an appealed dispute (the final decision)',
    needs: needsOf('decide-appeal'),
    build: (api, [id, upheld]) => api.tx.disputes.decideAppeal(id, upheld),
  },
  'add-verifier': {
    args: '<address>', summary: 'admit an account to the verifier set', needs: needsOf('add-verifier'),
    build: (api, [who]) => api.tx.verifierMembership.addMember(who),
  },
  'remove-verifier': {
    args: '<address>', summary: 'remove an account from the verifier set', needs: needsOf('remove-verifier'),
    build: (api, [who]) => api.tx.verifierMembership.removeMember(who),
  },
  'add-validator': {
    args: '<address>', summary: 'add an account to the validator set', needs: needsOf('add-validator'),
    build: (api, [who]) => api.tx.validatorSet.addValidator(who),
  },
  'remove-validator': {
    args: '<address>', summary: 'remove an account from the validator set', needs: needsOf('remove-validator'),
    build: (api, [who]) => api.tx.validatorSet.removeValidator(who),
  },
  'admit-node': {
    args: '<peer-id> <operator-address>', summary: 'admit a node (libp2p PeerId) to the network', needs: needsOf('admit-node'),
    build: (api, [peerId, operator]) => api.tx.networkAdmission.admitNode(peerIdBytes(peerId), operator),
  },
  'remove-node': {
    args: '<peer-id>', summary: 'remove a node from the network', needs: needsOf('remove-node'),
    build: (api, [peerId]) => api.tx.networkAdmission.removeNode(peerIdBytes(peerId)),
  },
};

/** A base58 libp2p PeerId (`12D3KooW…`) as the hex bytes the runtime stores. */
export function peerIdBytes(peerId) {
  return u8aToHex(base58Decode(peerId));
}

/** A call (or an extrinsic's call) as `section.method(args)`, balances in GYU. */
export function describeCall(api, call) {
  const method = call.method?.section ? call.method : call;
  const args = method.args.map((arg, i) => (/Balance/.test(method.meta.args[i].typeName.toString())
    ? formatGyu(api, arg.toString())
    : JSON.stringify(arg.toHuman())));
  return `${method.section}.${method.method}(${args.join(', ')})`;
}

/** The open motions: `{ index, hash, call, threshold, ayes, nays, end }`, oldest first. */
export async function openMotions(api) {
  const hashes = await api.query.council.proposals();
  const motions = await Promise.all(hashes.map(async (hash) => {
    const [proposal, voting] = await Promise.all([
      api.query.council.proposalOf(hash), api.query.council.voting(hash),
    ]);
    if (voting.isNone) return null;
    const votes = voting.unwrap();
    return {
      index: votes.index.toNumber(),
      hash: hash.toHex(),
      call: proposal.isSome ? api.createType('Call', proposal.unwrap()) : null,
      threshold: votes.threshold.toNumber(),
      ayes: votes.ayes.map(String),
      nays: votes.nays.map(String),
      end: votes.end.toNumber(),
    };
  }));
  return motions.filter(Boolean).sort((a, b) => a.index - b.index);
}

/**
 * Proposes `call` with `threshold`; resolves with `{ index, hash, executed }`. `options` go to
 * `sendAndWait` (here and below: `{ until: 'inBlock' }` does not wait for finality).
 */
export async function propose(api, call, threshold, pair, options = {}) {
  const length = call.method.encodedLength;
  const { events } = await sendAndWait(api, api.tx.council.propose(threshold, call, length), pair, options);
  const proposed = events.find(({ event }) => api.events.council.Proposed.is(event));
  if (proposed) {
    const { proposalIndex, proposalHash } = proposed.event.data;
    return { index: proposalIndex.toNumber(), hash: proposalHash.toHex(), executed: null };
  }
  // A threshold of one executes at once.
  const executed = events.find(({ event }) => api.events.council.Executed.is(event));
  return { index: null, hash: executed?.event.data.proposalHash.toHex() ?? null, executed: executed?.event.data.result ?? null };
}

/** Votes on the open motion `motion` (`{ index, hash }`, as `openMotions` lists it). */
export async function vote(api, motion, aye, pair, options = {}) {
  const { events } = await sendAndWait(api, api.tx.council.vote(motion.hash, motion.index, aye), pair, options);
  const voted = events.find(({ event }) => api.events.council.Voted.is(event));
  return { yes: voted.event.data.yes.toNumber(), no: voted.event.data.no.toNumber() };
}

/**
 * Closes `motion` (`{ index, hash, call }`), with the weight bound the runtime reports for its
 * call. Resolves with `{ approved, yes, no, result, dispatchResult }`: when it was
 * disapproved `result` and `dispatchResult` are null; else `dispatchResult` is the executed
 * call's `DispatchResult` and `result` is 'Ok' or its decoded error.
 */
export async function close(api, motion, pair, options = {}) {
  const length = motion.call.encodedLength;
  const info = await api.call.transactionPaymentCallApi.queryCallInfo(motion.call, length);
  const { events } = await sendAndWait(
    api, api.tx.council.close(motion.hash, motion.index, info.weight, length), pair, options,
  );
  const closed = events.find(({ event }) => api.events.council.Closed.is(event));
  const executed = events.find(({ event }) => api.events.council.Executed.is(event));
  const yes = closed ? closed.event.data.yes.toNumber() : motion.ayes?.length ?? 0;
  const no = closed ? closed.event.data.no.toNumber() : motion.nays?.length ?? 0;
  if (!executed) return { approved: false, yes, no, result: null, dispatchResult: null };
  const dispatchResult = executed.event.data.result;
  const result = dispatchResult.isOk ? 'Ok' : describeDispatchError(api, dispatchResult.asErr);
  return { approved: true, yes, no, result, dispatchResult };
}

/**
 * Passes `call` as a council motion on the dev/local council (Alice, Bob, Charlie), with the
 * functions above: Alice proposes with threshold 2, Alice and Bob vote aye, Charlie closes.
 * Resolves with the executed call's `DispatchResult` (`.isOk` / `.asErr`).
 */
export async function councilMotion(api, call, members) {
  const [alice, bob, charlie] = members ?? await Promise.all(['//Alice', '//Bob', '//Charlie'].map(signer));
  const inBlock = { until: 'inBlock' };
  const { index, hash } = await propose(api, call, 2, alice, inBlock);
  const motion = { index, hash, call: call.method };
  await vote(api, motion, true, alice, inBlock);
  await vote(api, motion, true, bob, inBlock);
  const { approved, dispatchResult } = await close(api, motion, charlie);
  if (!approved) throw new Error('the motion closed without executing (not enough ayes?)');
  return dispatchResult;
}
