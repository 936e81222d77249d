//! `attest`: who may attest, quorum, median scores, slashing.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

use super::*;

fn valid(score: Score) -> Verdict {
	Verdict::Valid { score }
}

#[test]
fn attestation_below_quorum_is_recorded() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(80)));
		let c = Contributions::<Test>::get(id).unwrap();
		assert_eq!(c.status, ContributionStatus::Pending);
		assert_eq!(
			c.attestations.to_vec(),
			vec![Attestation {
				verifier: V1,
				verdict: valid(80)
			}]
		);
		System::assert_last_event(
			Event::Attested {
				id,
				verifier: V1,
				verdict: valid(80),
			}
			.into(),
		);
	});
}

#[test]
fn quorum_of_valid_attestations_verifies_with_median_and_releases_deposit() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(80)));
		assert_ok!(attest(V2, id, valid(60)));
		// 50% of 3 verifiers rounds up to 2: decided by the second attestation.
		assert_eq!(status(id), ContributionStatus::Verified { score: 70 });
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(Owners::<Test>::get(ALICE).pending, 0);
		// The root stays taken by the verified contribution.
		assert_eq!(
			ByHash::<Test>::get([1; 32]),
			Some(RootClaim::Contribution(id))
		);
		assert_eq!(
			VerifiedLog::get(),
			vec![(id, ALICE, ContributionKind::FineTune { base: 0 }, 1_000, 70)]
		);
		System::assert_last_event(
			Event::ContributionVerified {
				id,
				owner: ALICE,
				score: 70,
			}
			.into(),
		);
	});
}

#[test]
fn odd_count_median_is_the_middle_score() {
	ExtBuilder::build_and_execute(|| {
		VerifierSet::set(vec![V1, V2, V3, 14, 15]);
		change_parameters(|p| p.quorum = Perbill::from_percent(60));
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(90)));
		assert_ok!(attest(V2, id, valid(10)));
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_ok!(attest(V3, id, valid(40)));
		assert_eq!(status(id), ContributionStatus::Verified { score: 40 });
	});
}

#[test]
fn quorum_of_negative_attestations_rejects_and_slashes_to_pot() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		let deposit = standard_deposit();
		assert_ok!(attest(V1, id, Verdict::HashMismatch));
		assert_ok!(attest(V2, id, Verdict::CardMismatch));
		assert_eq!(status(id), ContributionStatus::Rejected);
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL_BALANCE - deposit);
		assert_eq!(free(POT), INITIAL_BALANCE + deposit);
		// A rejected root may be registered again by whoever has the real bytes.
		assert_eq!(ByHash::<Test>::get([1; 32]), None);
		assert!(VerifiedLog::get().is_empty());
		System::assert_last_event(
			Event::ContributionRejected {
				id,
				owner: ALICE,
				slashed: deposit,
			}
			.into(),
		);
		submit_fine_tune(BOB, 1);
	});
}

#[test]
fn split_vote_waits_for_a_quorum() {
	ExtBuilder::build_and_execute(|| {
		VerifierSet::set(vec![V1, V2, V3, 14]);
		let id = submit_fine_tune(ALICE, 1);
		// 50% of 4 would be 2, but a decision needs a strict majority, 3: two valid and two
		// mismatching attestations decide nothing, whichever pair comes first.
		assert_ok!(attest(V1, id, valid(50)));
		assert_ok!(attest(V2, id, Verdict::HashMismatch));
		assert_ok!(attest(14, id, valid(90)));
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_ok!(attest(V3, id, Verdict::HashMismatch));
		assert_eq!(status(id), ContributionStatus::Pending);
	});
}

#[test]
fn tie_of_two_valid_scores_takes_their_mean() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(0)));
		assert_ok!(attest(V2, id, valid(99)));
		assert_eq!(status(id), ContributionStatus::Verified { score: 49 });
	});
}

#[test]
fn attestations_of_removed_verifiers_no_longer_count() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(80)));
		// V1 leaves the set: its vote no longer counts.
		VerifierSet::set(vec![V2, V3, 14]);
		// 2 of the 3 current verifiers are needed.
		assert_ok!(attest(V2, id, valid(60)));
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_ok!(attest(V3, id, valid(40)));
		assert_eq!(status(id), ContributionStatus::Verified { score: 50 });
	});
}

#[test]
fn removed_verifier_cannot_attest() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		VerifierSet::set(vec![V2, V3]);
		assert_noop!(attest(V1, id, valid(1)), Error::<Test>::NotVerifier);
	});
}

#[test]
fn non_verifier_fails_and_changes_nothing() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_noop!(attest(BOB, id, valid(50)), Error::<Test>::NotVerifier);
		assert_noop!(attest(ALICE, id, valid(50)), Error::<Test>::NotVerifier);
	});
}

#[test]
fn root_and_unsigned_origins_cannot_attest() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_noop!(
			ContributionsPallet::attest(RuntimeOrigin::root(), id, valid(5)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ContributionsPallet::attest(RuntimeOrigin::none(), id, valid(5)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn double_attestation_fails() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(50)));
		assert_noop!(
			attest(V1, id, Verdict::HashMismatch),
			Error::<Test>::AlreadyAttested
		);
	});
}

#[test]
fn score_above_max_fails() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_noop!(attest(V1, id, valid(101)), Error::<Test>::ScoreOutOfRange);
	});
}

#[test]
fn unknown_contribution_fails() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(attest(V1, 5, valid(50)), Error::<Test>::UnknownContribution);
	});
}

#[test]
fn decided_contribution_cannot_be_attested() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(50)));
		assert_ok!(attest(V2, id, valid(50)));
		assert_noop!(attest(V3, id, valid(50)), Error::<Test>::NotPending);
	});
}

#[test]
fn attestation_after_deadline_fails() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		System::set_block_number(1 + PERIOD + 1);
		assert_noop!(
			attest(V1, id, valid(50)),
			Error::<Test>::VerificationPeriodOver
		);
	});
}

/// Six verifiers, a quorum of all of them, and a contribution holding `MaxAttestations` (4)
/// valid attestations: undecided, with no room left.
fn contribution_with_full_attestations() -> ContributionId {
	VerifierSet::set(vec![V1, V2, V3, 14, 15, 16]);
	change_parameters(|p| p.quorum = Perbill::one());
	let id = submit_fine_tune(ALICE, 1);
	for v in [V1, V2, V3, 14] {
		assert_ok!(attest(v, id, valid(50)));
	}
	id
}

#[test]
fn attestations_are_bounded() {
	ExtBuilder::build_and_execute(|| {
		// Quorum 100% of 6: nobody decides before the fifth attestation, which does not fit.
		let id = contribution_with_full_attestations();
		assert_noop!(
			attest(15, id, valid(50)),
			Error::<Test>::TooManyAttestations
		);
	});
}

#[test]
fn attestations_of_removed_verifiers_make_room_for_current_ones() {
	ExtBuilder::build_and_execute(|| {
		let id = contribution_with_full_attestations();
		// V1 and V2 leave: their stale votes no longer fill the contribution's slots.
		VerifierSet::set(vec![V3, 14, 15, 16]);
		assert_ok!(attest(15, id, valid(70)));
		let kept: Vec<_> = Contributions::<Test>::get(id)
			.unwrap()
			.attestations
			.iter()
			.map(|a| a.verifier)
			.collect();
		assert_eq!(kept, vec![V3, 14, 15]);
		assert_ok!(attest(16, id, valid(90)));
		assert_eq!(status(id), ContributionStatus::Verified { score: 60 });
	});
}

#[test]
fn an_attestation_that_decides_nothing_is_refunded_to_the_cost_of_recording_it() {
	use crate::weights::WeightInfo;
	use frame_support::dispatch::{GetDispatchInfo, Pays};

	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		let call = crate::Call::<Test>::attest {
			id,
			verdict: valid(80),
		};
		let charged = call.get_dispatch_info().call_weight;

		// The first of two needed attestations only records: refunded.
		let post = attest(V1, id, valid(80)).unwrap();
		assert_eq!(
			post.actual_weight,
			Some(<() as WeightInfo>::attest_recorded(1))
		);
		assert!(post.actual_weight.unwrap().ref_time() < charged.ref_time());
		assert_eq!(post.pays_fee, Pays::Yes);

		// The deciding one pays what was charged.
		let post = attest(V2, id, valid(60)).unwrap();
		assert_eq!(post.actual_weight, None);
		assert_eq!(status(id), ContributionStatus::Verified { score: 70 });
	});
}

#[test]
fn a_verifier_cannot_attest_its_own_contribution() {
	ExtBuilder::build_and_execute(|| {
		// V1 is a verifier and submits: it may not vote for itself.
		let id = submit_fine_tune(V1, 1);
		assert_noop!(attest(V1, id, valid(100)), Error::<Test>::OwnContribution);
		// The other two decide as usual.
		assert_ok!(attest(V2, id, valid(70)));
		assert_ok!(attest(V3, id, valid(90)));
		assert_eq!(status(id), ContributionStatus::Verified { score: 80 });
	});
}

#[test]
fn two_of_four_verifiers_cannot_race_to_a_decision() {
	ExtBuilder::build_and_execute(|| {
		VerifierSet::set(vec![V1, V2, V3, 14]);
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(100)));
		assert_ok!(attest(V2, id, valid(100)));
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_ok!(attest(V3, id, valid(40)));
		assert_eq!(status(id), ContributionStatus::Verified { score: 100 });
	});
}

#[test]
fn a_shrunken_verifier_set_cannot_decide_below_the_minimum_count() {
	ExtBuilder::build_and_execute(|| {
		// One verifier left; governance asks for two attestations (the mock's minimum).
		VerifierSet::set(vec![V1]);
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, valid(100)));
		assert_eq!(status(id), ContributionStatus::Pending);
		// A second verifier joins and its vote decides.
		VerifierSet::set(vec![V1, V2]);
		assert_ok!(attest(V2, id, valid(60)));
		assert_eq!(status(id), ContributionStatus::Verified { score: 80 });
	});
}

#[test]
fn a_quorum_of_unreachable_makes_it_unavailable_and_reserves_the_root() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		let deposit = standard_deposit();
		let slashed = deposit / 5; // the mock's 20%
		assert_ok!(attest(V1, id, Verdict::Unreachable));
		assert_ok!(attest(V2, id, Verdict::Unreachable));
		assert_eq!(status(id), ContributionStatus::Unavailable);
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL_BALANCE - slashed);
		assert_eq!(free(POT), INITIAL_BALANCE + slashed);
		assert_eq!(Owners::<Test>::get(ALICE).pending, 0);
		assert!(VerifiedLog::get().is_empty());
		assert_eq!(
			ByHash::<Test>::get([1; 32]),
			Some(RootClaim::Reserved {
				id,
				owner: ALICE,
				until: 1 + COOLDOWN
			})
		);
		System::assert_last_event(
			Event::ContributionUnavailable {
				id,
				owner: ALICE,
				slashed,
				reserved_until: 1 + COOLDOWN,
			}
			.into(),
		);
	});
}

#[test]
fn unreachable_and_mismatch_together_make_it_unavailable_not_rejected() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::HashMismatch));
		assert_ok!(attest(V2, id, Verdict::Unreachable));
		assert_eq!(status(id), ContributionStatus::Unavailable);
	});
}

#[test]
fn another_account_cannot_take_an_unavailable_root_during_the_cooldown() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::Unreachable));
		assert_ok!(attest(V2, id, Verdict::Unreachable));
		// The host was down; Bob copies root and URI to take the reward.
		assert_noop!(
			ContributionsPallet::submit(
				RuntimeOrigin::signed(BOB),
				ContributionKind::Dataset,
				[1; 32],
				1_000,
				URI.to_vec(),
				LICENSE.to_vec(),
				CONSENT,
				None,
			),
			Error::<Test>::RootReserved
		);
		// Alice registers it again once her host is back.
		let again = submit_fine_tune(ALICE, 1);
		assert_eq!(
			ByHash::<Test>::get([1; 32]),
			Some(RootClaim::Contribution(again))
		);
	});
}

#[test]
fn an_unavailable_root_is_free_for_anyone_after_the_cooldown() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::Unreachable));
		assert_ok!(attest(V2, id, Verdict::Unreachable));
		System::set_block_number(1 + COOLDOWN + 1);
		submit_fine_tune(BOB, 1);
	});
}
