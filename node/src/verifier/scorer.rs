//! How a verifier scores fine-tunes whose bytes match.

use gongyu_runtime::{AccountId, Balance, BlockNumber};
use pallet_contributions::{ContributionInfo, Score};

use super::fetch::FetchedContent;

/// Scores a fine-tune whose bytes match its registered root. Replace it to score by an
/// evaluation. (Datasets are not scored here: verifiers attest the records they count, and
/// the runtime derives the score.)
pub trait Scorer: Send + Sync {
	/// The score, at most the chain's `MaxScore` (100).
	fn score(
		&self,
		contribution: &ContributionInfo<AccountId, Balance, BlockNumber>,
		content: &FetchedContent,
	) -> Score;
}

/// The default scorer: a successful hash match scores 100.
pub struct HashMatchScorer;

impl Scorer for HashMatchScorer {
	fn score(
		&self,
		_: &ContributionInfo<AccountId, Balance, BlockNumber>,
		_: &FetchedContent,
	) -> Score {
		100
	}
}
