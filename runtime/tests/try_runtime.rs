//! The try-runtime check, run on real chain state: the runtime built with its `try-runtime`
//! feature runs `Executive::try_runtime_upgrade` with every check (each migration's
//! `pre_upgrade` and `post_upgrade`, every storage item decodes, every pallet's `try_state`
//! hook), then the runtime-wide invariants (`gongyu_runtime::invariants::check_all`).
//!
//! The state is a raw chain spec: the output of `gongyu-node export-state` of a chain the
//! end-to-end suites ran, named by `GONGYU_TRY_RUNTIME_STATE` (`scripts/test.sh` does this
//! after the end-to-end step). Without it the state of the `dev` and `local` presets is
//! checked, so the test also runs on its own:
//!
//! ```sh
//! GONGYU_TRY_RUNTIME_STATE=state.json SKIP_WASM_BUILD=1 \
//!   cargo test --release -p gongyu-runtime --features try-runtime --test try_runtime
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

use frame_try_runtime::UpgradeCheckSelect;
use gongyu_runtime::{BuildStorage, Executive, System};
use sp_core::bytes::from_hex;

mod support;

/// The storage of a raw chain spec (its `genesis.raw.top`).
fn raw_state(path: &str) -> sp_runtime::Storage {
	let text = std::fs::read_to_string(path)
		.unwrap_or_else(|e| panic!("cannot read the state file {path}: {e}"));
	let spec: serde_json::Value =
		serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
	let top = spec["genesis"]["raw"]["top"]
		.as_object()
		.unwrap_or_else(|| panic!("{path} is not a raw chain spec (no genesis.raw.top)"));
	let mut storage = sp_runtime::Storage::default();
	for (key, value) in top {
		let value = value.as_str().expect("storage values are hex strings");
		storage.top.insert(
			from_hex(key).expect("hex key"),
			from_hex(value).expect("hex value"),
		);
	}
	storage
}

/// Runs the try-runtime upgrade check, then the runtime's invariants, in `ext`; says what
/// failed.
fn try_runtime(ext: &mut sp_io::TestExternalities) -> Result<String, String> {
	ext.execute_with(|| {
		let at = System::block_number();
		let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.map_err(|e| format!("try-runtime at block {at}: {e:?}"))?;
		gongyu_runtime::invariants::check_all()
			.map_err(|e| format!("an invariant does not hold at block {at}: {e}"))?;
		Ok(format!("at block {at}, upgrade weight {weight}"))
	})
}

#[test]
fn the_runtime_passes_try_runtime_on_chain_state() {
	let states: Vec<(String, sp_runtime::Storage)> = match std::env::var("GONGYU_TRY_RUNTIME_STATE")
	{
		Ok(path) => vec![(path.clone(), raw_state(&path))],
		Err(_) => [sp_genesis_builder::DEV_RUNTIME_PRESET, "local_testnet"]
			.into_iter()
			.map(|preset| {
				let config = support::preset_config(preset);
				(preset.to_string(), config.build_storage().unwrap())
			})
			.collect(),
	};
	for (name, storage) in states {
		assert!(
			storage.top.len() > 10,
			"{name} holds only {} storage items",
			storage.top.len()
		);
		match try_runtime(&mut sp_io::TestExternalities::new(storage)) {
			Ok(report) => println!("try-runtime passed on {name} {report}"),
			Err(failure) => panic!("{name}: {failure}"),
		}
	}
}

/// What the check is for: a state that breaks an invariant is refused. Here the attack the
/// supply rule stops: GYU that appeared outside governance minting.
#[test]
fn try_runtime_refuses_a_state_with_unminted_gyu() {
	let mut ext = support::chain(sp_genesis_builder::DEV_RUNTIME_PRESET);
	assert!(try_runtime(&mut ext).is_ok());
	ext.execute_with(|| {
		pallet_balances::TotalIssuance::<gongyu_runtime::Runtime>::mutate(|i| *i += 1);
	});
	let failure = try_runtime(&mut ext).unwrap_err();
	assert!(failure.contains("`try_state` checks"), "{failure}");
	ext.execute_with(|| {
		assert_eq!(
			gongyu_runtime::Rewards::do_try_state(),
			Err("total issuance changed other than by governance minting".into())
		);
	});
}
