//! The pallets whose weights `gongyu-node benchmark pallet` measures.

use alloc::{string::String, vec::Vec};
use frame_benchmarking::{
	baseline::Pallet as BaselineBench, BenchmarkBatch, BenchmarkConfig, BenchmarkList,
};
use frame_support::traits::{
	StorageInfo, StorageInfoTrait, TrackedStorageKey, WhitelistedStorageKeys,
};
use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

use crate::*;

impl frame_system_benchmarking::Config for Runtime {}
impl frame_benchmarking::baseline::Config for Runtime {}
/// Fees go to the reward pot, which needs no setup before a fee is charged.
impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_utility, Utility]
	[pallet_sudo, Sudo]
	[pallet_collective, Council]
	[pallet_membership, CouncilMembership]
	[pallet_contributions, Contributions]
	[pallet_rewards, Rewards]
	[pallet_models, Models]
	[pallet_disputes, Disputes]
	[pallet_governance, Governance]
	[pallet_validator_set, ValidatorSet]
	[pallet_network_admission, NetworkAdmission]
);

/// The benchmarks this runtime has, for `benchmark pallet --list`.
pub fn metadata(extra: bool) -> (Vec<BenchmarkList>, Vec<StorageInfo>) {
	let mut list = Vec::<BenchmarkList>::new();
	list_benchmarks!(list, extra);
	(list, AllPalletsWithSystem::storage_info())
}

/// Runs the benchmarks `config` selects.
pub fn dispatch(config: BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
	let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
	let mut batches = Vec::<BenchmarkBatch>::new();
	let params = (&config, &whitelist);
	add_benchmarks!(params, batches);
	Ok(batches)
}
