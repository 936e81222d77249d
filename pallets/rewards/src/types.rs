//! Types stored by the rewards pallet or returned by its runtime API.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use pallet_contributions::{ContributionKind, Score};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

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
	/// The most an epoch pays per unit of reward weight, in planck (the smallest unit of
	/// GYU). An epoch pays at most `total weight × this`, however large its budget: a quiet
	/// epoch whose only contribution is a few kilobytes pays for those kilobytes, not the
	/// whole budget. What it does not pay stays in the pot.
	pub max_price_per_weight: u128,
	/// The most one account earns from one epoch, as a share of the epoch's budget. What a
	/// contribution would earn beyond it stays in the pot.
	pub max_account_share: Perbill,
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

	/// The most an epoch with `total_weight` pays by the price cap.
	pub fn price_cap(&self, total_weight: RewardWeight) -> u128 {
		total_weight.saturating_mul(self.max_price_per_weight)
	}
}

/// What an epoch pays, fixed when it closes (and shown while it runs).
#[derive(Clone, Copy, Eq, PartialEq, Debug)]
pub struct EpochTerms<Balance> {
	/// What it pays: the budget, or less if the pot or the price cap allow less.
	pub to_pay: Balance,
	/// The most it could pay by the price cap.
	pub price_cap: Balance,
	/// The most one account is credited from it (the account share of the budget).
	pub account_cap: Balance,
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
	/// What the epoch pays: the budget, or less if the pot or the price cap allow less.
	pub to_pay: Balance,
	/// The epoch's total reward weight.
	pub total_weight: RewardWeight,
	/// The most the epoch could pay by the price cap when it closed.
	pub price_cap: Balance,
	/// The most one account is credited from this epoch (the account share of the budget).
	pub account_cap: Balance,
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
	/// What it was credited from the last epoch that paid it, and that epoch: the account
	/// cap ([`RewardRules::max_account_share`]) is checked against it.
	pub epoch_credit: (EpochIndex, Balance),
	/// The part of `earned` still in its challenge window: frozen in the account's balance
	/// (freeze reason [`crate::FreezeReason::UnvestedReward`]) until it vests. The rest of
	/// `earned` has vested.
	pub unvested: Balance,
}

/// A contribution's reward while it waits out the contribution's challenge window.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct UnvestedReward<Balance, BlockNumber> {
	/// What stays frozen.
	pub amount: Balance,
	/// The block whose start thaws it: the block it was credited in plus the challenge
	/// window of that moment.
	pub vests_at: BlockNumber,
}

/// What an upheld dispute took back from a contribution's rewards.
#[derive(Clone, Copy, Default, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct ClawBack<Balance> {
	/// What returned to the pot: the unvested part (from the owner's balance, or never paid).
	pub returned: Balance,
	/// What the owner owes instead: the part that had vested, and any unvested part their
	/// balance no longer had free. Recovered from their later rewards.
	pub debt: Balance,
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
	/// What the epoch would pay if it closed now: its budget, capped by the pot and by the
	/// price per unit of weight ([`RewardRules::max_price_per_weight`]).
	pub payable: Balance,
	/// The most one account can earn from it ([`RewardRules::max_account_share`] of the
	/// budget).
	pub account_cap: Balance,
	/// The rules it is weighed and capped by.
	pub rules: RewardRules,
}
