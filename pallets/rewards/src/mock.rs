//! A test runtime with balances, the rewards pallet and a registry of verified contributions
//! the tests fill at will.
#![allow(clippy::arithmetic_side_effects)]

use alloc::collections::btree_map::BTreeMap;
use frame_support::{derive_impl, parameter_types, PalletId};
use frame_system::EnsureRoot;
use pallet_contributions::{ContributionId, ContributionRegistry};
use sp_runtime::{traits::AccountIdConversion, BuildStorage};

use crate::{self as pallet_rewards, *};

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
	pub type RewardsPallet = pallet_rewards;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

parameter_types! {
	pub const ExistentialDeposit: Balance = 10;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = frame_support::traits::VariantCountOf<RuntimeFreezeReason>;
	type RuntimeFreezeReason = RuntimeFreezeReason;
}

pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
/// An account that never existed: a reward below the existential deposit cannot reach it.
pub const NEWCOMER: AccountId = 50;
/// What each account starts with.
pub const INITIAL_BALANCE: Balance = 1_000;
/// What the pot starts with.
pub const POT_ENDOWMENT: Balance = 1_000_000;
/// The mock's epoch length.
pub const EPOCH: u64 = 10;
/// Most bonuses one epoch grants, in the mock.
pub const BONUS_CAP: Balance = 500;
/// The mock's challenge window: rewards vest this many blocks after their credit.
pub const WINDOW: u64 = 20;
/// The longest challenge window governance may set in the mock.
pub const MAX_WINDOW: u64 = 1_000;

parameter_types! {
	pub const RewardsPalletId: PalletId = PalletId(*b"gy/rewrd");
	pub const DefaultEpochLength: u64 = EPOCH;
	pub const DefaultRules: RewardRules =
		RewardRules {
			dataset_weight: 1,
			fine_tune_weight: 2,
			per_submission_cost: 100,
			// No caps unless a test sets them, so shares are exact.
			max_price_per_weight: u128::MAX,
			max_account_share: sp_runtime::Perbill::one(),
		};
	/// Verified contributions and their owners, as the contributions pallet would report.
	pub static Verified: BTreeMap<ContributionId, AccountId> = BTreeMap::new();
	/// Contributions whose rewards are held past their vesting block.
	pub static Held: alloc::collections::btree_set::BTreeSet<ContributionId> =
		alloc::collections::btree_set::BTreeSet::new();
}

/// Contributions whose rewards tests hold past their vesting block, as a dispute would.
pub struct TestHolds;
impl VestingHold for TestHolds {
	fn is_held(id: ContributionId) -> bool {
		Held::get().contains(&id)
	}
}

/// The verified contributions tests declare.
pub struct TestRegistry;
impl ContributionRegistry<AccountId> for TestRegistry {
	fn verified_owner(id: ContributionId) -> Option<AccountId> {
		Verified::get().get(&id).copied()
	}

	// The rewards pallet registers no models: no release, URI or root is ever asked about
	// here.
	fn use_refusal(
		_id: ContributionId,
		_intended: pallet_contributions::IntendedUse,
	) -> Option<pallet_contributions::UseRefusal> {
		None
	}

	fn accepts_uri(_uri: &[u8]) -> bool {
		false
	}

	fn claim_model_root(_root: [u8; 32], _version: pallet_contributions::ModelVersionId) -> bool {
		false
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_verified(owner: &AccountId) -> Option<ContributionId> {
		let id = Verified::get().len() as ContributionId + 1_000;
		Verified::mutate(|v| {
			v.insert(id, *owner);
		});
		Some(id)
	}
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Contributions = TestRegistry;
	type VestingHold = TestHolds;
	type BudgetOrigin = EnsureRoot<AccountId>;
	type GrantOrigin = EnsureRoot<AccountId>;
	type MintOrigin = EnsureRoot<AccountId>;
	type PalletId = RewardsPalletId;
	type DefaultEpochLength = DefaultEpochLength;
	type DefaultRules = DefaultRules;
	type DefaultBonusCap = frame_support::traits::ConstU64<BONUS_CAP>;
	type MaxPayoutsPerBlock = frame_support::traits::ConstU32<2>;
	type DefaultChallengeWindow = frame_support::traits::ConstU64<WINDOW>;
	type MaxChallengeWindow = frame_support::traits::ConstU64<MAX_WINDOW>;
	type WeightInfo = ();
}

/// The pot's account.
pub fn pot() -> AccountId {
	RewardsPallet::pot_account()
}

/// Builds test externalities: funded accounts and pot, budget 1,000 per epoch, block 1.
pub struct ExtBuilder {
	pot: Balance,
	budget: Balance,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			pot: POT_ENDOWMENT,
			budget: 1_000,
		}
	}
}

impl ExtBuilder {
	/// Sets the pot's endowment.
	pub fn pot(mut self, pot: Balance) -> Self {
		self.pot = pot;
		self
	}

	/// Sets the budget at genesis.
	pub fn budget(mut self, budget: Balance) -> Self {
		self.budget = budget;
		self
	}

	/// Genesis storage.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.unwrap();
		let mut balances: alloc::vec::Vec<(AccountId, Balance)> = [ALICE, BOB, CHARLIE]
			.iter()
			.map(|who| (*who, INITIAL_BALANCE))
			.collect();
		if self.pot > 0 {
			balances.push((RewardsPalletId::get().into_account_truncating(), self.pot));
		}
		pallet_balances::GenesisConfig::<Test> {
			balances,
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_rewards::GenesisConfig::<Test> {
			budget: self.budget,
			epoch_length: None,
			rules: None,
			challenge_window: None,
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| {
			System::set_block_number(1);
			Verified::set(BTreeMap::new());
			Held::set(Default::default());
		});
		ext
	}

	/// Runs `test`, then checks the pallet's invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			RewardsPallet::do_try_state().unwrap();
		});
	}
}

/// Advances to block `n`, running the pallet's `on_initialize` on each block.
pub fn run_to_block(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		RewardsPallet::on_initialize(next);
	}
}

/// Reports contribution `id` of `owner` as verified now (as the contributions pallet does).
pub fn verified(
	id: ContributionId,
	owner: AccountId,
	kind: pallet_contributions::ContributionKind,
	size: u64,
	score: u8,
) {
	use pallet_contributions::OnContributionVerified;
	Verified::mutate(|v| {
		v.insert(id, owner);
	});
	RewardsPallet::on_contribution_verified(id, &owner, kind, size, score);
}
