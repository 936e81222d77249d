// Connecting to a Gongyu node with polkadot.js, signing, and reading results.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export { base58Decode, mnemonicGenerate } from '@polkadot/util-crypto';
export { u8aToHex } from '@polkadot/util';

/** Connects to `wsUrl`, failing with a clear message if no node answers in `timeoutMs`. */
export async function connect(wsUrl, { timeoutMs = 30_000 } = {}) {
  const provider = new WsProvider(wsUrl, 1_000, {}, timeoutMs);
  const api = new ApiPromise({ provider, noInitWarn: true, throwOnConnect: false });
  const timer = new Promise((_, reject) => {
    const t = setTimeout(() => reject(new Error(`no Gongyu node answered at ${wsUrl} within ${timeoutMs} ms`)), timeoutMs);
    t.unref?.();
  });
  try {
    await Promise.race([api.isReadyOrError, timer]);
  } catch (error) {
    await api.disconnect().catch(() => {});
    throw error;
  }
  return api;
}

/** Calls a raw JSON-RPC method (one polkadot.js does not decorate) on the node at `wsUrl`. */
export async function rpcCall(wsUrl, method, params = []) {
  const provider = new WsProvider(wsUrl, false);
  await provider.connect();
  await provider.isReady;
  try {
    return await provider.send(method, params);
  } finally {
    await provider.disconnect();
  }
}

/** A keyring pair from a secret URI such as `//Alice` or a mnemonic. */
export async function signer(suri) {
  await cryptoWaitReady();
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(suri);
}

/** `section.Name: doc` for a dispatch error, or its string form. */
export function describeDispatchError(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}: ${meta.docs.join(' ').trim()}`;
  }
  if (dispatchError.isToken) return `token.${dispatchError.asToken.type}`;
  if (dispatchError.isArithmetic) return `arithmetic.${dispatchError.asArithmetic.type}`;
  return dispatchError.type ?? dispatchError.toString();
}

/** An error thrown for a failed extrinsic; carries `section`, `name` and the block hash. */
export class DispatchFailure extends Error {
  constructor(message, { section, name, blockHash, events }) {
    super(message);
    Object.assign(this, { section, name, blockHash, events });
  }
}

/**
 * Signs and sends `tx`, waits until its block is finalized (or `inBlock` with
 * `{ until: 'inBlock' }`), and resolves with `{ blockHash, events }`. Rejects with a
 * DispatchFailure naming the pallet error when the extrinsic fails.
 */
export function sendAndWait(api, tx, pair, { until = 'finalized', timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`transaction not ${until} within ${timeoutMs} ms`));
    }, timeoutMs);
    tx.signAndSend(pair, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        clearTimeout(timer);
        unsubscribe();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      const reached = until === 'inBlock' ? (status.isInBlock || status.isFinalized) : status.isFinalized;
      if (!reached) return;
      clearTimeout(timer);
      unsubscribe();
      const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
      if (dispatchError) {
        let section = 'unknown';
        let name = dispatchError.type;
        if (dispatchError.isModule) {
          const meta = api.registry.findMetaError(dispatchError.asModule);
          section = meta.section;
          name = meta.name;
        } else if (dispatchError.isToken) {
          section = 'token';
          name = dispatchError.asToken.type;
        }
        reject(new DispatchFailure(describeDispatchError(api, dispatchError), { section, name, blockHash, events }));
        return;
      }
      resolve({ blockHash, events });
    }).then((unsub) => { unsubscribe = unsub; }, (error) => { clearTimeout(timer); reject(error); });
  });
}

/** Resolves once `predicate(header)` holds for a new best (or finalized) header. */
export function waitForHead(api, predicate, { finalized = false, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no ${finalized ? 'finalized' : 'best'} head matched within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscribe = finalized ? api.rpc.chain.subscribeFinalizedHeads : api.rpc.chain.subscribeNewHeads;
    subscribe((header) => {
      if (predicate(header)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(header);
      }
    }).then((unsub) => { unsubscribe = unsub; }, reject);
  });
}

/** Formats a balance in planck as GYU with the chain's decimals. */
export function formatGyu(api, planck) {
  const decimals = api.registry.chainDecimals[0] ?? 12;
  const value = BigInt(planck.toString());
  const unit = 10n ** BigInt(decimals);
  const whole = value / unit;
  const fraction = (value % unit).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''} ${api.registry.chainTokens[0] ?? 'GYU'}`;
}
