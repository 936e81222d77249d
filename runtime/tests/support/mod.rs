//! What the runtime-level tests share: a chain built from a genesis preset of the real
//! runtime, blocks, origins and council votes.
#![allow(
	dead_code,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects
)]

use codec::Encode;
use frame_support::{assert_ok, traits::OnInitialize, weights::Weight};
use gongyu_runtime::{
	genesis_config_presets, AccountId, AllPalletsWithSystem, BuildStorage, Council, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, System,
};
use sp_keyring::Sr25519Keyring::Charlie;
use sp_runtime::traits::Hash;

/// Merges the JSON `patch` into `base`, as the genesis builder applies a preset.
pub fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// The genesis config of the preset called `preset`.
pub fn preset_config(preset: &str) -> RuntimeGenesisConfig {
	let patch = genesis_config_presets::get_preset(&preset.into()).expect("the preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	serde_json::from_value(config).unwrap()
}

/// Storage of the preset called `preset`, at block 1.
pub fn chain(preset: &str) -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(preset_config(preset).build_storage().unwrap());
	ext.execute_with(|| run_to(1));
	ext
}

/// Storage of the `dev` preset, at block 1.
pub fn dev_chain() -> sp_io::TestExternalities {
	chain(sp_genesis_builder::DEV_RUNTIME_PRESET)
}

/// Runs `on_initialize` of every pallet for each block up to `n`; returns their weight.
pub fn run_to(n: u32) -> Weight {
	let mut weight = Weight::zero();
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		weight = weight.saturating_add(<AllPalletsWithSystem as OnInitialize<u32>>::on_initialize(
			next,
		));
	}
	weight
}

/// A signed origin of `who`.
pub fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// The council votes on `call`: Alice proposes it with the threshold of all `ayes`, they vote
/// aye, Charlie closes. Returns the result of executing it.
pub fn council_vote(call: RuntimeCall, ayes: &[AccountId]) -> sp_runtime::DispatchResult {
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	assert_ok!(Council::propose(
		signed(&sp_keyring::Sr25519Keyring::Alice.to_account_id()),
		ayes.len() as u32,
		Box::new(call),
		length
	));
	for who in ayes {
		assert_ok!(Council::vote(signed(who), hash, index, true));
	}
	assert_ok!(Council::close(
		signed(&Charlie.to_account_id()),
		hash,
		index,
		Weight::MAX / 4,
		length
	));
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
				Some(result)
			}
			_ => None,
		})
		.expect("the motion executed")
}

/// What both verifiers count in the runtime tests' dataset: 10,000 records, of which 8,000
/// are valid, unique and in the dataset's language, 800,000 bytes of them (score 80).
pub fn measured_counts() -> pallet_contributions::RecordCounts {
	pallet_contributions::RecordCounts {
		records: 10_000,
		valid: 9_500,
		duplicates: 500,
		in_language: 8_000,
		useful_bytes: 800_000,
	}
}
