//! Runtime API through which clients read rewards (`api.call.rewardsApi.*` in polkadot.js).

use codec::Codec;
use pallet_contributions::ContributionId;

use crate::types::{AccountRewards, ContributionReward, EpochInfo};

sp_api::decl_runtime_apis! {
	/// Reads of the rewards pallet.
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
		/// Earned, paid and the block of the last payment of `who`.
		fn account_rewards(who: AccountId) -> AccountRewards<Balance, BlockNumber>;
		/// What contribution `id` earned (epoch share and bonuses).
		fn contribution_reward(id: ContributionId) -> ContributionReward<Balance>;
		/// The current epoch, its budget and what the pot can pay.
		fn current_epoch() -> EpochInfo<BlockNumber, Balance>;
	}
}
