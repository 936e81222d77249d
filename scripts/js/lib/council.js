// Council motions with polkadot.js: propose, vote, close, and report the result.

import { sendAndWait, signer } from './chain.js';

/** An upper bound of a motion's call weight, passed to `council.close`. */
export const MOTION_WEIGHT_BOUND = { refTime: 10_000_000_000n, proofSize: 1_000_000n };

/**
 * Passes `call` as a council motion on the dev/local council (Alice, Bob, Charlie): Alice
 * proposes with threshold 2, Alice and Bob vote aye, Charlie closes. Resolves with the
 * `Executed` event's `result` (a `DispatchResult`: `.isOk` / `.asErr`).
 */
export async function councilMotion(api, call) {
  const [alice, bob, charlie] = await Promise.all(['//Alice', '//Bob', '//Charlie'].map(signer));
  const length = call.method.encodedLength;
  const { events } = await sendAndWait(api, api.tx.council.propose(2, call, length), alice, { until: 'inBlock' });
  const { proposalIndex, proposalHash } = events
    .find(({ event }) => api.events.council.Proposed.is(event)).event.data;
  await sendAndWait(api, api.tx.council.vote(proposalHash, proposalIndex, true), alice, { until: 'inBlock' });
  await sendAndWait(api, api.tx.council.vote(proposalHash, proposalIndex, true), bob, { until: 'inBlock' });
  const closed = await sendAndWait(
    api, api.tx.council.close(proposalHash, proposalIndex, MOTION_WEIGHT_BOUND, length), charlie,
  );
  const executed = closed.events.find(({ event }) => api.events.council.Executed.is(event));
  if (!executed) throw new Error('the motion closed without executing (not enough ayes?)');
  return executed.event.data.result;
}
