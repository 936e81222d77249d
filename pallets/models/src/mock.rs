//! A test runtime with balances, the models pallet and a registry of verified contributions
//! the tests fill at will.
#![allow(clippy::arithmetic_side_effects)]

use alloc::collections::btree_map::BTreeMap;
use frame_support::{derive_impl, parameter_types, PalletId};
use frame_system::EnsureRoot;
use pallet_contributions::{
	Consent, ConsentLevel, ContributionId, ContributionRegistry, IntendedUse, LicenseTerms,
	UseRefusal,
};
use sp_runtime::{BuildStorage, Perbill};

use crate::{self as pallet_models, *};

type Block = frame_system::mocking::MockBlock<Test>;
/// Account ids are plain numbers in tests.
pub type AccountId = u64;
/// Balances are plain numbers in tests.
pub type Balance = u64;

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
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Models = pallet_models;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 1;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
}

/// Owners of contributions.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// Pays usage fees.
pub const PAYER: AccountId = 9;
/// The reward pot.
pub const POT: AccountId = 100;
/// What each account starts with.
pub const INITIAL_BALANCE: Balance = 1_000_000_000;
/// Most parent hops in the mock.
pub const MAX_HOPS: u32 = 4;

parameter_types! {
	/// Verified contributions and their owners.
	pub static Verified: BTreeMap<ContributionId, AccountId> = BTreeMap::new();
	/// Reward weights of verified contributions (from their receipts); none by default.
	pub static RewardWeights: BTreeMap<ContributionId, u64> = BTreeMap::new();
	/// Contributions a dispute revoked or took down.
	pub static Withdrawn: BTreeMap<ContributionId, pallet_contributions::Revocation> = BTreeMap::new();
	/// The license terms (`None`: not accepted) and consent of contributions whose terms are
	/// not open; every other contribution allows every use.
	pub static UsageTerms: BTreeMap<ContributionId, (Option<LicenseTerms>, Consent)> =
		BTreeMap::new();
	/// Content roots claimed, as the contributions pallet's `ByHash` would hold them.
	pub static ClaimedRoots: BTreeMap<[u8; 32], ClaimedBy> = BTreeMap::new();
	pub const ModelsPalletId: PalletId = PalletId(*b"gy/model");
	pub const Pot: AccountId = POT;
	/// Half to holders, 30 % to parents, the rest (20 %) to the pot.
	pub const DefaultSplit: RevenueSplit = RevenueSplit {
		holders: Perbill::from_percent(50),
		parents: Perbill::from_percent(30),
	};
}

/// The registry the tests fill.
/// What holds a content root in the tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimedBy {
	/// A contribution.
	Contribution,
	/// A model version.
	ModelVersion(pallet_contributions::ModelVersionId),
}

/// Terms that allow every use.
pub const OPEN_TERMS: LicenseTerms = LicenseTerms::OPEN;

/// The root contribution 1's bytes have in the tests.
pub const CONTRIBUTION_ROOT: [u8; 32] = [0xc1; 32];

pub struct TestContributions;
impl ContributionRegistry<AccountId> for TestContributions {
	fn verified_owner(id: ContributionId) -> Option<AccountId> {
		Verified::get().get(&id).copied()
	}

	fn reward_weight(id: ContributionId) -> Option<u64> {
		RewardWeights::get().get(&id).copied()
	}

	fn use_refusal(id: ContributionId, intended: IntendedUse) -> Option<UseRefusal> {
		let (terms, consent) = UsageTerms::get()
			.get(&id)
			.copied()
			.unwrap_or((Some(OPEN_TERMS), Consent::all(ConsentLevel::Allowed)));
		pallet_contributions::terms::use_refusal(terms, &consent, intended)
	}

	fn withdrawn(id: ContributionId) -> Option<pallet_contributions::Revocation> {
		Withdrawn::get().get(&id).copied()
	}

	fn revoke(id: ContributionId, how: pallet_contributions::Revocation) -> Option<AccountId> {
		let owner = Verified::mutate(|v| v.remove(&id))?;
		Withdrawn::mutate(|w| w.insert(id, how));
		Some(owner)
	}

	fn accepts_uri(uri: &[u8]) -> bool {
		uri.starts_with(b"https://") && uri.len() > b"https://".len()
	}

	fn claim_model_root(root: [u8; 32], version: pallet_contributions::ModelVersionId) -> bool {
		if ClaimedRoots::get().contains_key(&root) {
			return false;
		}
		ClaimedRoots::mutate(|roots| roots.insert(root, ClaimedBy::ModelVersion(version)));
		true
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_verified(owner: &AccountId) -> Option<ContributionId> {
		let id = Verified::get().len() as ContributionId + 1_000;
		Verified::mutate(|v| v.insert(id, *owner));
		Some(id)
	}
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type Contributions = TestContributions;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type PalletId = ModelsPalletId;
	type Pot = Pot;
	type DefaultSplit = DefaultSplit;
	type MaxNameLen = frame_support::traits::ConstU32<16>;
	type MaxUriLen = frame_support::traits::ConstU32<48>;
	type MaxParents = frame_support::traits::ConstU32<3>;
	type MaxIngredients = frame_support::traits::ConstU32<4>;
	type MaxReleasesPerContribution = frame_support::traits::ConstU32<2>;
	type MaxHops = frame_support::traits::ConstU32<MAX_HOPS>;
	type WeightInfo = ();
}

/// Builds the test externalities: funded accounts, contributions 1 to 6 verified (1 and 2
/// Alice's, 3 and 4 Bob's, 5 and 6 Charlie's), and checks `try_state` after each test.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Runs `test` in fresh externalities.
	pub fn build_and_execute(test: impl FnOnce()) {
		Self::benchmark_ext().execute_with(|| {
			test();
			Models::do_try_state().unwrap();
		});
	}

	/// Fresh externalities with the accounts funded and the contributions verified.
	pub fn benchmark_ext() -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [ALICE, BOB, CHARLIE, PAYER, POT]
				.iter()
				.map(|who| (*who, INITIAL_BALANCE))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			UsageTerms::set(BTreeMap::new());
			Withdrawn::set(BTreeMap::new());
			Verified::set(
				[
					(1, ALICE),
					(2, ALICE),
					(3, BOB),
					(4, BOB),
					(5, CHARLIE),
					(6, CHARLIE),
				]
				.into_iter()
				.collect(),
			);
			ClaimedRoots::set(
				[(CONTRIBUTION_ROOT, ClaimedBy::Contribution)]
					.into_iter()
					.collect(),
			);
		});
		ext
	}
}
