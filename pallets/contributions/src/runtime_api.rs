//! Runtime API through which clients read contributions (`api.call.contributionsApi.*` in
//! polkadot.js); metadata describes it, so clients need no hand-written definitions.

use alloc::vec::Vec;
use codec::Codec;

use crate::terms::LicenseTerms;
use crate::types::{
	ContentHash, ContributionId, ContributionInfo, ContributionStatus, Parameters, Receipt,
	RootClaim,
};

sp_api::decl_runtime_apis! {
	/// Reads of the contributions pallet. Version 2 added `submission_deposit`, version 3
	/// `root_claim` and `parameters`, version 4 `receipt`; version 5 added `model_version`,
	/// which version 6 moved to `ModelsApi` with the model-version registry. Version 7 added
	/// `licenses`, and contributions their owner's consent.
	#[api_version(7)]
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
		/// The contribution that holds content root `root` (pending or verified) or reserves
		/// it (`Unavailable`, during its cooldown).
		fn by_hash(root: ContentHash) -> Option<ContributionId>;
		/// Pending contributions `verifier` has not attested yet (at most `limit`), oldest
		/// first: the work list of a verifier node.
		fn awaiting_attestation(verifier: AccountId, limit: u32) -> Vec<ContributionInfo<AccountId, Balance, BlockNumber>>;
		/// The deposit `submit` would hold now for a URI of `uri_len` bytes, a license of
		/// `license_len` bytes and, if `has_description`, a description hash (the formula is
		/// `Parameters::submission_deposit`'s).
		fn submission_deposit(uri_len: u32, license_len: u32, has_description: bool) -> Balance;
		/// What holds content root `root`, if anything: a contribution, a reservation after
		/// `Unavailable` (with its owner and last block), or a model version.
		fn root_claim(root: ContentHash) -> Option<RootClaim<AccountId, BlockNumber>>;
		/// The parameters in force: quorum, deposits, the URI schemes `submit` accepts, ...
		fn parameters() -> Parameters<Balance, BlockNumber>;
		/// What verified contribution `id`'s reward was computed from: counts, score,
		/// novelty, the earlier dataset it overlaps and the bytes it is rewarded for.
		fn receipt(id: ContributionId) -> Option<Receipt>;
		/// The licenses `submit` accepts (SPDX identifiers), with what each allows.
		fn licenses() -> Vec<(Vec<u8>, LicenseTerms)>;
	}
}
