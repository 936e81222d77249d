// What every `gongyu` tool shares: the node connection, the signer, parsing of addresses and
// GYU amounts, and errors that tell the user what to fix.

import { WsProvider } from '@polkadot/api';
import { decodeAddress, encodeAddress, mnemonicValidate } from '@polkadot/util-crypto';

import { connect, signer } from './chain.js';
import { CliError } from './errors.js';

export { CliError };

/** The node a tool talks to unless `--ws` says otherwise. */
export const DEFAULT_WS = 'ws://127.0.0.1:9944';

/** SS58 prefix of Gongyu addresses. */
export const SS58_PREFIX = 42;

/** Environment variable that carries a signer's secret (mnemonic, seed or `//Dev` URI). */
export const SURI_ENV = 'GONGYU_SURI';

/** The `--ws` default: `$GONGYU_WS` when set, else the local dev node. */
export function defaultWs() {
  return process.env.GONGYU_WS || DEFAULT_WS;
}

/** Whether a WebSocket handshake with `wsUrl` succeeds within `timeoutMs`. */
async function reachable(wsUrl, timeoutMs) {
  const provider = new WsProvider(wsUrl, false, {}, timeoutMs);
  let timer;
  try {
    const opened = new Promise((resolve, reject) => {
      provider.on('connected', () => resolve(true));
      provider.on('error', reject);
      timer = setTimeout(reject, timeoutMs, new Error('timeout'));
    });
    await provider.connect();
    return await opened;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    await provider.disconnect().catch(() => {});
  }
}

/**
 * Connects to the Gongyu node at `wsUrl`, or fails with a message that says how to get one.
 * Resolves with a ready `ApiPromise`.
 */
export async function connectToNode(wsUrl, { timeoutMs = 10_000 } = {}) {
  if (!/^wss?:\/\/[^/\s]+/.test(wsUrl)) {
    throw new CliError(`--ws ${wsUrl} is not a WebSocket URL: use ws://host:port or wss://host`);
  }
  if (!(await withQuietConsole(() => reachable(wsUrl, timeoutMs)))) {
    throw new CliError(`no node answers at ${wsUrl}: start a dev chain with `
      + '`bash scripts/run-dev.sh`, or point --ws at a running Gongyu node');
  }
  const api = await connect(wsUrl, { timeoutMs }).catch((error) => {
    throw new CliError(`cannot talk to the node at ${wsUrl}: ${error.message}`);
  });
  if (!api.tx.contributions || !api.call.rewardsApi) {
    await api.disconnect();
    throw new CliError(`the node at ${wsUrl} is not a Gongyu node (it has no contributions pallet)`);
  }
  return api;
}

/** Runs `fn` with polkadot.js's connection warnings (printed to the console) muted. */
async function withQuietConsole(fn) {
  const { error, warn } = console;
  console.error = () => {};
  console.warn = () => {};
  try {
    return await fn();
  } finally {
    Object.assign(console, { error, warn });
  }
}

/**
 * The signing key: `--suri` for the well-known dev accounts (`//Alice`), else the secret in
 * `$GONGYU_SURI`. A mnemonic or seed on the command line is refused, because it would be
 * kept in shell history and shown in process lists.
 */
export async function resolveSigner(suri) {
  if (suri !== undefined) {
    if (!suri.startsWith('//')) {
      throw new CliError('--suri takes dev accounts only (//Alice, //Bob, ...): put a mnemonic or '
        + `seed in the ${SURI_ENV} environment variable instead, so it stays out of shell history`);
    }
    return signer(suri);
  }
  const secret = process.env[SURI_ENV];
  if (!secret) {
    throw new CliError(`no signer: pass --suri //Alice (a dev account) or set ${SURI_ENV} to your mnemonic`);
  }
  // polkadot.js would take any short phrase as a raw seed: a mistyped mnemonic would then sign
  // as some other, empty account. Accept only a valid mnemonic, a 0x seed or a //Dev URI.
  const phrase = secret.split('/')[0].trim();
  if (phrase && !/^0x[0-9a-fA-F]{64}$/.test(phrase) && !mnemonicValidate(phrase)) {
    throw new CliError(`${SURI_ENV} is not a usable secret: it is neither a valid BIP-39 mnemonic `
      + '(check the words) nor a 0x-prefixed 32-byte seed nor a //Dev URI');
  }
  try {
    return await signer(secret);
  } catch (error) {
    throw new CliError(`${SURI_ENV} is not a usable secret: ${error.message}`);
  }
}

/** `address` re-encoded with Gongyu's SS58 prefix, or a CliError saying why it is not one. */
export function parseAddress(address, what = 'account') {
  try {
    return encodeAddress(decodeAddress(address), SS58_PREFIX);
  } catch (error) {
    throw new CliError(`"${address}" is not a valid ${what} address (SS58, like 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY): ${error.message}`);
  }
}

/** A non-negative integer argument (ids, block counts), or a CliError naming it. */
export function parseCount(value, what) {
  if (!/^\d+$/.test(String(value))) throw new CliError(`${what} must be a whole number, got "${value}"`);
  return BigInt(value);
}

/**
 * Planck from a GYU amount written with up to `decimals` decimals ("2500", "0.5").
 */
export function parseGyu(value, decimals = 12) {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(String(value).replaceAll('_', ''));
  if (!match) throw new CliError(`"${value}" is not a GYU amount (digits, optionally with a decimal point)`);
  const [, whole, fraction = ''] = match;
  if (fraction.length > decimals) throw new CliError(`"${value}" has more than ${decimals} decimals`);
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** Prints `value` as indented JSON (bigints as decimal strings). */
export function printJson(value) {
  console.log(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2));
}
