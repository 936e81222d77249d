//! Runtime API through which clients read releases and revenue (`api.call.modelsApi.*` in
//! polkadot.js).

use alloc::vec::Vec;
use codec::Codec;
use pallet_contributions::{ContributionId, ModelVersionId};

use crate::types::{ClaimableRevenue, ModelVersionInfo, ReleaseId, ReleaseInfo, Shares};

sp_api::decl_runtime_apis! {
	/// Reads of the models pallet. Version 2 added `model_version` (the registry moved here
	/// from the contributions pallet) and `claimable_by`; in version 3 a release carries its
	/// intended use; version 4 added `taken_down_in`.
	#[api_version(4)]
	pub trait ModelsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Release `id` with its revenue ledger.
		fn release(id: ReleaseId) -> Option<ReleaseInfo<Balance, BlockNumber>>;
		/// The ancestors of release `id`, breadth first, to `depth` generations (at most 16).
		fn lineage(id: ReleaseId, depth: u32) -> Vec<ReleaseId>;
		/// The ingredients of release `id` with their shares.
		fn ingredients(id: ReleaseId) -> Vec<(ContributionId, Shares)>;
		/// The releases contribution `id` is an ingredient of.
		fn releases_using(id: ContributionId) -> Vec<ReleaseId>;
		/// What each of `contributions` can claim now, per release it is an ingredient of
		/// (nothing listed where nothing accrued).
		fn claimable(contributions: Vec<ContributionId>) -> Vec<(ReleaseId, ContributionId, Balance)>;
		/// What `who` can claim now: per release and contribution of theirs (at most their
		/// 1,000 oldest contributions), and in total.
		fn claimable_by(who: AccountId) -> ClaimableRevenue<Balance>;
		/// Model version `id`: its weights' root, parent and the architecture verifiers
		/// check fine-tunes against.
		fn model_version(id: ModelVersionId) -> Option<ModelVersionInfo<BlockNumber>>;
		/// The contributions taken down by an upheld takedown request in release `id` or the
		/// releases it builds on, as (release, contribution); empty when it is clear.
		fn taken_down_in(id: ReleaseId) -> Vec<(ReleaseId, ContributionId)>;
	}
}
