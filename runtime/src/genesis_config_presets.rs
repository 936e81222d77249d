//! Genesis presets built into the runtime and selected by name from the node
//! (`--chain dev`, `--chain local`).
//!
//! - `dev`: Alice is the only validator and the sudo key, the well-known dev accounts are
//!   funded. Starts at once on one machine.
//! - `local`: Alice, Bob, Charlie and Dave validate (GRANDPA tolerates one of them down); no
//!   sudo key: everything that needs privileges goes through governance.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	AccountId, BalancesConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig, UNIT,
};

/// Name of the local testnet preset (four validators).
pub const LOCAL_TESTNET_RUNTIME_PRESET: &str = "local_testnet";

/// What each endowed dev account starts with: one million GYU.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// A validator at genesis: its account and its session keys.
struct Validator {
	account: AccountId,
	aura: AuraId,
	grandpa: GrandpaId,
}

fn validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Validator {
	Validator { account: sr.to_account_id(), aura: sr.public().into(), grandpa: ed.public().into() }
}

fn genesis(validators: Vec<Validator>, endowed: Vec<AccountId>, sudo: Option<AccountId>) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.iter().cloned().map(|account| (account, ENDOWMENT)).collect::<Vec<_>>(),
		},
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|v| {
					let keys = SessionKeys { aura: v.aura, grandpa: v.grandpa };
					(v.account.clone(), v.account, keys)
				})
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: sudo },
	})
}

/// The well-known dev accounts (Alice..Ferdie and their stash accounts).
fn dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect()
}

/// One validator (Alice), funded dev accounts, Alice as sudo.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		dev_accounts(),
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// Four validators (Alice, Bob, Charlie, Dave), funded dev accounts, no sudo.
pub fn local_testnet_genesis() -> Value {
	genesis(
		vec![
			validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		dev_accounts(),
		None,
	)
}

/// The JSON patch of the preset called `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).ok()?.into_bytes())
}

/// The names of all presets this runtime builds.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
