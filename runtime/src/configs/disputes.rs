//! Disputes of verified contributions: who decides them, what they cost and how long they
//! take.

use frame_support::{parameter_types, traits::ConstU32};
use pallet_disputes::DisputeParams;
use sp_runtime::Perbill;

use super::{
	governance::{GovernanceOrigin, TwoThirdsOrigin},
	RewardPotAccount,
};
use crate::{Balance, Balances, BlockNumber, Contributions, Rewards, Runtime, DAYS, UNIT};

/// The dispute rules until governance sets others: a 100 GYU bond, a tenth of what returns to
/// the pot as the challenger's bounty, four days to decide (a council motion runs three),
/// two days to appeal.
pub const DEFAULT_DISPUTE_PARAMS: DisputeParams<Balance, BlockNumber> = DisputeParams {
	bond: 100 * UNIT,
	bounty: Perbill::from_percent(10),
	decision_period: 4 * DAYS,
	appeal_period: 2 * DAYS,
};

parameter_types! {
	/// See [`DEFAULT_DISPUTE_PARAMS`].
	pub const DefaultDisputeParams: DisputeParams<Balance, BlockNumber> = DEFAULT_DISPUTE_PARAMS;
	/// Longest decision or appeal period governance may set: thirty days.
	pub const MaxDisputePeriod: BlockNumber = 30 * DAYS;
}

impl pallet_disputes::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = crate::RuntimeHoldReason;
	type Contributions = Contributions;
	type Rewards = Rewards;
	type Pot = RewardPotAccount;
	type DecideOrigin = GovernanceOrigin;
	type AppealOrigin = TwoThirdsOrigin;
	type ParamsOrigin = GovernanceOrigin;
	type DefaultParams = DefaultDisputeParams;
	type MaxPeriod = MaxDisputePeriod;
	type MaxDisputesPerContribution = ConstU32<8>;
	type MaxDeadlinesPerBlock = ConstU32<16>;
	type WeightInfo = pallet_disputes::weights::SubstrateWeight<Runtime>;
}
