//! Types stored by the rewards pallet or returned by its runtime API.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use pallet_contributions::{ContributionKind, Score};
use scale_info::TypeInfo;

/// Index of a reward epoch (0 at genesis).
pub type EpochIndex = u32;

/// A contribution's claim on its epoch's budget: score × kind weight × rewarded bytes.
pub type RewardWeight = u128;

/// How verified contributions are weighed against each other; governance sets them.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RewardRules {
	/// Weight of a dataset byte.
	pub dataset_weight: u32,
	/// Weight of a fine-tune byte.
	pub fine_tune_weight: u32,
	/// Bytes subtracted from every contribution's size before weighing it. Because each
	/// submission pays this once, splitting an artifact into `k` parts earns at most what the
	/// whole earns, minus `(k - 1)` times this cost.
	pub per_submission_cost: u64,
}

impl RewardRules {
	/// The reward weight of a contribution: `score × kind weight × (size − per-submission
	/// cost)`, zero for contributions no larger than the cost.
	pub fn weight_of(&self, kind: ContributionKind, size: u64, score: Score) -> RewardWeight {
		let kind_weight = match kind {
			ContributionKind::Dataset => self.dataset_weight,
			ContributionKind::FineTune { .. } => self.fine_tune_weight,
		};
		let rewarded_bytes = size.saturating_sub(self.per_submission_cost);
		RewardWeight::from(score)
			.saturating_mul(RewardWeight::from(kind_weight))
			.saturating_mul(RewardWeight::from(rewarded_bytes))
	}
}

/// The epoch under way.
#[derive(Clone, Copy, Default, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct EpochState<BlockNumber> {
	/// Its index.
	pub index: EpochIndex,
	/// The block it started in.
	pub start: BlockNumber,
}

/// A verified contribution waiting for its epoch to close.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct EpochEntry<AccountId> {
	/// Who receives the reward.
	pub owner: AccountId,
	/// Its reward weight.
	pub weight: RewardWeight,
}

/// The reward weight an epoch has gathered.
#[derive(Clone, Copy, Default, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct EpochTally {
	/// Sum of the weights of its verified contributions.
	pub total_weight: RewardWeight,
	/// How many contributions were verified in it.
	pub entry_count: u32,
}

/// An epoch being paid out, a bounded number of contributions per block.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct Payout<Balance> {
	/// The epoch being paid.
	pub epoch: EpochIndex,
	/// The budget governance had set.
	pub budget: Balance,
	/// What the epoch pays: the budget, or what the pot could afford if less.
	pub to_pay: Balance,
	/// The epoch's total reward weight.
	pub total_weight: RewardWeight,
	/// Credited so far.
	pub credited: Balance,
	/// Contributions still to credit.
	pub remaining: u32,
}

/// What one contribution earned.
#[derive(Clone, Copy, Default, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct ContributionReward<Balance> {
	/// The epoch whose budget paid it, once credited.
	pub epoch: Option<EpochIndex>,
	/// Its share of that epoch's budget.
	pub reward: Balance,
	/// Bonuses governance granted it.
	pub bonus: Balance,
}

/// What one account earned and was paid.
#[derive(Clone, Copy, Default, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct AccountRewards<Balance, BlockNumber> {
	/// Everything credited to it (rewards and bonuses).
	pub earned: Balance,
	/// Everything transferred to it.
	pub paid: Balance,
	/// The block of its last payment.
	pub last_paid_at: Option<BlockNumber>,
}

/// Chain-wide sums that `try_state` checks.
#[derive(Clone, Copy, Default, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct RewardTotals<Balance> {
	/// What closed epochs committed to pay plus granted bonuses.
	pub committed: Balance,
	/// Credited to accounts.
	pub credited: Balance,
	/// Transferred to accounts.
	pub paid: Balance,
	/// Minted into the pot by governance.
	pub minted: Balance,
}

/// The current epoch as the runtime API reports it.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct EpochInfo<BlockNumber, Balance> {
	/// Its index.
	pub index: EpochIndex,
	/// The block it started in.
	pub start: BlockNumber,
	/// Its length in blocks.
	pub length: BlockNumber,
	/// The budget it will pay (if the pot can).
	pub budget: Balance,
	/// Reward weight gathered so far.
	pub total_weight: RewardWeight,
	/// Contributions verified in it so far.
	pub entry_count: u32,
	/// What the pot can pay now, beyond rewards already credited but unpaid.
	pub pot_available: Balance,
}
