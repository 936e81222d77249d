//! A test runtime: account 42 stands for the council; accounts 1..=3 validate at genesis.

#![allow(clippy::arithmetic_side_effects)]

use alloc::collections::btree_set::BTreeSet;
use frame_support::{derive_impl, ord_parameter_types, parameter_types, traits::Contains};
use frame_system::EnsureSignedBy;
use sp_runtime::BuildStorage;

use crate::{self as pallet_validator_set};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ValidatorSet = pallet_validator_set;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

ord_parameter_types! {
	pub const Council: u64 = 42;
}

parameter_types! {
	/// Accounts with registered session keys.
	pub static WithKeys: BTreeSet<u64> = [1, 2, 3, 4].into_iter().collect();
	/// The set pallet-session has queued (genesis: 1, 2, 3).
	pub static Queued: Vec<u64> = alloc::vec![1, 2, 3];
}

/// Session keys as the tests declare them.
pub struct TestKeys;
impl Contains<u64> for TestKeys {
	fn contains(who: &u64) -> bool {
		WithKeys::get().contains(who)
	}
}

impl crate::Config for Test {
	type ManageOrigin = EnsureSignedBy<Council, u64>;
	type HasSessionKeys = TestKeys;
	type QueuedValidators = Queued;
	type DefaultSessionLength = frame_support::traits::ConstU64<10>;
	type MaxValidators = frame_support::traits::ConstU32<5>;
	type WeightInfo = ();
}

/// A session rotation as pallet-session does it: asks for a new set and queues it.
pub fn rotate(index: u32) -> Option<Vec<u64>> {
	use pallet_session::SessionManager;
	let new = crate::Pallet::<Test>::new_session(index);
	if let Some(set) = &new {
		Queued::set(set.clone());
	}
	new
}

/// Genesis with validators 1, 2, 3 at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default()
		.build_storage()
		.unwrap();
	pallet_validator_set::GenesisConfig::<Test> {
		validators: alloc::vec![3, 1, 2],
		min_validators: 2,
		session_length: Some(5),
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		WithKeys::set([1, 2, 3, 4].into_iter().collect());
		Queued::set(alloc::vec![1, 2, 3]);
	});
	ext
}

/// Runs `test` on the genesis of [`new_test_ext`], then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}
