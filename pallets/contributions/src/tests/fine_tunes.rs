//! Fine-tunes: a base with an architecture, the weights verdicts, and how evaluated and
//! unevaluated scores combine.

use frame_support::{assert_noop, assert_ok};

use super::*;

/// Registers a model version (root `[seed; 32]`), with an architecture or without one, and
/// returns its id.
fn register_version(seed: u8, with_architecture: bool) -> ModelVersionId {
	add_model_version([seed; 32], with_architecture)
}

fn submit_on(base: ModelVersionId, seed: u8) -> frame_support::dispatch::DispatchResult {
	ContributionsPallet::submit(
		RuntimeOrigin::signed(ALICE),
		ContributionKind::FineTune { base },
		[seed; 32],
		1_000,
		URI.to_vec(),
		LICENSE.to_vec(),
		CONSENT,
		None,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

#[test]
fn a_fine_tune_builds_only_on_a_base_whose_architecture_is_registered() {
	ExtBuilder::build_and_execute(|| {
		// Attack: a fine-tune on a version nobody can check it against would be paid
		// unchecked, so it is refused at submission.
		let unchecked = register_version(40, false);
		assert_noop!(
			submit_on(unchecked, 1),
			Error::<Test>::BaseArchitectureUnknown
		);
		assert_noop!(submit_on(9, 1), Error::<Test>::UnknownBaseModel);
		let checked = register_version(41, true);
		assert_ok!(submit_on(checked, 1));
		assert_eq!(held(ALICE), standard_deposit());
	});
}

#[test]
fn weights_that_do_not_fit_the_base_are_rejected_and_the_deposit_slashed() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		let deposit = standard_deposit();
		assert_ok!(attest(V1, id, Verdict::ArchitectureMismatch));
		assert_eq!(status(id), ContributionStatus::Pending);
		// Either finding speaks against the weights: together they are a quorum.
		assert_ok!(attest(V2, id, Verdict::AdapterMismatch));
		assert_eq!(status(id), ContributionStatus::Rejected);
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(POT), INITIAL_BALANCE + deposit);
		assert!(VerifiedLog::get().is_empty());
		System::assert_last_event(
			Event::ContributionRejected {
				id,
				owner: ALICE,
				slashed: deposit,
			}
			.into(),
		);
	});
}

#[test]
fn an_unevaluated_fine_tune_counts_as_the_governance_default() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::Unevaluated));
		assert_ok!(attest(V2, id, Verdict::Unevaluated));
		assert_eq!(
			status(id),
			ContributionStatus::Verified {
				score: UNEVALUATED_SCORE
			}
		);
		assert_eq!(
			Receipts::<Test>::get(id).map(|r| r.score),
			Some(UNEVALUATED_SCORE)
		);

		// Governance sets the default; it applies to decisions from then on.
		change_parameters(|p| p.unevaluated_score = 60);
		let later = submit_fine_tune(ALICE, 2);
		assert_ok!(attest(V1, later, Verdict::Unevaluated));
		assert_ok!(attest(V3, later, Verdict::Unevaluated));
		assert_eq!(status(later), ContributionStatus::Verified { score: 60 });
		assert_eq!(status(id), ContributionStatus::Verified { score: 30 });
	});
}

#[test]
fn evaluated_and_unevaluated_attestations_combine_by_their_median() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::Valid { score: 90 }));
		assert_ok!(attest(V2, id, Verdict::Unevaluated));
		// The median of 90 and the default 30.
		assert_eq!(status(id), ContributionStatus::Verified { score: 60 });
	});
}

#[test]
fn one_verifier_inflating_its_evaluation_cannot_set_the_score() {
	ExtBuilder::build_and_execute(|| {
		// All three verifiers must attest: the median of three ignores the outlier.
		change_parameters(|p| p.min_attestations = 3);
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::Valid { score: 100 }));
		assert_ok!(attest(V2, id, Verdict::Unevaluated));
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_ok!(attest(V3, id, Verdict::Valid { score: 20 }));
		assert_eq!(status(id), ContributionStatus::Verified { score: 30 });
	});
}

#[test]
fn weights_verdicts_are_refused_on_datasets() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		for verdict in [
			Verdict::ArchitectureMismatch,
			Verdict::AdapterMismatch,
			Verdict::Unevaluated,
		] {
			assert_noop!(
				attest(V1, id, verdict),
				Error::<Test>::WeightsVerdictOnDataset
			);
		}
	});
}

#[test]
fn a_verified_contribution_is_worth_its_score_times_its_rewarded_bytes() {
	use crate::ContributionRegistry;
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_eq!(ContributionsPallet::reward_weight(id), None);
		assert_ok!(attest(V1, id, Verdict::Unevaluated));
		assert_ok!(attest(V2, id, Verdict::Unevaluated));
		// Score 30 for its 1,000 bytes.
		assert_eq!(
			ContributionsPallet::reward_weight(id),
			Some(u64::from(UNEVALUATED_SCORE) * 1_000)
		);
		assert_eq!(ContributionsPallet::verified_owner(id), Some(ALICE));
	});
}
