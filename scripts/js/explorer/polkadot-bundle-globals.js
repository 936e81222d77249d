// The @polkadot/api browser bundle (16.x) reads two of its imports from globals that no
// other bundle defines: `util$1` (from @polkadot/types/util) and `constants` (from
// @polkadot/types/extrinsic/constants). Without them every one-shot storage query fails with
// "Cannot read properties of undefined (reading 'unwrapStorageSi')". This file defines the
// two pieces the bundle uses, exactly as @polkadot/types defines them; load it before the
// api bundle.
globalThis.util$1 = {
  /** The value type of a storage entry: plain, or a map's value. */
  unwrapStorageSi: (type) => (type.isPlain ? type.asPlain : type.asMap.value),
};
globalThis.constants = { LATEST_EXTRINSIC_VERSION: 4 };
