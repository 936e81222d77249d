//! The chain specifications `gongyu-node` knows by name; their genesis comes from the
//! runtime's presets.
//!
//! The node is built with the runtime it embeds, so it reads a preset from the runtime crate
//! itself rather than asking the wasm blob for it: that saves one compilation of the runtime
//! (about 6 s of CPU) on every start of `--dev` and `--chain local`. The chain specification
//! carries the preset as a genesis patch, readable in `build-spec` as before.

use gongyu_runtime::{
	genesis_config_presets::{development_config_genesis, local_testnet_genesis},
	SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY,
};
use sc_service::ChainType;

/// A chain specification of Gongyu (no client extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// The token properties every Gongyu chain carries, so wallets show GYU with 12 decimals.
pub fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// The runtime this node was built with.
pub fn wasm_binary() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| {
		"The wasm runtime is missing from this build: rebuild without SKIP_WASM_BUILD".to_string()
	})
}

/// `dev`: one validator (Alice), funded dev accounts; starts at once.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Gongyu Development")
		.with_id("gongyu_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_patch(development_config_genesis())
		.with_properties(properties())
		.build())
}

/// `local`: four validators (Alice, Bob, Charlie, Dave) on one machine.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Gongyu Local Testnet")
		.with_id("gongyu_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_patch(local_testnet_genesis())
		.with_properties(properties())
		.build())
}

/// Fails when `spec` is not a development chain and its genesis gives a role to a
/// well-known dev key (validators, session keys, council, verifiers, sudo, admitted nodes):
/// anyone could sign as them. `--allow-dev-keys` skips the check for test networks.
pub fn refuse_dev_keys(spec: &dyn sc_service::ChainSpec) -> Result<(), String> {
	if spec.chain_type() == ChainType::Development {
		return Ok(());
	}
	let storage = spec
		.as_storage_builder()
		.build_storage()
		.map_err(|e| format!("cannot build the genesis of `{}`: {e}", spec.id()))?;
	let found = sp_io::TestExternalities::new(storage)
		.execute_with(gongyu_runtime::dev_keys::dev_keys_in_state);
	if found.is_empty() {
		return Ok(());
	}
	Err(format!(
		"`{}` is not a development chain, but its genesis uses well-known dev keys that anyone \
		 can sign with:\n  - {}\nIf this is a test network, start the node with \
		 `--allow-dev-keys`; for a real network make a spec with fresh keys \
		 (`gongyu-node new-network`, see docs/operators.md).",
		spec.id(),
		found.join("\n  - ")
	))
}

#[cfg(test)]
mod tests {
	use super::*;
	use sc_chain_spec::GenesisConfigBuilderRuntimeCaller;
	use sp_runtime::BuildStorage;

	/// The wasm runtime the node embeds, ready to be asked for its presets.
	fn wasm_runtime() -> GenesisConfigBuilderRuntimeCaller<'static, sp_io::SubstrateHostFunctions> {
		GenesisConfigBuilderRuntimeCaller::new(wasm_binary().unwrap_or_else(|e| panic!("{e}")))
	}

	/// The node's chain specification for the runtime's preset `preset`.
	fn spec_of_preset(preset: &str) -> ChainSpec {
		match preset {
			sc_chain_spec::DEV_RUNTIME_PRESET => development_chain_spec(),
			sc_chain_spec::LOCAL_TESTNET_RUNTIME_PRESET => local_chain_spec(),
			other => Err(format!(
				"the runtime has a preset `{other}` that the node builds no chain spec for"
			)),
		}
		.unwrap_or_else(|e| panic!("{e}"))
	}

	#[test]
	fn the_presets_read_natively_build_the_genesis_the_wasm_runtime_builds() {
		let runtime = wasm_runtime();
		// Every preset the wasm offers, so that a preset added to the runtime is checked too.
		let presets = runtime.preset_names().unwrap_or_else(|e| panic!("{e}"));
		assert_eq!(
			presets,
			gongyu_runtime::genesis_config_presets::preset_names()
		);
		for preset in presets {
			let spec = spec_of_preset(&preset);
			let mut native = spec.build_storage().unwrap_or_else(|e| panic!("{e}"));
			let mut wasm = runtime
				.get_storage_for_named_preset(Some(&preset))
				.unwrap_or_else(|e| panic!("{e}"));
			// The chain specification adds the runtime code; the preset's state has none.
			native.top.remove(sp_core::storage::well_known_keys::CODE);
			wasm.top.remove(sp_core::storage::well_known_keys::CODE);
			// The keys whose values differ (one side lacking a key included), for the failure.
			let differing: std::collections::BTreeSet<String> = native
				.top
				.keys()
				.chain(wasm.top.keys())
				.filter(|key| native.top.get(*key) != wasm.top.get(*key))
				.map(|key| format!("0x{}", hex::encode(key)))
				.collect();
			assert!(
				differing.is_empty(),
				"{preset}: the genesis states differ at {differing:?}"
			);
			assert!(native.children_default == wasm.children_default, "{preset}");
		}
	}

	#[test]
	fn local_is_refused_for_its_dev_keys_and_dev_is_not_checked() {
		let local = local_chain_spec().unwrap_or_else(|e| panic!("{e}"));
		let error = refuse_dev_keys(&local).err().unwrap_or_default();
		assert!(
			error.contains("Aura authority is the dev key Alice"),
			"{error}"
		);
		assert!(
			error.contains("GRANDPA authority is the dev key Alice"),
			"{error}"
		);
		assert!(error.contains("council member"), "{error}");
		assert!(error.contains("verifier"), "{error}");
		assert!(
			error.contains("admitted node has a well-known node key"),
			"{error}"
		);
		assert!(error.contains("--allow-dev-keys"), "{error}");
		let dev = development_chain_spec().unwrap_or_else(|e| panic!("{e}"));
		assert_eq!(refuse_dev_keys(&dev), Ok(()));
	}
}
