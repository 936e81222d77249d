//! Types stored by the pallet or passed to its calls.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::{pallet_prelude::Get, BoundedVec};
use scale_info::TypeInfo;
use sp_runtime::{traits::AtLeast32BitUnsigned, Perbill};

use crate::{novelty::Sketch, terms::Consent};

/// Sequential identifier of a contribution.
pub type ContributionId = u64;

/// Identifier of a registered model version.
pub type ModelVersionId = u32;

/// A BLAKE3 digest: the root of a file or of a directory manifest.
pub type ContentHash = [u8; 32];

/// Quality score a verifier gives; bounded by the pallet's `MaxScore`.
pub type Score = u8;

/// What a contribution is.
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
)]
pub enum ContributionKind {
	/// A dataset to train or evaluate the model with.
	Dataset,
	/// Fine-tuned weights built on a registered model version.
	FineTune {
		/// The model version the fine-tune starts from.
		base: ModelVersionId,
	},
}

/// A verifier's finding after fetching and re-hashing a contribution's bytes.
// The sketch makes `Measured` large; these values are passed once per call and stored in
// attestations encoded, where boxing would save nothing.
#[allow(clippy::large_enum_variant)]
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
)]
pub enum Verdict {
	/// The bytes hash to the registered root; `score` rates their quality.
	Valid {
		/// Quality score, at most the pallet's `MaxScore`.
		score: Score,
	},
	/// The bytes (or their size) differ from what was registered.
	HashMismatch,
	/// The bytes could not be fetched from the URI.
	Unreachable,
	/// The bytes hash to the registered root, but their contribution card (`gongyu.json`)
	/// is missing or names another owner, kind, base model or license than the record, or
	/// (for a dataset) declares no valid format and language.
	CardMismatch,
	/// A dataset's bytes hash to the registered root and were parsed in the format its card
	/// declares; `counts` says how many records are valid, unique and in its language.
	/// The only verdict that verifies a dataset: its score and rewarded bytes follow from the
	/// counts ([`crate::quality`]).
	Measured {
		/// What the verifier counted.
		counts: RecordCounts,
		/// The MinHash sketch of the unique, in-language records ([`crate::novelty`]).
		sketch: Sketch,
	},
	/// A dataset's bytes hash to the registered root but are not records in the format its
	/// card declares: a named file is not UTF-8 text, or no record is valid.
	BadFormat,
	/// A fine-tune declared as full weights whose architecture fingerprint (tensor names,
	/// shapes and dtypes) differs from its base model version's, or whose files are not
	/// weights.
	ArchitectureMismatch,
	/// A fine-tune declared as an adapter (LoRA) whose tensors are not low-rank factors of
	/// its base model version's modules.
	AdapterMismatch,
	/// A fine-tune whose bytes match and whose weights fit its base, which this verifier has
	/// no evaluator for: it counts as `Parameters::unevaluated_score`.
	Unevaluated,
}

impl Verdict {
	/// Whether this verdict speaks for the contribution.
	pub fn is_valid(&self) -> bool {
		matches!(
			self,
			Verdict::Valid { .. } | Verdict::Measured { .. } | Verdict::Unevaluated
		)
	}

	/// Whether this verdict says the published bytes are wrong (not merely out of reach).
	pub fn is_content_fault(&self) -> bool {
		matches!(
			self,
			Verdict::HashMismatch
				| Verdict::CardMismatch
				| Verdict::BadFormat
				| Verdict::ArchitectureMismatch
				| Verdict::AdapterMismatch
		)
	}
}

/// What a verified contribution's reward was computed from (`ContributionsApi::receipt`).
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
)]
pub struct Receipt {
	/// For a dataset: the records a quorum of verifiers counted.
	pub counts: Option<RecordCounts>,
	/// The score: a dataset's from its counts, a fine-tune's the median of its verifiers'.
	pub score: Score,
	/// The part of a dataset's records no earlier verified dataset holds (all of a
	/// fine-tune's).
	pub novelty: Perbill,
	/// The earlier dataset holding the largest part of its records, if any does.
	pub overlaps: Option<ContributionId>,
	/// The bytes it is rewarded for: a dataset's useful bytes times its novelty, a
	/// fine-tune's size.
	pub rewarded_bytes: u64,
}

/// What a verifier counts in a dataset's records, parsed in the format its card declares.
/// Every verifier computes the same counts from the same bytes (the verifier's `dataset`
/// module defines them); a quorum must attest identical counts to verify a dataset.
#[derive(
	Clone,
	Copy,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct RecordCounts {
	/// Non-empty lines of the data files the card names (a record each).
	pub records: u64,
	/// Records that parse in the declared format with every declared field non-empty.
	pub valid: u64,
	/// Valid records equal, after normalisation, to an earlier record of the dataset.
	pub duplicates: u64,
	/// Valid records that are not duplicates and are in the declared language.
	pub in_language: u64,
	/// Bytes of those records' normalised fields (no whitespace runs, separators or
	/// undeclared fields): what the dataset is rewarded for.
	pub useful_bytes: u64,
}

/// Where a contribution stands.
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
)]
pub enum ContributionStatus {
	/// Waiting for a quorum of verifiers.
	Pending,
	/// A quorum found the bytes valid; `score` is the median of their scores.
	Verified {
		/// Median score of the valid attestations.
		score: Score,
	},
	/// A quorum found the bytes missing or different; the deposit was slashed.
	Rejected,
	/// No quorum before the deadline; the deposit was returned.
	Expired,
	/// The owner withdrew it while pending; the deposit was returned, or slashed when a
	/// verifier had already attested against it.
	Withdrawn,
	/// A quorum of verifiers could not fetch the bytes (and no quorum found them wrong):
	/// `Parameters::unavailable_slash` of the deposit was slashed, the rest returned, and the
	/// root stays reserved for the owner for `Parameters::unavailable_cooldown` blocks.
	Unavailable,
	/// It was verified, then a dispute against it was upheld (plagiarism, a license it
	/// breaks, unlawful content, a duplicate, a misreported card): it earns nothing more and
	/// goes into no new release; its rewards were taken back. It keeps its root and its
	/// place in the novelty index, so its bytes cannot earn again, whole or repacked.
	Revoked,
	/// It was verified, then a rights holder's takedown request was upheld: as `Revoked`,
	/// and the releases that include it are flagged down their lineage.
	TakenDown,
}

impl ContributionStatus {
	/// Whether a quorum verified it, whatever a dispute decided since: verified, revoked or
	/// taken down. Such a contribution keeps its root, receipt and sketch.
	pub fn was_verified(&self) -> bool {
		matches!(
			self,
			Self::Verified { .. } | Self::Revoked | Self::TakenDown
		)
	}
}

/// What an upheld dispute does to a verified contribution.
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
)]
pub enum Revocation {
	/// It becomes [`ContributionStatus::Revoked`].
	Revoke,
	/// It becomes [`ContributionStatus::TakenDown`].
	TakeDown,
}

impl Revocation {
	/// The status a contribution takes.
	pub fn status(self) -> ContributionStatus {
		match self {
			Self::Revoke => ContributionStatus::Revoked,
			Self::TakeDown => ContributionStatus::TakenDown,
		}
	}
}

/// The decision governance imposes with `force_decide`.
// The sketch makes `Measured` large; these values are passed once per call and stored in
// attestations encoded, where boxing would save nothing.
#[allow(clippy::large_enum_variant)]
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
)]
pub enum Decision {
	/// Verify with the given score; the deposit is released.
	Verified {
		/// The score to record.
		score: Score,
	},
	/// Reject; the deposit is slashed to the reward pot.
	Rejected,
	/// Unavailable: part of the deposit is slashed and the root reserved for its owner.
	Unavailable,
	/// Verify a dataset by the records a quorum counted: the score and the rewarded bytes
	/// follow from `counts` ([`crate::quality`]); the deposit is released.
	Measured {
		/// The counts a quorum of verifiers attested.
		counts: RecordCounts,
		/// The sketch they attested with them.
		sketch: Sketch,
	},
}

/// What holds a content root: at most one contribution or model version at a time.
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
)]
pub enum RootClaim<AccountId, BlockNumber> {
	/// A pending or verified contribution.
	Contribution(ContributionId),
	/// An `Unavailable` contribution: only its owner may register the root again until
	/// block `until`; after it, anyone may.
	Reserved {
		/// The unavailable contribution.
		id: ContributionId,
		/// Who may register the root again during the cooldown.
		owner: AccountId,
		/// Last block of the cooldown.
		until: BlockNumber,
	},
	/// The weights of a registered model version.
	ModelVersion(ModelVersionId),
}

impl<AccountId, BlockNumber> RootClaim<AccountId, BlockNumber> {
	/// The contribution holding or reserving the root, if it is one.
	pub fn contribution(&self) -> Option<ContributionId> {
		match self {
			Self::Contribution(id) | Self::Reserved { id, .. } => Some(*id),
			Self::ModelVersion(_) => None,
		}
	}
}

/// The URI schemes verifiers fetch from, as governance enables them.
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
pub struct UriSchemes {
	/// `https://`.
	pub https: bool,
	/// `http://`.
	pub http: bool,
	/// `file://`: a path on the verifier's own machine, for development chains only.
	pub file: bool,
}

impl UriSchemes {
	/// Web schemes only: what a public chain accepts.
	pub const WEB: Self = Self {
		https: true,
		http: true,
		file: false,
	};
	/// Web schemes and `file://`: for development chains whose verifiers share a disk.
	pub const WITH_FILE: Self = Self {
		https: true,
		http: true,
		file: true,
	};

	/// Whether `uri` starts with an enabled scheme and has something after it. The one
	/// place the accepted schemes are decided: `submit` checks it, and verifiers and the
	/// toolkit read the enabled set through `ContributionsApi::parameters`.
	pub fn accepts(&self, uri: &[u8]) -> bool {
		[
			(self.https, &b"https://"[..]),
			(self.http, b"http://"),
			(self.file, b"file://"),
		]
		.iter()
		.any(|(enabled, scheme)| *enabled && uri.len() > scheme.len() && uri.starts_with(scheme))
	}
}

/// One verifier's attestation.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Attestation<AccountId> {
	/// The verifier that attested.
	pub verifier: AccountId,
	/// What it found.
	pub verdict: Verdict,
}

/// A recorded contribution.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
#[scale_info(skip_type_params(MaxUriLen, MaxLicenseLen, MaxAttestations))]
pub struct Contribution<AccountId, Balance, BlockNumber, MaxUriLen, MaxLicenseLen, MaxAttestations>
where
	MaxUriLen: Get<u32>,
	MaxLicenseLen: Get<u32>,
	MaxAttestations: Get<u32>,
{
	/// Who submitted it and receives its rewards.
	pub owner: AccountId,
	/// Dataset or fine-tune.
	pub kind: ContributionKind,
	/// BLAKE3 root of the published bytes.
	pub root: ContentHash,
	/// Size of the published bytes, in bytes.
	pub bytes: u64,
	/// Where verifiers fetch the bytes (`https://`, `http://` or `file://`).
	pub uri: BoundedVec<u8, MaxUriLen>,
	/// SPDX license identifier, one of the licenses governance accepts ([`crate::Licenses`]).
	pub license: BoundedVec<u8, MaxLicenseLen>,
	/// What the owner consents to the data being used for; the card must say the same.
	pub consent: Consent,
	/// Optional hash of a longer description kept off chain.
	pub description_hash: Option<[u8; 32]>,
	/// Deposit held from the owner while the contribution is pending.
	pub deposit: Balance,
	/// Block the contribution was submitted in.
	pub submitted_at: BlockNumber,
	/// Last block in which verifiers may attest; afterwards it expires.
	pub deadline: BlockNumber,
	/// Where it stands.
	pub status: ContributionStatus,
	/// Attestations received so far, one per verifier.
	pub attestations: BoundedVec<Attestation<AccountId>, MaxAttestations>,
	/// The owner's contribution before this one: their contributions form a list from
	/// [`OwnerRecord::latest`] backwards, so indexing one costs no write of its own.
	pub previous_of_owner: Option<ContributionId>,
}

impl<AccountId, Balance, BlockNumber, MaxUriLen, MaxLicenseLen, MaxAttestations>
	Contribution<AccountId, Balance, BlockNumber, MaxUriLen, MaxLicenseLen, MaxAttestations>
where
	MaxUriLen: Get<u32>,
	MaxLicenseLen: Get<u32>,
	MaxAttestations: Get<u32>,
{
	/// This contribution as the runtime API returns it, under its `id`.
	pub fn into_info(
		self,
		id: ContributionId,
	) -> ContributionInfo<AccountId, Balance, BlockNumber> {
		ContributionInfo {
			id,
			owner: self.owner,
			kind: self.kind,
			root: self.root,
			bytes: self.bytes,
			uri: self.uri.into_inner(),
			license: self.license.into_inner(),
			consent: self.consent,
			description_hash: self.description_hash,
			deposit: self.deposit,
			submitted_at: self.submitted_at,
			deadline: self.deadline,
			status: self.status,
			attestations: self.attestations.into_inner(),
		}
	}
}

/// What the chain keeps per contributor, in one storage item so that a submission writes it
/// once.
#[derive(Clone, Copy, Default, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct OwnerRecord {
	/// How many of the owner's contributions are pending.
	pub pending: u32,
	/// The owner's newest contribution: the head of the list linked through
	/// [`Contribution::previous_of_owner`].
	pub latest: Option<ContributionId>,
}

/// Parameters governance may change with `set_parameters`.
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
pub struct Parameters<Balance, BlockNumber> {
	/// Share of the current verifiers whose agreeing attestations decide. Whatever it is, a
	/// decision also needs more than half of the current verifiers and `min_attestations`.
	pub quorum: Perbill,
	/// The fewest agreeing attestations that decide (at least one).
	pub min_attestations: u32,
	/// Blocks verifiers have to reach a quorum after submission.
	pub verification_period: BlockNumber,
	/// Fixed part of the deposit.
	pub deposit_base: Balance,
	/// Deposit per byte of metadata (URI, license, description hash).
	pub deposit_per_byte: Balance,
	/// Share of the deposit slashed when a contribution ends `Unavailable`.
	pub unavailable_slash: Perbill,
	/// Blocks an `Unavailable` contribution's root stays reserved for its owner.
	pub unavailable_cooldown: BlockNumber,
	/// URI schemes `submit` accepts.
	pub uri_schemes: UriSchemes,
	/// The part of every deposit that is not returned: it pays for the record the chain
	/// keeps for good, and goes to the reward pot when the contribution leaves the pending
	/// state. At most `deposit_base`, so every deposit covers it.
	pub storage_fee: Balance,
	/// The score an `Unevaluated` attestation counts as: what a fine-tune that fits its base
	/// earns from a verifier with no evaluator. At most the pallet's `MaxScore`.
	pub unevaluated_score: Score,
}

impl<Balance: AtLeast32BitUnsigned + Copy, BlockNumber> Parameters<Balance, BlockNumber> {
	/// The deposit a submission holds: `deposit_base + deposit_per_byte × metadata bytes`,
	/// where the metadata bytes are the URI's and the license's lengths plus 32 when a
	/// description hash is given. The one place this rule lives: `submit` holds it, and
	/// clients read it through `ContributionsApi::submission_deposit`.
	pub fn submission_deposit(
		&self,
		uri_len: u32,
		license_len: u32,
		has_description: bool,
	) -> Balance {
		let description_len: u32 = if has_description { 32 } else { 0 };
		let metadata_len = uri_len
			.saturating_add(license_len)
			.saturating_add(description_len);
		self.deposit_base
			.saturating_add(self.deposit_per_byte.saturating_mul(metadata_len.into()))
	}
}

/// A contribution as the runtime API returns it (plain vectors, id included).
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub struct ContributionInfo<AccountId, Balance, BlockNumber> {
	/// The contribution's id.
	pub id: ContributionId,
	/// Who submitted it.
	pub owner: AccountId,
	/// Dataset or fine-tune.
	pub kind: ContributionKind,
	/// BLAKE3 root of the published bytes.
	pub root: ContentHash,
	/// Size of the published bytes, in bytes.
	pub bytes: u64,
	/// Where the bytes are published.
	pub uri: alloc::vec::Vec<u8>,
	/// SPDX license identifier.
	pub license: alloc::vec::Vec<u8>,
	/// What the owner consents to the data being used for.
	pub consent: Consent,
	/// Optional hash of a longer description.
	pub description_hash: Option<[u8; 32]>,
	/// Deposit held (pending) or once held.
	pub deposit: Balance,
	/// Block of submission.
	pub submitted_at: BlockNumber,
	/// Last block for attestations.
	pub deadline: BlockNumber,
	/// Where it stands.
	pub status: ContributionStatus,
	/// Attestations received.
	pub attestations: alloc::vec::Vec<Attestation<AccountId>>,
}
