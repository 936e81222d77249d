//! The chain specifications `gongyu-node` knows by name; their genesis comes from the
//! runtime's presets.

use gongyu_runtime::{
	genesis_config_presets::LOCAL_TESTNET_RUNTIME_PRESET, SS58_PREFIX, TOKEN_DECIMALS,
	TOKEN_SYMBOL, WASM_BINARY,
};
use sc_service::ChainType;

/// A chain specification of Gongyu (no client extensions).
pub type ChainSpec = sc_service::GenericChainSpec;

/// The token properties every Gongyu chain carries, so wallets show GYU with 12 decimals.
fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
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
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `local`: four validators (Alice, Bob, Charlie, Dave) on one machine.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("Gongyu Local Testnet")
		.with_id("gongyu_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}
