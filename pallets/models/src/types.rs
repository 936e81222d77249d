//! Types stored by the models pallet or passed to its calls.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::Get, BoundedVec};
use pallet_contributions::{ContentHash, IntendedUse, ModelVersionId};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// Sequential identifier of a release.
pub type ReleaseId = u32;

/// An ingredient's share of a release's holder revenue.
pub type Shares = u64;

/// A registered model release.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxNameLen, MaxParents))]
pub struct Release<BlockNumber, MaxNameLen: Get<u32>, MaxParents: Get<u32>> {
	/// Human-readable name, e.g. `gongyu-ko-7b-chat-v2`.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// BLAKE3 root of the released weights.
	pub weights_root: [u8; 32],
	/// Architecture fingerprint of the weights (`gongyu-node fingerprint`).
	pub fingerprint: [u8; 32],
	/// The releases it was built from (registered before it).
	pub parents: BoundedVec<crate::ReleaseId, MaxParents>,
	/// What it may be used for: every ingredient's license and consent allow it, and no
	/// parent's use is narrower.
	pub intended_use: IntendedUse,
	/// How many ingredients it has.
	pub ingredients: u32,
	/// The sum of its ingredients' shares.
	pub total_shares: Shares,
	/// Whether it no longer takes usage fees.
	pub deprecated: bool,
	/// Block it was registered in.
	pub registered_at: BlockNumber,
}

/// How a usage fee is split at every release it reaches; the rest goes to the reward pot.
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
pub struct RevenueSplit {
	/// Share for the release's ingredient holders.
	pub holders: Perbill,
	/// Share passed up to the parent releases, in equal parts (to the pot for a release
	/// without parents).
	pub parents: Perbill,
}

impl RevenueSplit {
	/// Whether holders and parents together take at most the whole.
	pub fn is_valid(&self) -> bool {
		u64::from(self.holders.deconstruct()).saturating_add(u64::from(self.parents.deconstruct()))
			<= u64::from(Perbill::one().deconstruct())
	}
}

/// What a release received and where it went, with its revenue per share.
#[derive(Clone, Copy, Default, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct ReleaseLedger<Balance> {
	/// Everything it received: usage fees paid to it and shares passed from releases built
	/// on it.
	pub received: Balance,
	/// Credited to its ingredient holders.
	pub to_holders: Balance,
	/// Passed to its parents.
	pub to_parents: Balance,
	/// Sent to the reward pot.
	pub to_pot: Balance,
	/// Of `to_holders`, what per-share rounding leaves unclaimable (kept in the pallet's
	/// account, never paid twice).
	pub dust: Balance,
	/// Revenue per share since registration, times [`crate::ledger::SCALE`].
	pub per_share: u128,
}

/// A release as the runtime API returns it: plain vectors, with its ledger.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ReleaseInfo<Balance, BlockNumber> {
	/// Its id.
	pub id: crate::ReleaseId,
	/// Name.
	pub name: alloc::vec::Vec<u8>,
	/// BLAKE3 root of its weights.
	pub weights_root: [u8; 32],
	/// Architecture fingerprint of its weights.
	pub fingerprint: [u8; 32],
	/// Its parents.
	pub parents: alloc::vec::Vec<crate::ReleaseId>,
	/// What it may be used for.
	pub intended_use: IntendedUse,
	/// How many ingredients it has.
	pub ingredients: u32,
	/// The sum of their shares.
	pub total_shares: Shares,
	/// Whether it takes usage fees no more.
	pub deprecated: bool,
	/// Block of registration.
	pub registered_at: BlockNumber,
	/// What it received and where it went.
	pub ledger: ReleaseLedger<Balance>,
}

/// Where a model version's weights are published and what their architecture is: what
/// verifiers check a fine-tune against.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxUriLen))]
pub struct ModelArchitecture<MaxUriLen: Get<u32>> {
	/// BLAKE3 of the weights' tensor list (`gongyu-node fingerprint`: every tensor's name,
	/// dtype and shape, sorted by name).
	pub fingerprint: ContentHash,
	/// Where the weights are published (a directory with a manifest, like a contribution's):
	/// verifiers read their tensor list there and check it against `fingerprint`.
	pub uri: BoundedVec<u8, MaxUriLen>,
}

/// A model version fine-tunes can build on.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxNameLen, MaxUriLen))]
pub struct ModelVersion<BlockNumber, MaxNameLen: Get<u32>, MaxUriLen: Get<u32>> {
	/// Human-readable name, e.g. `gongyu-ko-7b-v1`.
	pub name: BoundedVec<u8, MaxNameLen>,
	/// BLAKE3 root of the weights.
	pub weights_root: ContentHash,
	/// The version it was derived from, if any.
	pub parent: Option<ModelVersionId>,
	/// Block it was registered in.
	pub registered_at: BlockNumber,
	/// Its architecture, if governance registered one. Fine-tunes may build only on a
	/// version that has one, since verifiers check them against it.
	pub architecture: Option<ModelArchitecture<MaxUriLen>>,
}

impl<BlockNumber, MaxNameLen: Get<u32>, MaxUriLen: Get<u32>>
	ModelVersion<BlockNumber, MaxNameLen, MaxUriLen>
{
	/// This model version as the runtime API returns it.
	pub fn into_info(self) -> ModelVersionInfo<BlockNumber> {
		ModelVersionInfo {
			name: self.name.into_inner(),
			weights_root: self.weights_root,
			parent: self.parent,
			registered_at: self.registered_at,
			architecture: self.architecture.map(|a| ArchitectureInfo {
				fingerprint: a.fingerprint,
				uri: a.uri.into_inner(),
			}),
		}
	}
}

/// A model version's architecture as the runtime API returns it.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ArchitectureInfo {
	/// BLAKE3 of the weights' tensor list.
	pub fingerprint: ContentHash,
	/// Where the weights are published.
	pub uri: alloc::vec::Vec<u8>,
}

/// A model version as the runtime API returns it (plain vectors).
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ModelVersionInfo<BlockNumber> {
	/// Human-readable name.
	pub name: alloc::vec::Vec<u8>,
	/// BLAKE3 root of the weights.
	pub weights_root: ContentHash,
	/// The version it was derived from, if any.
	pub parent: Option<ModelVersionId>,
	/// Block it was registered in.
	pub registered_at: BlockNumber,
	/// What fine-tunes are checked against, if registered.
	pub architecture: Option<ArchitectureInfo>,
}

/// What an account can claim, as the runtime API returns it.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ClaimableRevenue<Balance> {
	/// Per release and contribution: what accrued and is not claimed yet.
	pub per_release: alloc::vec::Vec<(
		crate::ReleaseId,
		pallet_contributions::ContributionId,
		Balance,
	)>,
	/// Their sum.
	pub total: Balance,
}
