//! Governance calls: model versions, parameters, `force_decide`.

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
fn genesis_registers_the_base_model() {
	ExtBuilder::build_and_execute(|| {
		let base = ModelVersions::<Test>::get(0).unwrap();
		assert_eq!(base.name.to_vec(), b"base-v1".to_vec());
		assert_eq!(base.weights_root, [7; 32]);
		assert_eq!(base.parent, None);
		assert_eq!(NextModelVersionId::<Test>::get(), 1);
	});
}

#[test]
fn governance_registers_model_version() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(ContributionsPallet::register_model_version(
			RuntimeOrigin::root(),
			b"base-v2".to_vec(),
			[8; 32],
			Some(0),
			Some(([6; 32], b"https://models.example/base-v2/".to_vec()))
		));
		let v = ModelVersions::<Test>::get(1).unwrap();
		assert_eq!(v.name, bounded::<ConstU32Name>(b"base-v2"));
		assert_eq!(v.parent, Some(0));
		assert_eq!(v.registered_at, 1);
		let architecture = v.architecture.unwrap();
		assert_eq!(architecture.fingerprint, [6; 32]);
		assert_eq!(
			architecture.uri.to_vec(),
			b"https://models.example/base-v2/".to_vec()
		);
		System::assert_last_event(
			Event::ModelVersionRegistered {
				id: 1,
				weights_root: [8; 32],
				parent: Some(0),
				fingerprint: Some([6; 32]),
			}
			.into(),
		);
	});
}

type ConstU32Name = frame_support::traits::ConstU32<16>;

#[test]
fn model_version_errors() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			ContributionsPallet::register_model_version(
				RuntimeOrigin::root(),
				vec![],
				[8; 32],
				None,
				None
			),
			Error::<Test>::InvalidModelName
		);
		assert_noop!(
			ContributionsPallet::register_model_version(
				RuntimeOrigin::root(),
				vec![b'x'; 17],
				[8; 32],
				None,
				None
			),
			Error::<Test>::InvalidModelName
		);
		assert_noop!(
			ContributionsPallet::register_model_version(
				RuntimeOrigin::root(),
				b"v".to_vec(),
				[8; 32],
				Some(9),
				None
			),
			Error::<Test>::UnknownParentModel
		);
		// The weights URI must be one verifiers fetch: not empty, not too long, of an
		// enabled scheme (`file://` is not enabled here).
		for uri in [
			Vec::new(),
			vec![b'a'; 65],
			b"file:///proc/self/".to_vec(),
			b"ftp://models.example/v/".to_vec(),
		] {
			assert_noop!(
				ContributionsPallet::register_model_version(
					RuntimeOrigin::root(),
					b"v".to_vec(),
					[8; 32],
					None,
					Some(([1; 32], uri))
				),
				Error::<Test>::InvalidModelUri
			);
		}
	});
}

#[test]
fn signed_origins_cannot_govern() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		for who in [ALICE, V1] {
			let origin = || RuntimeOrigin::signed(who);
			assert_noop!(
				ContributionsPallet::register_model_version(
					origin(),
					b"v".to_vec(),
					[8; 32],
					None,
					None
				),
				DispatchError::BadOrigin
			);
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
		// A root a contribution holds cannot become a model's weights...
		assert_noop!(
			ContributionsPallet::register_model_version(
				RuntimeOrigin::root(),
				b"v2".to_vec(),
				[1; 32],
				Some(0),
				None
			),
			Error::<Test>::DuplicateContent
		);
		// ...nor can two model versions share weights.
		assert_noop!(
			ContributionsPallet::register_model_version(
				RuntimeOrigin::root(),
				b"v2".to_vec(),
				[7; 32],
				Some(0),
				None
			),
			Error::<Test>::RootIsModelVersion
		);
		assert_ok!(ContributionsPallet::register_model_version(
			RuntimeOrigin::root(),
			b"v2".to_vec(),
			[9; 32],
			Some(0),
			None
		));
		assert_eq!(
			ByHash::<Test>::get([9; 32]),
			Some(RootClaim::ModelVersion(1))
		);
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
