//! A test runtime: account 42 stands for the council; two nodes are admitted at genesis.

#![allow(clippy::arithmetic_side_effects)]

use frame_support::{derive_impl, ord_parameter_types};
use frame_system::EnsureSignedBy;
use sp_runtime::BuildStorage;

use crate::{self as pallet_network_admission};

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
	pub type NetworkAdmission = pallet_network_admission;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

ord_parameter_types! {
	pub const Council: u64 = 42;
}

impl crate::Config for Test {
	type ManageOrigin = EnsureSignedBy<Council, u64>;
	type MaxNodes = frame_support::traits::ConstU32<3>;
	type MaxPeerIdLength = frame_support::traits::ConstU32<40>;
	type WeightInfo = ();
}

/// Genesis with nodes `[1; 38]` (operator 1) and `[2; 38]` (operator 2), at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default()
		.build_storage()
		.unwrap();
	pallet_network_admission::GenesisConfig::<Test> {
		nodes: alloc::vec![(alloc::vec![1; 38], 1), (alloc::vec![2; 38], 2)],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` on the genesis of [`new_test_ext`], then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}
