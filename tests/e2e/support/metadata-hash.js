// Signing as a hardware wallet does: polkadot-api's `withMetadataHash` signer merkleizes the
// chain's metadata and signs `CheckMetadataHash` in mode 1 over its digest. The runtime
// accepts the transaction only if the digest equals the one compiled into it, so this shows
// the runtime was built with the metadata hash for the given token facts.

import { createClient } from 'polkadot-api';
import { getPolkadotSigner, withMetadataHash } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import { WebSocket } from 'ws';

import { signer } from '../../../scripts/js/lib/chain.js';

/** The token facts the chain's metadata hash commits to (runtime/src/token.rs). */
export const GYU_TOKEN = { tokenSymbol: 'GYU', decimals: 12 };

/**
 * Transfers `amount` (planck) from the dev account `suri` to `dest` with a metadata-proof
 * signer, waits for finality and resolves with `{ ok, dispatchError, blockNumber, mode }`,
 * where `mode` is the `CheckMetadataHash` mode the signer signed. Rejects when the node
 * refuses the transaction.
 */
export async function transferWithMetadataHash(wsUrl, suri, dest, amount, token = GYU_TOKEN) {
  const pair = await signer(suri);
  let mode;
  const base = getPolkadotSigner(pair.publicKey, 'Sr25519', (payload) => pair.sign(payload));
  const recording = {
    ...base,
    signTx: (callData, extensions, ...rest) => {
      mode = extensions.CheckMetadataHash?.value?.[0];
      return base.signTx(callData, extensions, ...rest);
    },
  };
  // Node.js 20 has no global WebSocket: hand polkadot-api the `ws` package's.
  const client = createClient(getWsProvider(wsUrl, { websocketClass: WebSocket }));
  try {
    const api = client.getUnsafeApi();
    const tx = api.tx.Balances.transfer_keep_alive({
      dest: { type: 'Id', value: dest },
      value: amount,
    });
    const result = await tx.signAndSubmit(withMetadataHash(token, recording));
    return {
      ok: result.ok,
      dispatchError: result.ok ? undefined : result.dispatchError,
      blockNumber: result.block.number,
      mode,
    };
  } finally {
    client.destroy();
  }
}
