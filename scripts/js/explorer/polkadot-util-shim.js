// The explorer's stand-in for the npm module '@polkadot/util' (see the import map in
// index.html): the toolkit's shared helpers import from it, the browser bundle provides it.
export const { u8aToString, u8aToHex } = globalThis.polkadotUtil;
