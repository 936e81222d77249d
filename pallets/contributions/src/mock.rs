//! A test runtime with balances and a verifier set the tests change at will.

#![allow(clippy::arithmetic_side_effects)]

use alloc::vec::Vec;
use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, SortedMembers},
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};

use crate::{self as pallet_contributions, *};

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
	pub type ContributionsPallet = pallet_contributions;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// Alice, Bob and Charlie contribute.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// Verifiers at the start of every test.
pub const V1: AccountId = 11;
pub const V2: AccountId = 12;
pub const V3: AccountId = 13;
/// The reward pot, where slashed deposits go.
pub const POT: AccountId = 99;
/// What each account starts with.
pub const INITIAL_BALANCE: Balance = 10_000;
/// Deposit parameters of the mock.
pub const DEPOSIT_BASE: Balance = 100;
pub const DEPOSIT_PER_BYTE: Balance = 1;
/// Verification period of the mock, in blocks.
pub const PERIOD: u64 = 10;
/// Blocks an unavailable contribution's root stays reserved in the mock.
pub const COOLDOWN: u64 = 20;
/// What an `Unevaluated` attestation counts as in the mock.
pub const UNEVALUATED_SCORE: u8 = 30;

parameter_types! {
	/// The verifier set; tests add and remove members.
	pub static VerifierSet: Vec<AccountId> = alloc::vec![V1, V2, V3];
	/// Every `(id, owner, kind, size, score)` the pallet reported as verified.
	pub static VerifiedLog: Vec<(ContributionId, AccountId, ContributionKind, u64, Score)> = Vec::new();
	/// The model versions fine-tunes build on: id → (weights root, records an architecture).
	pub static TestVersions: alloc::collections::btree_map::BTreeMap<ModelVersionId, (ContentHash, bool)> =
		alloc::collections::btree_map::BTreeMap::new();
	pub const Pot: AccountId = POT;
	pub const DefaultParams: Parameters<Balance, u64> = Parameters {
		quorum: Perbill::from_percent(50),
		min_attestations: 2,
		verification_period: PERIOD,
		deposit_base: DEPOSIT_BASE,
		deposit_per_byte: DEPOSIT_PER_BYTE,
		unavailable_slash: Perbill::from_percent(20),
		unavailable_cooldown: COOLDOWN,
		uri_schemes: UriSchemes::WEB,
		storage_fee: 0,
		unevaluated_score: UNEVALUATED_SCORE,
	};
}

/// The verifier set as `SortedMembers`.
pub struct TestVerifiers;
impl SortedMembers<AccountId> for TestVerifiers {
	fn sorted_members() -> Vec<AccountId> {
		let mut members = VerifierSet::get();
		members.sort_unstable();
		members
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn add(who: &AccountId) {
		VerifierSet::mutate(|set| set.push(*who));
	}
}

/// Records verified contributions into [`VerifiedLog`].
pub struct RecordVerified;
impl OnContributionVerified<AccountId> for RecordVerified {
	fn on_contribution_verified(
		id: ContributionId,
		owner: &AccountId,
		kind: ContributionKind,
		size: u64,
		score: Score,
	) {
		VerifiedLog::mutate(|log| log.push((id, *owner, kind, size, score)));
	}
}

/// The model-version registry the tests set up ([`TestVersions`]); the models pallet is
/// the real one.
pub struct TestModelVersions;
impl ModelVersionRegistry for TestModelVersions {
	fn has_architecture(id: ModelVersionId) -> Option<bool> {
		TestVersions::get()
			.get(&id)
			.map(|(_, architecture)| *architecture)
	}

	fn weights_root(id: ModelVersionId) -> Option<ContentHash> {
		TestVersions::get().get(&id).map(|(root, _)| *root)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_base() -> Option<ModelVersionId> {
		Some(add_model_version([0xb0; 32], true))
	}
}

/// Registers a model version with the test registry, claiming its root as the models pallet
/// does; its id.
pub fn add_model_version(root: ContentHash, with_architecture: bool) -> ModelVersionId {
	let id = TestVersions::get().len() as ModelVersionId;
	assert!(<ContributionsPallet as ContributionRegistry<AccountId>>::claim_model_root(root, id));
	TestVersions::mutate(|versions| versions.insert(id, (root, with_architecture)));
	id
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Verifiers = TestVerifiers;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type OnSlash = ResolveTo<Pot, Balances>;
	type OnVerified = RecordVerified;
	type ModelVersions = TestModelVersions;
	type DefaultParameters = DefaultParams;
	type MaxUriLen = frame_support::traits::ConstU32<64>;
	type MaxLicenseLen = frame_support::traits::ConstU32<16>;
	type MaxLicenses = frame_support::traits::ConstU32<4>;
	type MaxAttestations = frame_support::traits::ConstU32<4>;
	type MaxPendingPerAccount = frame_support::traits::ConstU32<3>;
	type MaxScore = frame_support::traits::ConstU8<100>;
	type MaxBandBucket = frame_support::traits::ConstU32<4>;
	type MaxExpiriesPerBlock = frame_support::traits::ConstU32<2>;
	type MaxExpiryChecksPerBlock = frame_support::traits::ConstU32<4>;
	type MaxSubmissionsPerDeadline = frame_support::traits::ConstU32<7>;
	type ExpiryPageSize = frame_support::traits::ConstU32<2>;
	type WeightInfo = ();
}

/// Builds test externalities: funded accounts, one base model (id 0), block 1.
pub struct ExtBuilder;

impl ExtBuilder {
	/// Externalities for the benchmark tests: genesis state, no verifiers.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn new_bench() -> sp_io::TestExternalities {
		let mut ext = sp_io::TestExternalities::new(Self::storage());
		ext.execute_with(|| {
			System::set_block_number(1);
			VerifierSet::set(Vec::new());
			TestVersions::set(Default::default());
		});
		ext
	}

	fn storage() -> sp_runtime::Storage {
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.unwrap();
		pallet_balances::GenesisConfig::<Test> {
			balances: [ALICE, BOB, CHARLIE, V1, V2, V3, POT]
				.iter()
				.map(|who| (*who, INITIAL_BALANCE))
				.collect(),
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		crate::GenesisConfig::<Test> {
			parameters: None,
			licenses: alloc::vec![
				(b"CC-BY-4.0".to_vec(), OPEN_TERMS),
				(b"CC-BY-NC-4.0".to_vec(), NON_COMMERCIAL_TERMS),
			],
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		storage
	}

	/// Runs `test` at block 1, then checks the pallet's invariants.
	pub fn build_and_execute(test: impl FnOnce()) {
		let mut ext = sp_io::TestExternalities::new(Self::storage());
		ext.execute_with(|| {
			System::set_block_number(1);
			VerifierSet::set(alloc::vec![V1, V2, V3]);
			VerifiedLog::set(Vec::new());
			TestVersions::set(Default::default());
			// Base model version 0 records an architecture, so fine-tunes can build on it.
			add_model_version(BASE_ROOT, true);
			test();
			ContributionsPallet::do_try_state().unwrap();
		});
	}
}

/// Terms of the mock's open license (`CC-BY-4.0`): every use allowed.
pub const OPEN_TERMS: LicenseTerms = LicenseTerms::OPEN;

/// Terms of the mock's non-commercial license (`CC-BY-NC-4.0`).
pub const NON_COMMERCIAL_TERMS: LicenseTerms = LicenseTerms::NON_COMMERCIAL;

/// The root of base model version 0's weights in the tests.
pub const BASE_ROOT: ContentHash = [7; 32];

/// Advances to block `n`, running `on_initialize` of the pallet on each block.
pub fn run_to_block(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		ContributionsPallet::on_initialize(next);
	}
}
