//! Datasets are verified by the records verifiers count: `Measured`, `BadFormat`, and the
//! attacks on them (a bare score, inflated counts, disagreeing counts).

use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

use super::*;

/// Counts of a 1,000-byte dataset: 10 records, 8 valid, 1 duplicate, 6 in its language
/// (300 bytes of them). Score: 100 × 6 / 10 = 60.
fn counts() -> RecordCounts {
	RecordCounts {
		records: 10,
		valid: 8,
		duplicates: 1,
		in_language: 6,
		useful_bytes: 300,
	}
}

/// A sketch no other test dataset shares.
fn sketch(seed: u32) -> Sketch {
	core::array::from_fn(|i| seed.wrapping_mul(1_000).wrapping_add(i as u32))
}

fn measured(counts: RecordCounts) -> Verdict {
	Verdict::Measured {
		counts,
		sketch: sketch(1),
	}
}

#[test]
fn a_quorum_of_identical_counts_verifies_a_dataset_for_its_useful_bytes() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		assert_ok!(attest(V1, id, measured(counts())));
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_ok!(attest(V2, id, measured(counts())));
		assert_eq!(status(id), ContributionStatus::Verified { score: 60 });
		// Rewarded for the 300 useful bytes, not the 1,000 registered.
		assert_eq!(
			VerifiedLog::get(),
			vec![(id, ALICE, ContributionKind::Dataset, 300, 60)]
		);
		assert_eq!(held(ALICE), 0);
		System::assert_has_event(
			Event::ContributionVerified {
				id,
				owner: ALICE,
				score: 60,
			}
			.into(),
		);
		System::assert_last_event(
			Event::DatasetMeasured {
				id,
				counts: counts(),
				score: 60,
				novelty: Perbill::one(),
				overlaps: None,
				rewarded_bytes: 300,
			}
			.into(),
		);
	});
}

#[test]
fn a_bare_score_cannot_verify_a_dataset() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		assert_noop!(
			attest(V1, id, Verdict::Valid { score: 100 }),
			Error::<Test>::DatasetNeedsCounts
		);
		assert_noop!(
			ContributionsPallet::force_decide(
				RuntimeOrigin::root(),
				id,
				Decision::Verified { score: 100 }
			),
			Error::<Test>::DatasetNeedsCounts
		);
	});
}

#[test]
fn counts_are_for_datasets_only() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_noop!(
			attest(V1, id, measured(counts())),
			Error::<Test>::CountsForDatasetsOnly
		);
		assert_noop!(
			attest(V1, id, Verdict::BadFormat),
			Error::<Test>::CountsForDatasetsOnly
		);
		assert_noop!(
			ContributionsPallet::force_decide(
				RuntimeOrigin::root(),
				id,
				Decision::Measured {
					counts: counts(),
					sketch: sketch(1),
				}
			),
			Error::<Test>::CountsForDatasetsOnly
		);
	});
}

#[test]
fn counts_that_claim_more_than_the_bytes_hold_are_refused() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		let inflated = [
			// More useful bytes than the 1,000 registered.
			RecordCounts {
				useful_bytes: 1_001,
				..counts()
			},
			// More valid records than records.
			RecordCounts {
				valid: 11,
				..counts()
			},
			// More in-language records than unique ones.
			RecordCounts {
				in_language: 8,
				..counts()
			},
			// Nothing valid: that is BadFormat.
			RecordCounts {
				valid: 0,
				duplicates: 0,
				in_language: 0,
				useful_bytes: 0,
				..counts()
			},
		];
		for counts in inflated {
			assert_noop!(
				attest(V1, id, measured(counts)),
				Error::<Test>::InconsistentCounts
			);
		}
		assert_noop!(
			ContributionsPallet::force_decide(
				RuntimeOrigin::root(),
				id,
				Decision::Measured {
					counts: RecordCounts {
						useful_bytes: 1_001,
						..counts()
					},
					sketch: sketch(1),
				}
			),
			Error::<Test>::InconsistentCounts
		);
	});
}

#[test]
fn verifiers_who_count_differently_decide_nothing_until_a_quorum_agrees() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		let generous = RecordCounts {
			in_language: 7,
			useful_bytes: 350,
			..counts()
		};
		assert_ok!(attest(V1, id, measured(generous)));
		assert_ok!(attest(V2, id, measured(counts())));
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_ok!(attest(V3, id, measured(counts())));
		assert_eq!(status(id), ContributionStatus::Verified { score: 60 });
		assert_eq!(
			VerifiedLog::get(),
			vec![(id, ALICE, ContributionKind::Dataset, 300, 60)]
		);
	});
}

#[test]
fn a_quorum_of_bad_format_rejects_and_slashes() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		let deposit = standard_deposit();
		assert_ok!(attest(V1, id, Verdict::BadFormat));
		assert_ok!(attest(V2, id, Verdict::BadFormat));
		assert_eq!(status(id), ContributionStatus::Rejected);
		assert_eq!(free(ALICE), INITIAL_BALANCE - deposit);
		assert!(VerifiedLog::get().is_empty());
	});
}

#[test]
fn governance_verifies_a_dataset_by_counts() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		assert_noop!(
			ContributionsPallet::force_decide(
				RuntimeOrigin::signed(V1),
				id,
				Decision::Measured {
					counts: counts(),
					sketch: sketch(1),
				}
			),
			DispatchError::BadOrigin
		);
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			id,
			Decision::Measured {
				counts: counts(),
				sketch: sketch(1),
			}
		));
		assert_eq!(status(id), ContributionStatus::Verified { score: 60 });
		assert_eq!(
			VerifiedLog::get(),
			vec![(id, ALICE, ContributionKind::Dataset, 300, 60)]
		);
	});
}

#[test]
fn a_bare_score_recorded_before_counts_were_required_verifies_no_dataset() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		Contributions::<Test>::mutate(id, |c| {
			let c = c.as_mut().unwrap();
			for verifier in [V1, V2] {
				c.attestations
					.try_push(Attestation {
						verifier,
						verdict: Verdict::Valid { score: 100 },
					})
					.unwrap();
			}
		});
		assert_ok!(attest(V3, id, measured(counts())));
		assert_eq!(status(id), ContributionStatus::Pending);
		assert!(VerifiedLog::get().is_empty());
	});
}
