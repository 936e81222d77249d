//! What a dataset's record counts are worth: the one place its score and its rewarded bytes
//! are computed from them. Verifiers attest counts only; the runtime derives the rest, so a
//! verifier cannot attest a score its counts do not support.
//!
//! - **Score**: `MaxScore × in_language / records`, rounded down (0 without records). It is
//!   the share of the dataset's records that are valid, unique and in its language.
//! - **Rewarded bytes**: `useful_bytes`, the bytes of exactly those records' normalised
//!   fields. Bytes of invalid, duplicate or off-language records, blank lines, line endings,
//!   whitespace padding, the format's syntax, fields the card does not declare and files the
//!   card does not name earn nothing.
//!
//! The reward weight multiplies the two (pallet-rewards: score × kind weight × rewarded
//! bytes), so adding junk to a dataset lowers its reward: `k` junk records added to `n`
//! good ones leave the rewarded bytes as they were and scale the score by `n / (n + k)`.

use crate::types::{RecordCounts, Score};

/// The score of a dataset with `counts`, out of `max_score`.
pub fn dataset_score(counts: &RecordCounts, max_score: Score) -> Score {
	if counts.records == 0 {
		return 0;
	}
	let scaled = u128::from(counts.in_language).saturating_mul(u128::from(max_score));
	let score = scaled
		.checked_div(u128::from(counts.records))
		.unwrap_or_default();
	Score::try_from(score).unwrap_or(max_score).min(max_score)
}

/// The bytes a dataset with `counts` is rewarded for.
pub fn rewarded_bytes(counts: &RecordCounts) -> u64 {
	counts.useful_bytes
}

/// Whether `counts` can describe a dataset of `registered_bytes` bytes: each count is a
/// part of the one before it, at least one record is valid, and the useful bytes fit in
/// the registered size.
pub fn is_consistent(counts: &RecordCounts, registered_bytes: u64) -> bool {
	let unique = counts.valid.saturating_sub(counts.duplicates);
	counts.valid >= 1
		&& counts.valid <= counts.records
		&& counts.duplicates < counts.valid
		&& counts.in_language <= unique
		&& counts.useful_bytes <= registered_bytes
		&& (counts.in_language == 0) == (counts.useful_bytes == 0)
		&& counts.useful_bytes >= counts.in_language
}

#[cfg(test)]
mod tests {
	use super::*;

	fn counts(
		records: u64,
		valid: u64,
		duplicates: u64,
		in_language: u64,
		useful: u64,
	) -> RecordCounts {
		RecordCounts {
			records,
			valid,
			duplicates,
			in_language,
			useful_bytes: useful,
		}
	}

	#[test]
	fn score_is_the_share_of_useful_records_rounded_down() {
		assert_eq!(dataset_score(&counts(3, 3, 0, 3, 30), 100), 100);
		assert_eq!(dataset_score(&counts(3, 3, 0, 2, 20), 100), 66);
		assert_eq!(dataset_score(&counts(3, 3, 0, 0, 0), 100), 0);
		assert_eq!(dataset_score(&counts(0, 0, 0, 0, 0), 100), 0);
		assert_eq!(
			dataset_score(&counts(u64::MAX, u64::MAX, 0, u64::MAX, 1), 100),
			100
		);
	}

	#[test]
	fn junk_added_to_a_dataset_never_raises_its_score_or_rewarded_bytes() {
		let clean = counts(100, 100, 0, 100, 5_000);
		let padded = counts(1_100, 100, 0, 100, 5_000);
		assert!(dataset_score(&padded, 100) < dataset_score(&clean, 100));
		assert_eq!(rewarded_bytes(&padded), rewarded_bytes(&clean));
	}

	#[test]
	fn counts_that_cannot_describe_the_bytes_are_inconsistent() {
		assert!(is_consistent(&counts(10, 8, 2, 5, 100), 1_000));
		// More useful bytes than registered.
		assert!(!is_consistent(&counts(10, 8, 2, 5, 1_001), 1_000));
		// More valid than records, duplicates of nothing, more in language than unique.
		assert!(!is_consistent(&counts(10, 11, 0, 5, 100), 1_000));
		assert!(!is_consistent(&counts(10, 8, 8, 0, 0), 1_000));
		assert!(!is_consistent(&counts(10, 8, 2, 7, 100), 1_000));
		// No valid record at all: that is BadFormat, not a measurement.
		assert!(!is_consistent(&counts(10, 0, 0, 0, 0), 1_000));
		// Useful bytes without useful records, or records of less than a byte each.
		assert!(!is_consistent(&counts(10, 8, 0, 0, 5), 1_000));
		assert!(!is_consistent(&counts(10, 8, 0, 5, 4), 1_000));
	}
}
