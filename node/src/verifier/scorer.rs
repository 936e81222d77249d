//! How a verifier scores contributions whose bytes match.

use gongyu_runtime::{AccountId, Balance, BlockNumber};
use pallet_contributions::{ContributionInfo, Score};

use super::fetch::FetchedContent;

/// Scores a contribution whose bytes match its registered root. Replace it to score by
/// quality (evaluation runs, deduplication, ...).
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
