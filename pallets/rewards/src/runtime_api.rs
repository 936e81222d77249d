//! Runtime API through which clients read rewards (`api.call.rewardsApi.*` in polkadot.js).

use alloc::vec::Vec;
use codec::Codec;
use pallet_contributions::ContributionId;

use crate::types::{AccountRewards, ClawBack, ContributionReward, EpochInfo, UnvestedReward};

sp_api::decl_runtime_apis! {
	/// Reads of the rewards pallet. Version 2 added `vesting_schedule` and
	/// `challenge_window`, and the unvested part of `account_rewards`; version 3 `debt` and
	/// `clawed_back`.
	#[api_version(3)]
	pub trait RewardsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Rewards credited to `who` and not yet transferred.
		fn pending_rewards(who: AccountId) -> Balance;
		/// Everything ever credited to `who`.
		fn total_rewards(who: AccountId) -> Balance;
		/// Earned (and of it, unvested), paid and the block of the last payment of `who`.
		fn account_rewards(who: AccountId) -> AccountRewards<Balance, BlockNumber>;
		/// What contribution `id` earned (epoch share and bonuses).
		fn contribution_reward(id: ContributionId) -> ContributionReward<Balance>;
		/// The current epoch, its budget and what the pot can pay.
		fn current_epoch() -> EpochInfo<BlockNumber, Balance>;
		/// `who`'s rewards still in their challenge window: by contribution, what is frozen
		/// and the block that thaws it.
		fn vesting_schedule(who: AccountId) -> Vec<(ContributionId, UnvestedReward<Balance, BlockNumber>)>;
		/// Blocks from a reward's credit to its vesting, for rewards credited now.
		fn challenge_window() -> BlockNumber;
		/// What `who` owes from rewards an upheld dispute took back after they vested.
		fn debt(who: AccountId) -> Balance;
		/// What an upheld dispute took back from contribution `id`, if one did.
		fn clawed_back(id: ContributionId) -> Option<ClawBack<Balance>>;
	}
}
