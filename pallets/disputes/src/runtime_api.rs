//! Runtime API through which clients read disputes (`api.call.disputesApi.*` in polkadot.js).

use alloc::vec::Vec;
use codec::Codec;
use pallet_contributions::ContributionId;

use crate::types::{Dispute, DisputeId, DisputeParams};

sp_api::decl_runtime_apis! {
	/// Reads of the disputes pallet.
	pub trait DisputesApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Dispute `id`, open or closed.
		fn dispute(id: DisputeId) -> Option<Dispute<AccountId, Balance, BlockNumber>>;
		/// Contribution `id`'s disputes, oldest first.
		fn disputes_of_contribution(id: ContributionId) -> Vec<(DisputeId, Dispute<AccountId, Balance, BlockNumber>)>;
		/// The disputes `who` is a side of, as challenger or owner.
		fn disputes_of_account(who: AccountId) -> Vec<(DisputeId, Dispute<AccountId, Balance, BlockNumber>)>;
		/// The dispute rules: bond, bounty, decision and appeal periods.
		fn params() -> DisputeParams<Balance, BlockNumber>;
	}
}
