//! Opening a dispute: who may, when, with what bond; and the owner's answer.

use frame_support::{assert_noop, assert_ok};
use pallet_contributions::ContributionStatus;
use sp_runtime::DispatchError;

use super::*;

#[test]
fn a_challenger_opens_a_dispute_holding_the_bond_and_vesting_waits() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		let id = challenge();
		assert_eq!(bonded(CHALLENGER), BOND);
		let deadline = EPOCH + DECISION;
		assert_eq!(
			Disputes::<Test>::get(id),
			Some(Dispute {
				contribution: CONTRIBUTION,
				owner: OWNER,
				challenger: CHALLENGER,
				reason: DisputeReason::Plagiarism,
				evidence: EVIDENCE,
				answer: None,
				bond: BOND,
				appeal_bond: 0,
				opened_at: EPOCH,
				stage: Stage::Open { deadline },
			})
		);
		System::assert_last_event(
			Event::DisputeOpened {
				id,
				contribution: CONTRIBUTION,
				owner: OWNER,
				challenger: CHALLENGER,
				reason: DisputeReason::Plagiarism,
				evidence: EVIDENCE,
				bond: BOND,
				deadline,
			}
			.into(),
		);
		assert_eq!(OpenDisputeOf::<Test>::get(CONTRIBUTION), Some(id));
		assert_eq!(DisputesPallet::disputes_of_account(&OWNER).len(), 1);
		assert_eq!(DisputesPallet::disputes_of_account(&CHALLENGER).len(), 1);
		assert_eq!(
			DisputesPallet::disputes_of_contribution(CONTRIBUTION).len(),
			1
		);
		assert!(<DisputesPallet as pallet_rewards::VestingHold>::is_held(
			CONTRIBUTION
		));
	});
}

#[test]
fn a_contribution_can_be_disputed_before_its_epoch_pays_it() {
	build_and_execute(|| {
		verified(CONTRIBUTION, OWNER, 1_000);
		challenge();
	});
}

#[test]
fn only_a_verified_contribution_can_be_disputed() {
	build_and_execute(|| {
		let open = |id| {
			DisputesPallet::open_dispute(
				RuntimeOrigin::signed(CHALLENGER),
				id,
				DisputeReason::Duplicate,
				EVIDENCE,
			)
		};
		assert_noop!(open(9), Error::<Test>::NotVerified);
		Registry::mutate(|registry| {
			registry.insert(5, (OWNER, ContributionStatus::Pending));
		});
		assert_noop!(open(5), Error::<Test>::NotVerified);
	});
}

#[test]
fn an_owner_cannot_dispute_their_own_contribution() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		assert_noop!(
			DisputesPallet::open_dispute(
				RuntimeOrigin::signed(OWNER),
				CONTRIBUTION,
				DisputeReason::Duplicate,
				EVIDENCE
			),
			Error::<Test>::OwnContribution
		);
	});
}

#[test]
fn a_contribution_has_at_most_one_undecided_dispute() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		challenge();
		assert_noop!(
			DisputesPallet::open_dispute(
				RuntimeOrigin::signed(CHARLIE),
				CONTRIBUTION,
				DisputeReason::LicenseViolation,
				EVIDENCE
			),
			Error::<Test>::AlreadyDisputed
		);
	});
}

#[test]
fn the_window_closes_when_the_reward_vests_but_a_takedown_may_come_later() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		run_to_block(EPOCH + WINDOW);
		assert_eq!(frozen(OWNER), 0);
		assert_noop!(
			DisputesPallet::open_dispute(
				RuntimeOrigin::signed(CHALLENGER),
				CONTRIBUTION,
				DisputeReason::Plagiarism,
				EVIDENCE
			),
			Error::<Test>::ChallengeWindowClosed
		);
		assert_ok!(DisputesPallet::open_dispute(
			RuntimeOrigin::signed(CHALLENGER),
			CONTRIBUTION,
			DisputeReason::Takedown,
			EVIDENCE
		));
	});
}

#[test]
fn a_challenger_who_cannot_hold_the_bond_is_refused() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		assert_noop!(
			DisputesPallet::open_dispute(
				RuntimeOrigin::signed(PAUPER),
				CONTRIBUTION,
				DisputeReason::Plagiarism,
				EVIDENCE
			),
			Error::<Test>::InsufficientBond
		);
	});
}

#[test]
fn an_unsigned_origin_cannot_open_a_dispute() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		assert_noop!(
			DisputesPallet::open_dispute(
				RuntimeOrigin::none(),
				CONTRIBUTION,
				DisputeReason::Plagiarism,
				EVIDENCE
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn frivolous_disputes_cannot_make_a_contribution_undisputable() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		for _ in 0..MAX_DISPUTES {
			let id = challenge();
			assert_ok!(DisputesPallet::decide(
				RuntimeOrigin::signed(COUNCIL),
				id,
				false
			));
			run_to_block(System::block_number() + APPEAL);
			assert!(stage(id).is_closed());
		}
		// An accomplice's dismissed disputes filled the list: a real challenge still opens,
		// and the list keeps the latest.
		let id = NextDisputeId::<Test>::get();
		assert_ok!(DisputesPallet::open_dispute(
			RuntimeOrigin::signed(CHARLIE),
			CONTRIBUTION,
			DisputeReason::Plagiarism,
			EVIDENCE
		));
		let listed = ByContribution::<Test>::get(CONTRIBUTION);
		assert_eq!(listed.len() as u32, MAX_DISPUTES);
		assert_eq!(listed.last(), Some(&id));
		assert!(!listed.contains(&0));
		assert!(Disputes::<Test>::contains_key(0));
	});
}

#[test]
fn deadlines_spill_into_later_blocks_and_then_refuse() {
	build_and_execute(|| {
		let slots = u64::from(MAX_DEADLINES * DEADLINE_PROBES);
		for id in 0..=slots {
			verified(id, OWNER, 1_000);
		}
		for id in 0..slots {
			assert_ok!(DisputesPallet::open_dispute(
				RuntimeOrigin::signed(CHALLENGER),
				id,
				DisputeReason::Duplicate,
				EVIDENCE
			));
		}
		let first = 1 + DECISION;
		assert_eq!(Deadlines::<Test>::get(first).len() as u32, MAX_DEADLINES);
		assert_eq!(
			Deadlines::<Test>::get(first + u64::from(DEADLINE_PROBES) - 1).len() as u32,
			MAX_DEADLINES
		);
		assert_noop!(
			DisputesPallet::open_dispute(
				RuntimeOrigin::signed(CHALLENGER),
				slots,
				DisputeReason::Duplicate,
				EVIDENCE
			),
			Error::<Test>::DeadlinesFull
		);
	});
}

#[test]
fn the_owner_answers_once_while_the_dispute_is_open() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		let id = challenge();
		assert_noop!(
			DisputesPallet::answer(RuntimeOrigin::signed(CHARLIE), id, [9; 32]),
			Error::<Test>::NotTheOwner
		);
		assert_noop!(
			DisputesPallet::answer(RuntimeOrigin::signed(OWNER), 77, [9; 32]),
			Error::<Test>::UnknownDispute
		);
		assert_ok!(DisputesPallet::answer(
			RuntimeOrigin::signed(OWNER),
			id,
			[9; 32]
		));
		System::assert_last_event(
			Event::DisputeAnswered {
				id,
				evidence: [9; 32],
			}
			.into(),
		);
		assert_eq!(Disputes::<Test>::get(id).unwrap().answer, Some([9; 32]));
		assert_noop!(
			DisputesPallet::answer(RuntimeOrigin::signed(OWNER), id, [8; 32]),
			Error::<Test>::AlreadyAnswered
		);
		assert_ok!(DisputesPallet::decide(
			RuntimeOrigin::signed(COUNCIL),
			id,
			true
		));
		// Once decided, it takes no more answers.
		assert_noop!(
			DisputesPallet::answer(RuntimeOrigin::signed(OWNER), id, [8; 32]),
			Error::<Test>::NotOpen
		);
		assert_noop!(
			DisputesPallet::answer(RuntimeOrigin::none(), id, [8; 32]),
			DispatchError::BadOrigin
		);
	});
}
