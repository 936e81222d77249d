// Connecting to a Gongyu node with polkadot.js, signing, and reading results.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

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

/**
 * A dispatch error's `{ section, name, doc }`: the pallet error for a module error,
 * `token`/`arithmetic` with the inner type for those, else a null section and the error type.
 */
export function dispatchErrorParts(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return { section: meta.section, name: meta.name, doc: meta.docs.join(' ').trim() };
  }
  if (dispatchError.isToken) return { section: 'token', name: dispatchError.asToken.type, doc: '' };
  if (dispatchError.isArithmetic) return { section: 'arithmetic', name: dispatchError.asArithmetic.type, doc: '' };
  return { section: null, name: dispatchError.type ?? dispatchError.toString(), doc: '' };
}

/** `section.Name: doc` for a dispatch error, or its type (`BadOrigin`). */
export function describeDispatchError(api, dispatchError) {
  const { section, name, doc } = dispatchErrorParts(api, dispatchError);
  if (!section) return name;
  return doc ? `${section}.${name}: ${doc}` : `${section}.${name}`;
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
 * DispatchFailure naming the pallet error when the extrinsic fails. `onStatus(status)` sees
 * every transaction status on the way (Ready, InBlock, Finalized, ...).
 */
export function sendAndWait(api, tx, pair, { until = 'finalized', timeoutMs = 120_000, onStatus } = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`transaction not ${until} within ${timeoutMs} ms`));
    }, timeoutMs);
    tx.signAndSend(pair, (result) => {
      const { status, events, dispatchError } = result;
      onStatus?.(status);
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        clearTimeout(timer);
        unsubscribe();
        reject(new Error(`the transaction was ${status.type.toLowerCase()} by the node's pool`));
        return;
      }
      const reached = until === 'inBlock' ? (status.isInBlock || status.isFinalized) : status.isFinalized;
      if (!reached) return;
      clearTimeout(timer);
      unsubscribe();
      const blockHash = status.isInBlock ? status.asInBlock : status.asFinalized;
      if (dispatchError) {
        const { section, name } = dispatchErrorParts(api, dispatchError);
        reject(new DispatchFailure(describeDispatchError(api, dispatchError), {
          section: section ?? 'unknown', name, blockHash, events,
        }));
        return;
      }
      resolve({ blockHash, events });
    }).then((unsub) => { unsubscribe = unsub; }, (error) => { clearTimeout(timer); reject(poolRejection(error)); });
  });
}

/** The node's refusal of a transaction, in words: "1010: Invalid Transaction: ..." becomes a hint. */
function poolRejection(error) {
  const message = String(error?.message ?? error);
  if (/Inability to pay some fees/.test(message)) {
    return new Error('the account cannot pay the transaction fee (its free balance is too low)');
  }
  return error;
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
