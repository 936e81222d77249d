//! Splitting one artifact into several contributions never earns more than submitting it whole.

use pallet_contributions::ContributionKind::Dataset;

use super::*;
use crate::*;

#[test]
fn weight_of_parts_never_exceeds_weight_of_whole() {
	let rules = RewardRules {
		dataset_weight: 3,
		fine_tune_weight: 5,
		per_submission_cost: 1_000,
		max_price_per_weight: u128::MAX,
		max_account_share: sp_runtime::Perbill::one(),
	};
	for whole in [1u64, 999, 1_000, 1_001, 10_000, 1 << 40] {
		for k in 1..=16u64 {
			let part = whole / k;
			let mut sizes = vec![part; k as usize];
			sizes[0] += whole - part * k;
			let parts: u128 = sizes.iter().map(|s| rules.weight_of(Dataset, *s, 80)).sum();
			assert!(
				parts <= rules.weight_of(Dataset, whole, 80),
				"whole {whole}, k {k}"
			);
		}
	}
}

/// Alice's reward for one epoch in which she submits `sizes` next to Bob's fixed contribution.
fn alice_reward(sizes: &[u64]) -> Balance {
	let mut reward = 0;
	ExtBuilder::default().build_and_execute(|| {
		verified(100, BOB, Dataset, 5_000, 70);
		for (id, size) in sizes.iter().enumerate() {
			verified(id as u64, ALICE, Dataset, *size, 70);
		}
		run_to_block(EPOCH + 10);
		reward = AccountRewardsOf::<Test>::get(ALICE).earned;
	});
	reward
}

#[test]
fn splitting_an_artifact_earns_less_than_submitting_it_whole() {
	let whole = alice_reward(&[8_000]);
	assert!(whole > 0);
	for k in [2u64, 4, 8] {
		let parts = alice_reward(&vec![8_000 / k; k as usize]);
		assert!(
			parts < whole,
			"{k} parts earned {parts}, the whole earned {whole}"
		);
	}
}
