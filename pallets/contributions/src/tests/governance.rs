//! Governance calls: parameters, `force_decide`; model-version roots.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

use super::*;

fn params(quorum: u32, period: u64) -> Parameters<Balance, u64> {
	Parameters {
		quorum: Perbill::from_percent(quorum),
		verification_period: period,
		deposit_base: 7,
		deposit_per_byte: 2,
		..DefaultParams::get()
	}
}

#[test]
fn signed_origins_cannot_govern() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		for who in [ALICE, V1] {
			let origin = || RuntimeOrigin::signed(who);
			assert_noop!(
				ContributionsPallet::set_parameters(origin(), params(50, 5)),
				DispatchError::BadOrigin
			);
			assert_noop!(
				ContributionsPallet::force_decide(origin(), id, Decision::Rejected),
				DispatchError::BadOrigin
			);
		}
		assert_noop!(
			ContributionsPallet::set_parameters(RuntimeOrigin::none(), params(50, 5)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn governance_sets_parameters_for_new_contributions() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(ContributionsPallet::set_parameters(
			RuntimeOrigin::root(),
			params(100, 3)
		));
		assert_eq!(Params::<Test>::get(), params(100, 3));
		System::assert_last_event(
			Event::ParametersSet {
				parameters: params(100, 3),
			}
			.into(),
		);
		let id = submit_fine_tune(ALICE, 1);
		let c = Contributions::<Test>::get(id).unwrap();
		assert_eq!(c.deposit, 7 + 2 * (URI.len() + LICENSE.len()) as Balance);
		assert_eq!(c.deadline, 1 + 3);
	});
}

#[test]
fn invalid_parameters_fail() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			ContributionsPallet::set_parameters(RuntimeOrigin::root(), params(0, 3)),
			Error::<Test>::InvalidParameters
		);
		assert_noop!(
			ContributionsPallet::set_parameters(RuntimeOrigin::root(), params(50, 0)),
			Error::<Test>::InvalidParameters
		);
		assert_noop!(
			ContributionsPallet::set_parameters(
				RuntimeOrigin::root(),
				Parameters {
					min_attestations: 0,
					..params(50, 3)
				}
			),
			Error::<Test>::InvalidParameters
		);
		// An unevaluated fine-tune cannot count as more than the highest score.
		assert_noop!(
			ContributionsPallet::set_parameters(
				RuntimeOrigin::root(),
				Parameters {
					unevaluated_score: 101,
					..params(50, 3)
				}
			),
			Error::<Test>::InvalidParameters
		);
		assert_noop!(
			ContributionsPallet::set_parameters(
				RuntimeOrigin::root(),
				Parameters {
					uri_schemes: UriSchemes {
						https: false,
						http: false,
						file: false
					},
					..params(50, 3)
				}
			),
			Error::<Test>::InvalidParameters
		);
	});
}

#[test]
fn model_version_roots_are_reserved_like_contribution_roots() {
	ExtBuilder::build_and_execute(|| {
		submit_fine_tune(ALICE, 1);
		let claim = <ContributionsPallet as ContributionRegistry<AccountId>>::claim_model_root;
		// A root a contribution holds cannot become a model's weights...
		assert!(!claim([1; 32], 5));
		assert_eq!(
			ByHash::<Test>::get([1; 32]),
			Some(RootClaim::Contribution(0))
		);
		// ...nor can two model versions share weights.
		assert!(!claim(BASE_ROOT, 5));
		assert_eq!(
			ByHash::<Test>::get(BASE_ROOT),
			Some(RootClaim::ModelVersion(0))
		);
		assert!(claim([9; 32], 5));
		assert_eq!(
			ByHash::<Test>::get([9; 32]),
			Some(RootClaim::ModelVersion(5))
		);
		TestVersions::mutate(|versions| versions.insert(5, ([9; 32], false)));
	});
}

#[test]
fn governance_may_decide_unavailable() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			id,
			Decision::Unavailable
		));
		assert_eq!(status(id), ContributionStatus::Unavailable);
		assert_eq!(free(ALICE), INITIAL_BALANCE - standard_deposit() / 5);
	});
}

#[test]
fn force_decide_verifies_or_rejects() {
	ExtBuilder::build_and_execute(|| {
		let a = submit_fine_tune(ALICE, 1);
		let b = submit_fine_tune(BOB, 2);
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			a,
			Decision::Verified { score: 77 }
		));
		assert_eq!(status(a), ContributionStatus::Verified { score: 77 });
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		System::assert_has_event(
			Event::ContributionVerified {
				id: a,
				owner: ALICE,
				score: 77,
			}
			.into(),
		);
		System::assert_last_event(
			Event::ContributionForceDecided {
				id: a,
				decision: Decision::Verified { score: 77 },
			}
			.into(),
		);

		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			b,
			Decision::Rejected
		));
		assert_eq!(status(b), ContributionStatus::Rejected);
		assert_eq!(free(POT), INITIAL_BALANCE + standard_deposit());
		assert_eq!(VerifiedLog::get().len(), 1);
	});
}

#[test]
fn force_decide_errors() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			ContributionsPallet::force_decide(RuntimeOrigin::root(), 0, Decision::Rejected),
			Error::<Test>::UnknownContribution
		);
		let id = submit_fine_tune(ALICE, 1);
		assert_noop!(
			ContributionsPallet::force_decide(
				RuntimeOrigin::root(),
				id,
				Decision::Verified { score: 101 }
			),
			Error::<Test>::ScoreOutOfRange
		);
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			id
		));
		assert_noop!(
			ContributionsPallet::force_decide(RuntimeOrigin::root(), id, Decision::Rejected),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn runtime_api_helpers_report_contributions() {
	ExtBuilder::build_and_execute(|| {
		let a = submit_fine_tune(ALICE, 1);
		let b = submit_fine_tune(ALICE, 2);
		submit_fine_tune(BOB, 3);
		assert_eq!(
			ContributionsPallet::contributions_of(&ALICE, 1000),
			vec![a, b]
		);
		assert_eq!(ContributionsPallet::contributions_of(&ALICE, 1), vec![a]);
		let info = ContributionsPallet::contribution_info(b).unwrap();
		assert_eq!(info.id, b);
		assert_eq!(info.owner, ALICE);
		assert_eq!(info.uri, URI.to_vec());
		assert_eq!(ContributionsPallet::contribution_info(9), None);
	});
}

#[test]
fn awaiting_attestation_lists_what_a_verifier_has_left() {
	ExtBuilder::build_and_execute(|| {
		let a = submit_fine_tune(ALICE, 1);
		let b = submit_fine_tune(BOB, 2);
		let c = submit_fine_tune(CHARLIE, 3);
		assert_ok!(attest(V1, b, Verdict::HashMismatch));
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(CHARLIE),
			c
		));
		let ids = |v, limit| {
			ContributionsPallet::awaiting_attestation(&v, limit)
				.into_iter()
				.map(|i| i.id)
				.collect::<Vec<_>>()
		};
		assert_eq!(ids(V1, 10), vec![a]);
		assert_eq!(ids(V2, 10), vec![a, b]);
		assert_eq!(ids(V2, 1), vec![a]);
		System::set_block_number(1 + PERIOD + 1);
		assert!(ids(V2, 10).is_empty(), "past the deadline");
	});
}

#[test]
fn awaiting_attestation_gives_no_work_to_outsiders_or_owners() {
	ExtBuilder::build_and_execute(|| {
		let mine = submit_fine_tune(V1, 1);
		let other = submit_fine_tune(ALICE, 2);
		// A verifier never gets its own contribution to check.
		let work: Vec<_> = ContributionsPallet::awaiting_attestation(&V1, 10)
			.into_iter()
			.map(|c| c.id)
			.collect();
		assert_eq!(work, vec![other]);
		assert!(ContributionsPallet::awaiting_attestation(&V2, 10)
			.iter()
			.any(|c| c.id == mine));
		// A key removed from the verifier set gets nothing to fetch.
		VerifierSet::set(vec![V2, V3]);
		assert!(ContributionsPallet::awaiting_attestation(&V1, 10).is_empty());
	});
}

#[test]
fn an_unavailable_contribution_cannot_be_withdrawn_for_its_remaining_deposit() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::Unreachable));
		assert_ok!(attest(V2, id, Verdict::Unreachable));
		assert_noop!(
			ContributionsPallet::withdraw(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn a_root_reserved_after_unavailable_cannot_become_a_models_weights() {
	ExtBuilder::build_and_execute(|| {
		// Attack: while the owner of an `Unavailable` contribution may register its root
		// again, a model version must not take it from them.
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			id,
			Decision::Unavailable
		));
		let reserved = ByHash::<Test>::get([1; 32]);
		assert!(matches!(reserved, Some(RootClaim::Reserved { .. })));
		let claim = <ContributionsPallet as ContributionRegistry<AccountId>>::claim_model_root;
		assert!(!claim([1; 32], 5));
		assert_eq!(ByHash::<Test>::get([1; 32]), reserved);
	});
}
