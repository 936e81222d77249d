//! Novelty against everything already verified: copies, overlaps, submission order and the
//! bounds of the index.

use frame_support::{assert_ok, traits::Get};
use sp_runtime::Perbill;

use super::*;
use crate::novelty::{self, BANDS, SKETCH_SIZE};

/// `records` unique, in-language records of 10 bytes each, all valid.
fn counts(records: u64) -> RecordCounts {
	RecordCounts {
		records,
		valid: records,
		duplicates: 0,
		in_language: records,
		useful_bytes: records * 10,
	}
}

/// A sketch whose first `shared` values are family `family`'s and the rest its own `seed`'s.
fn sketch(family: u32, shared: usize, seed: u32) -> Sketch {
	core::array::from_fn(|i| {
		if i < shared {
			family * 1_000 + i as u32
		} else {
			1_000_000 + seed * 1_000 + i as u32
		}
	})
}

/// The mock's bucket size (`MaxBandBucket`).
fn bucket_size() -> usize {
	let size: u32 = <Test as Config>::MaxBandBucket::get();
	size as usize
}

/// Sketches of `n` datasets that share their first band (one bucket) and nothing else.
fn first_band_sharers(n: usize) -> Vec<Sketch> {
	(0..n as u32)
		.map(|i| {
			let mut s = sketch(9, novelty::ROWS, i);
			s[SKETCH_SIZE - 1] = i;
			s
		})
		.collect()
}

/// Submits a dataset as `who` (root `[seed; 32]`) and has V1 and V2 verify it.
fn verify_dataset(
	who: AccountId,
	seed: u8,
	counts: RecordCounts,
	sketch: Sketch,
) -> ContributionId {
	let id = submit_dataset(who, seed);
	verify_existing(id, counts, sketch);
	id
}

fn verify_existing(id: ContributionId, counts: RecordCounts, sketch: Sketch) {
	assert_ok!(attest(V1, id, Verdict::Measured { counts, sketch }));
	assert_ok!(attest(V2, id, Verdict::Measured { counts, sketch }));
	assert!(matches!(status(id), ContributionStatus::Verified { .. }));
}

/// The (novelty, overlaps, rewarded bytes) of `id`'s `DatasetMeasured` event.
fn measured_event(id: ContributionId) -> (Perbill, Option<ContributionId>, u64) {
	System::events()
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::ContributionsPallet(Event::DatasetMeasured {
				id: measured,
				novelty,
				overlaps,
				rewarded_bytes,
				..
			}) if measured == id => Some((novelty, overlaps, rewarded_bytes)),
			_ => None,
		})
		.unwrap()
}

#[test]
fn a_copy_of_a_verified_dataset_earns_nothing_and_the_original_keeps_its_credit() {
	ExtBuilder::build_and_execute(|| {
		let original = verify_dataset(ALICE, 1, counts(90), sketch(1, SKETCH_SIZE, 0));
		assert_eq!(measured_event(original), (Perbill::one(), None, 900));
		// Bob re-packs the same records (other files, other order: the same sketch).
		let copy = verify_dataset(BOB, 2, counts(90), sketch(1, SKETCH_SIZE, 0));
		assert_eq!(measured_event(copy), (Perbill::zero(), Some(original), 0));
		assert_eq!(
			VerifiedLog::get(),
			vec![
				(original, ALICE, ContributionKind::Dataset, 900, 100),
				(copy, BOB, ContributionKind::Dataset, 0, 100),
			]
		);
		// A copy is indexed after the original: a third copy overlaps the original (the
		// earliest of equal parts) and earns nothing either.
		assert!(Sketches::<Test>::contains_key(copy));
		let third = verify_dataset(CHARLIE, 3, counts(90), sketch(1, SKETCH_SIZE, 0));
		assert_eq!(measured_event(third), (Perbill::zero(), Some(original), 0));
		// Each receipt says what its reward was computed from.
		assert_eq!(
			Receipts::<Test>::get(copy),
			Some(Receipt {
				counts: Some(counts(90)),
				score: 100,
				novelty: Perbill::zero(),
				overlaps: Some(original),
				rewarded_bytes: 0,
			})
		);
		assert_eq!(Receipts::<Test>::get(original).unwrap().rewarded_bytes, 900);
	});
}

#[test]
fn a_fine_tune_gets_a_receipt_of_its_score_and_size() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::Valid { score: 80 }));
		assert_ok!(attest(V2, id, Verdict::Valid { score: 60 }));
		assert_eq!(
			Receipts::<Test>::get(id),
			Some(Receipt {
				counts: None,
				score: 70,
				novelty: Perbill::one(),
				overlaps: None,
				rewarded_bytes: 1_000,
			})
		);
		assert_eq!(Receipts::<Test>::get(id + 1), None);
	});
}

#[test]
fn a_dataset_that_repeats_ninety_percent_earns_about_its_new_tenth() {
	ExtBuilder::build_and_execute(|| {
		let earlier = verify_dataset(ALICE, 1, counts(90), sketch(1, SKETCH_SIZE, 0));
		// 100 records, 90 of them the earlier dataset's: J = 0.9, about 58 of 64 positions.
		let later = verify_dataset(BOB, 2, counts(100), sketch(1, 58, 2));
		let (novelty, overlaps, rewarded) = measured_event(later);
		assert_eq!(overlaps, Some(earlier));
		assert!(
			novelty >= Perbill::from_percent(5) && novelty <= Perbill::from_percent(15),
			"{novelty:?}"
		);
		assert_eq!(rewarded, novelty.mul_floor(1_000));
		// It is indexed: a copy of it earns nothing, not its tenth again against the earlier.
		let copy = verify_dataset(CHARLIE, 3, counts(100), sketch(1, 58, 2));
		assert_eq!(measured_event(copy), (Perbill::zero(), Some(later), 0));
	});
}

#[test]
fn a_dataset_sharing_nothing_is_fully_novel() {
	ExtBuilder::build_and_execute(|| {
		verify_dataset(ALICE, 1, counts(90), sketch(1, SKETCH_SIZE, 0));
		let other = verify_dataset(BOB, 2, counts(50), sketch(2, SKETCH_SIZE, 0));
		assert_eq!(measured_event(other), (Perbill::one(), None, 500));
	});
}

#[test]
fn only_earlier_submissions_count_against_a_dataset() {
	ExtBuilder::build_and_execute(|| {
		// Alice submits first, Bob copies her data; the verifiers decide Bob's first.
		let first = submit_dataset(ALICE, 1);
		let copy = submit_dataset(BOB, 2);
		verify_existing(copy, counts(90), sketch(1, SKETCH_SIZE, 0));
		verify_existing(first, counts(90), sketch(1, SKETCH_SIZE, 0));
		// Alice's submission came first: Bob's later one cannot take her credit.
		assert_eq!(measured_event(first), (Perbill::one(), None, 900));
	});
}

#[test]
fn full_buckets_keep_their_earliest_datasets() {
	ExtBuilder::build_and_execute(|| {
		let bucket_size = bucket_size();
		// Datasets sharing only their first band (4 values) with each other.
		let sketches = first_band_sharers(bucket_size + 1);
		let ids: Vec<ContributionId> = (10u8..)
			.zip(&sketches)
			.map(|(seed, s)| verify_dataset(ALICE, seed, counts(90), *s))
			.collect();
		let key = (0u8, novelty::band_key(&sketches[0], 0));
		assert_eq!(
			Bands::<Test>::get(key).to_vec(),
			ids[..bucket_size].to_vec()
		);
		// The last one is indexed in its other bands all the same.
		assert!(Sketches::<Test>::contains_key(ids[bucket_size]));
		assert_eq!(Bands::<Test>::iter().count(), 1 + (BANDS - 1) * ids.len());
	});
}

#[test]
fn a_dataset_without_useful_records_is_not_indexed() {
	ExtBuilder::build_and_execute(|| {
		let empty = RecordCounts {
			records: 10,
			valid: 10,
			duplicates: 0,
			in_language: 0,
			useful_bytes: 0,
		};
		let id = verify_dataset(ALICE, 1, empty, sketch(1, SKETCH_SIZE, 0));
		assert_eq!(measured_event(id), (Perbill::one(), None, 0));
		assert!(!Sketches::<Test>::contains_key(id));
		assert_eq!(Bands::<Test>::iter().count(), 0);
	});
}

#[test]
fn buckets_keep_id_order_whatever_the_verification_order() {
	ExtBuilder::build_and_execute(|| {
		let bucket_size = bucket_size();
		let sketches = first_band_sharers(bucket_size + 1);
		let ids: Vec<ContributionId> = (0..=bucket_size as u8)
			// Three owners, since one may have only three pending.
			.map(|n| submit_dataset([ALICE, BOB, CHARLIE][usize::from(n) % 3], 10 + n))
			.collect();
		// The latest submission is verified first and fills a place the earlier ones need.
		for (id, s) in ids.iter().zip(&sketches).rev() {
			verify_existing(*id, counts(90), *s);
		}
		let key = (0u8, novelty::band_key(&sketches[0], 0));
		assert_eq!(
			Bands::<Test>::get(key).to_vec(),
			ids[..bucket_size].to_vec()
		);
	});
}

#[test]
fn a_quorum_must_agree_on_the_sketch_as_well_as_the_counts() {
	ExtBuilder::build_and_execute(|| {
		let original = verify_dataset(ALICE, 1, counts(90), sketch(1, SKETCH_SIZE, 0));
		let copy = submit_dataset(BOB, 2);
		// One verifier hides the copy behind a sketch of its own: same counts, no decision.
		assert_ok!(attest(
			V1,
			copy,
			Verdict::Measured {
				counts: counts(90),
				sketch: sketch(7, SKETCH_SIZE, 0)
			}
		));
		assert_ok!(attest(
			V2,
			copy,
			Verdict::Measured {
				counts: counts(90),
				sketch: sketch(1, SKETCH_SIZE, 0)
			}
		));
		assert_eq!(status(copy), ContributionStatus::Pending);
		// The honest sketch reaches the quorum: the copy is a copy.
		assert_ok!(attest(
			V3,
			copy,
			Verdict::Measured {
				counts: counts(90),
				sketch: sketch(1, SKETCH_SIZE, 0)
			}
		));
		assert_eq!(measured_event(copy), (Perbill::zero(), Some(original), 0));
	});
}

#[test]
fn governance_forcing_a_copy_through_pays_only_its_novel_part() {
	ExtBuilder::build_and_execute(|| {
		let original = verify_dataset(ALICE, 1, counts(90), sketch(1, SKETCH_SIZE, 0));
		// A council decides a copy directly, bypassing the verifiers: the index still applies.
		let copy = submit_dataset(BOB, 2);
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			copy,
			Decision::Measured {
				counts: counts(90),
				sketch: sketch(1, SKETCH_SIZE, 0)
			}
		));
		assert_eq!(measured_event(copy), (Perbill::zero(), Some(original), 0));
		assert_eq!(Receipts::<Test>::get(copy).unwrap().rewarded_bytes, 0);
	});
}
