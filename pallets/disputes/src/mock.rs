//! A test runtime with balances, the real rewards pallet, this pallet and a registry of
//! verified contributions the tests fill at will.
#![allow(clippy::arithmetic_side_effects)]

use alloc::collections::btree_map::BTreeMap;
use frame_support::{derive_impl, parameter_types, traits::Hooks, PalletId};
use frame_system::{EnsureRoot, EnsureSignedBy};
use pallet_contributions::{
	ContributionId, ContributionKind, ContributionRegistry, ContributionStatus,
	OnContributionVerified, Revocation,
};
use sp_runtime::{traits::AccountIdConversion, BuildStorage, Perbill};

use crate::{self as pallet_disputes, *};

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
	pub type Rewards = pallet_rewards;
	#[runtime::pallet_index(3)]
	pub type DisputesPallet = pallet_disputes;
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
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// A contribution's owner.
pub const OWNER: AccountId = 1;
/// A challenger.
pub const CHALLENGER: AccountId = 2;
/// Someone else.
pub const CHARLIE: AccountId = 3;
/// An account with nothing: it cannot hold a bond.
pub const PAUPER: AccountId = 4;
/// The council majority in tests (two thirds is [`TWO_THIRDS`]).
pub const COUNCIL: AccountId = 100;
/// Two thirds of the council in tests.
pub const TWO_THIRDS: AccountId = 101;
/// What each funded account starts with.
pub const INITIAL_BALANCE: Balance = 10_000;
/// What the pot starts with.
pub const POT_ENDOWMENT: Balance = 1_000_000;
/// The rewards pallet's epoch length.
pub const EPOCH: u64 = 10;
/// The challenge window: rewards vest this many blocks after their credit.
pub const WINDOW: u64 = 20;
/// The bond.
pub const BOND: Balance = 100;
/// Blocks to decide.
pub const DECISION: u64 = 5;
/// Blocks to appeal.
pub const APPEAL: u64 = 3;
/// Most disputes one contribution may have.
pub const MAX_DISPUTES: u32 = 3;
/// Most deadlines in one block.
pub const MAX_DEADLINES: u32 = 2;

parameter_types! {
	pub const RewardsPalletId: PalletId = PalletId(*b"gy/rewrd");
	pub const DefaultRules: pallet_rewards::RewardRules = pallet_rewards::RewardRules {
		dataset_weight: 1,
		fine_tune_weight: 1,
		per_submission_cost: 0,
		max_price_per_weight: u128::MAX,
		max_account_share: Perbill::one(),
	};
	pub const DefaultParams: DisputeParams<Balance, u64> = DisputeParams {
		bond: BOND,
		bounty: Perbill::from_percent(10),
		decision_period: DECISION,
		appeal_period: APPEAL,
	};
	pub PotAccount: AccountId = RewardsPalletId::get().into_account_truncating();
	/// Contributions and their status, as the contributions pallet would report.
	pub static Registry: BTreeMap<ContributionId, (AccountId, ContributionStatus)> = BTreeMap::new();
}

frame_support::ord_parameter_types! {
	pub const Council: AccountId = COUNCIL;
	pub const TwoThirds: AccountId = TWO_THIRDS;
}

/// The contributions tests declare.
pub struct TestRegistry;
impl ContributionRegistry<AccountId> for TestRegistry {
	fn verified_owner(id: ContributionId) -> Option<AccountId> {
		Registry::get()
			.get(&id)
			.filter(|(_, status)| matches!(status, ContributionStatus::Verified { .. }))
			.map(|(owner, _)| *owner)
	}

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

	fn revoke(id: ContributionId, how: Revocation) -> Option<AccountId> {
		let owner = Self::verified_owner(id)?;
		Registry::mutate(|registry| {
			registry.insert(id, (owner, how.status()));
		});
		Some(owner)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_verified(owner: &AccountId) -> Option<ContributionId> {
		let id = Registry::get().len() as ContributionId + 1_000;
		Registry::mutate(|registry| {
			registry.insert(id, (*owner, ContributionStatus::Verified { score: 100 }));
		});
		Some(id)
	}
}

impl pallet_rewards::Config for Test {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Contributions = TestRegistry;
	type VestingHold = DisputesPallet;
	type BudgetOrigin = EnsureRoot<AccountId>;
	type GrantOrigin = EnsureRoot<AccountId>;
	type MintOrigin = EnsureRoot<AccountId>;
	type PalletId = RewardsPalletId;
	type DefaultEpochLength = frame_support::traits::ConstU64<EPOCH>;
	type DefaultRules = DefaultRules;
	type DefaultBonusCap = frame_support::traits::ConstU64<1_000_000>;
	type MaxPayoutsPerBlock = frame_support::traits::ConstU32<4>;
	type DefaultChallengeWindow = frame_support::traits::ConstU64<WINDOW>;
	type MaxChallengeWindow = frame_support::traits::ConstU64<1_000>;
	type WeightInfo = ();
}

impl Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Contributions = TestRegistry;
	type Rewards = Rewards;
	type Pot = PotAccount;
	type DecideOrigin = EnsureSignedBy<Council, AccountId>;
	type AppealOrigin = EnsureSignedBy<TwoThirds, AccountId>;
	type ParamsOrigin = EnsureRoot<AccountId>;
	type DefaultParams = DefaultParams;
	type MaxPeriod = frame_support::traits::ConstU64<100>;
	type MaxDisputesPerContribution = frame_support::traits::ConstU32<MAX_DISPUTES>;
	type MaxDeadlinesPerBlock = frame_support::traits::ConstU32<MAX_DEADLINES>;
	type WeightInfo = ();
}

/// The pot's account.
pub fn pot() -> AccountId {
	PotAccount::get()
}

/// Test externalities: funded accounts and pot, budget 1,000 per epoch, block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default()
		.build_storage()
		.unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(OWNER, INITIAL_BALANCE),
			(CHALLENGER, INITIAL_BALANCE),
			(CHARLIE, INITIAL_BALANCE),
			(pot(), POT_ENDOWMENT),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_rewards::GenesisConfig::<Test> {
		budget: 1_000,
		epoch_length: None,
		rules: None,
		challenge_window: None,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Registry::set(BTreeMap::new());
	});
	ext
}

/// Runs `test`, then checks this pallet's and the rewards pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		DisputesPallet::do_try_state().unwrap();
		Rewards::do_try_state().unwrap();
	});
}

/// Advances to block `n`, running both pallets' `on_initialize` (rewards first, as the
/// runtime orders them).
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Rewards::on_initialize(next);
		DisputesPallet::on_initialize(next);
	}
}

/// Reports dataset `id` of `owner` verified now, with reward weight `weight`.
pub fn verified(id: ContributionId, owner: AccountId, weight: u64) {
	Registry::mutate(|registry| {
		registry.insert(id, (owner, ContributionStatus::Verified { score: 1 }));
	});
	Rewards::on_contribution_verified(id, &owner, ContributionKind::Dataset, weight, 1);
}

/// The status of contribution `id`.
pub fn status(id: ContributionId) -> ContributionStatus {
	Registry::get().get(&id).map(|(_, status)| *status).unwrap()
}
