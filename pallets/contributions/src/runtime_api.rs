//! Runtime API through which clients read contributions (`api.call.contributionsApi.*` in
//! polkadot.js); metadata describes it, so clients need no hand-written definitions.

use alloc::vec::Vec;
use codec::Codec;

use crate::types::{ContentHash, ContributionId, ContributionInfo, ContributionStatus};

sp_api::decl_runtime_apis! {
	/// Reads of the contributions pallet. Version 2 added `submission_deposit`.
	#[api_version(2)]
	pub trait ContributionsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Contribution `id`, with its attestations.
		fn contribution(id: ContributionId) -> Option<ContributionInfo<AccountId, Balance, BlockNumber>>;
		/// Where contribution `id` stands.
		fn status(id: ContributionId) -> Option<ContributionStatus>;
		/// Ids of `owner`'s contributions (at most 1,000), oldest first.
		fn contributions_of(owner: AccountId) -> Vec<ContributionId>;
		/// The contribution that holds content root `root`, if pending or verified.
		fn by_hash(root: ContentHash) -> Option<ContributionId>;
		/// Pending contributions `verifier` has not attested yet (at most `limit`), oldest
		/// first: the work list of a verifier node.
		fn awaiting_attestation(verifier: AccountId, limit: u32) -> Vec<ContributionInfo<AccountId, Balance, BlockNumber>>;
		/// The deposit `submit` would hold now for a URI of `uri_len` bytes, a license of
		/// `license_len` bytes and, if `has_description`, a description hash (the formula is
		/// `Parameters::submission_deposit`'s).
		#[api_version(2)]
		fn submission_deposit(uri_len: u32, license_len: u32, has_description: bool) -> Balance;
	}
}
