//! Types stored by the disputes pallet or returned by its runtime API.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use pallet_contributions::{ContributionId, Revocation};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// Index of a dispute (0 for the first).
pub type DisputeId = u32;

/// The hash (BLAKE3) of a document published off chain: a challenger's evidence, an owner's
/// answer.
pub type EvidenceHash = [u8; 32];

/// Why a contribution is challenged.
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
pub enum DisputeReason {
	/// Plagiarism: the work is someone else's, not the contributor's to give.
	Plagiarism,
	/// The data breaks the license it was registered under (or its sources' licenses).
	LicenseViolation,
	/// The content is unlawful or harmful.
	UnlawfulContent,
	/// It duplicates an earlier contribution in a way the novelty check missed.
	Duplicate,
	/// Its card misreports what it is (format, language, consent, origin).
	MisreportedCard,
	/// A rights holder asks for it to be taken down. Unlike the others, it may be opened at
	/// any time, not only in the challenge window.
	Takedown,
}

impl DisputeReason {
	/// What upholding a dispute of this reason does to the contribution.
	pub fn revocation(self) -> Revocation {
		match self {
			Self::Takedown => Revocation::TakeDown,
			_ => Revocation::Revoke,
		}
	}
}

/// A side of a dispute.
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
pub enum Party {
	/// Who opened it.
	Challenger,
	/// The contribution's owner.
	Owner,
}

/// Where a dispute stands.
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
pub enum Stage<BlockNumber> {
	/// The owner may answer; the council decides before `deadline`, or the dispute is
	/// dismissed at its start (undecided disputes resolve in the owner's favour).
	Open {
		/// The block whose start dismisses it if undecided.
		deadline: BlockNumber,
	},
	/// The council decided; the losing side may appeal before `appeal_until`, whose start
	/// makes the decision final.
	Decided {
		/// Whether the dispute was upheld.
		upheld: bool,
		/// The block whose start makes it final.
		appeal_until: BlockNumber,
	},
	/// `by` appealed with a doubled bond; two thirds of the council decide before `deadline`,
	/// or the first decision stands.
	Appealed {
		/// The first decision.
		first_upheld: bool,
		/// Who appealed.
		by: Party,
		/// The block whose start makes the first decision final.
		deadline: BlockNumber,
	},
	/// Final.
	Closed {
		/// Whether it was upheld in the end.
		upheld: bool,
		/// The block it closed in.
		at: BlockNumber,
	},
}

impl<BlockNumber: Copy> Stage<BlockNumber> {
	/// The block whose start moves it on, unless it closed.
	pub fn deadline(&self) -> Option<BlockNumber> {
		match self {
			Self::Open { deadline } | Self::Appealed { deadline, .. } => Some(*deadline),
			Self::Decided { appeal_until, .. } => Some(*appeal_until),
			Self::Closed { .. } => None,
		}
	}

	/// Whether it is final.
	pub fn is_closed(&self) -> bool {
		matches!(self, Self::Closed { .. })
	}
}

/// A challenge of a verified contribution.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Dispute<AccountId, Balance, BlockNumber> {
	/// The contribution challenged.
	pub contribution: ContributionId,
	/// Its owner.
	pub owner: AccountId,
	/// Who opened the dispute and holds its bond.
	pub challenger: AccountId,
	/// Why.
	pub reason: DisputeReason,
	/// The challenger's evidence.
	pub evidence: EvidenceHash,
	/// The owner's answer, if given.
	pub answer: Option<EvidenceHash>,
	/// The challenger's bond, held.
	pub bond: Balance,
	/// The appellant's bond (twice `bond`), held while an appeal is open; zero before.
	pub appeal_bond: Balance,
	/// The block it was opened in.
	pub opened_at: BlockNumber,
	/// Where it stands.
	pub stage: Stage<BlockNumber>,
}

/// The rules of disputes; governance sets them.
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
pub struct DisputeParams<Balance, BlockNumber> {
	/// What a challenger holds to open a dispute; an appeal holds twice this.
	pub bond: Balance,
	/// The share of what an upheld dispute returns to the pot that goes to the challenger.
	pub bounty: Perbill,
	/// Blocks the council has to decide a dispute, and two thirds of it an appeal.
	pub decision_period: BlockNumber,
	/// Blocks the losing side has to appeal a decision; zero makes decisions final at once.
	pub appeal_period: BlockNumber,
}

/// How a dispute closed, as its event says.
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
pub struct Settlement<Balance> {
	/// Rewards that returned to the pot (upheld).
	pub returned: Balance,
	/// Rewards that became the owner's debt (upheld).
	pub debt: Balance,
	/// What the challenger was paid from the pot (upheld).
	pub bounty: Balance,
	/// Of the losing side's bonds, what went to the winning side.
	pub to_winner: Balance,
	/// Of the losing side's bonds, what went to the pot.
	pub to_pot: Balance,
}
