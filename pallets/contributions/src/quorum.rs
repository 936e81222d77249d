//! Pure arithmetic of verification: how many votes decide, and the median score.

use sp_runtime::Perbill;

use crate::types::Score;

/// Agreeing attestations needed to decide, given the quorum share, the minimum count and
/// the number of current verifiers: the share rounded up, but never less than a strict
/// majority of the verifiers (so two sides cannot both reach it) nor than `min_attestations`
/// (so a shrunken verifier set cannot decide alone), nor than one.
pub fn required_votes(quorum: Perbill, min_attestations: u32, verifiers: u32) -> u32 {
	let majority = (verifiers / 2).saturating_add(1);
	quorum
		.mul_ceil(verifiers)
		.max(majority)
		.max(min_attestations)
		.max(1)
}

/// The median of `scores`; for an even count, the mean of the two middle scores rounded
/// down. `None` for no scores.
pub fn median(scores: &mut [Score]) -> Option<Score> {
	scores.sort_unstable();
	let len = scores.len();
	let upper = *scores.get(len / 2)?;
	if len % 2 == 1 {
		return Some(upper);
	}
	let lower = *scores.get((len / 2).checked_sub(1)?)?;
	// The mean of two u8 never exceeds u8::MAX: compute it in u16.
	let mean = (u16::from(lower).saturating_add(u16::from(upper))) / 2;
	Some(Score::try_from(mean).unwrap_or(Score::MAX))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn required_votes_rounds_up_and_is_at_least_one() {
		assert_eq!(required_votes(Perbill::from_percent(50), 1, 3), 2);
		assert_eq!(required_votes(Perbill::from_percent(67), 1, 3), 3);
		assert_eq!(required_votes(Perbill::from_percent(100), 1, 5), 5);
		assert_eq!(required_votes(Perbill::from_percent(10), 0, 0), 1);
	}

	#[test]
	fn required_votes_is_a_strict_majority_so_two_sides_cannot_both_decide() {
		// 2 of 4 would let two valid and two negative votes race each other.
		assert_eq!(required_votes(Perbill::from_percent(50), 1, 4), 3);
		assert_eq!(required_votes(Perbill::zero(), 1, 7), 4);
		for verifiers in 1..40u32 {
			let required = required_votes(Perbill::zero(), 1, verifiers);
			assert!(2 * required > verifiers, "{verifiers} verifiers");
		}
	}

	#[test]
	fn required_votes_respects_the_minimum_count() {
		assert_eq!(required_votes(Perbill::from_percent(50), 3, 3), 3);
		// One verifier left cannot decide alone when governance asks for two.
		assert_eq!(required_votes(Perbill::from_percent(50), 2, 1), 2);
	}

	#[test]
	fn median_of_odd_and_even_counts() {
		assert_eq!(median(&mut []), None);
		assert_eq!(median(&mut [40]), Some(40));
		assert_eq!(median(&mut [90, 10, 50]), Some(50));
		assert_eq!(median(&mut [10, 90, 50, 60]), Some(55));
		assert_eq!(median(&mut [255, 255]), Some(255));
		assert_eq!(median(&mut [0, 1]), Some(0));
	}
}
