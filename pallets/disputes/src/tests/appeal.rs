//! One appeal per dispute, by the losing side, with a doubled bond, to two thirds.

use frame_support::{assert_noop, assert_ok};
use pallet_contributions::ContributionStatus;
use sp_runtime::DispatchError;

use super::*;

/// Opens and decides a dispute of contribution 0; its id.
fn decided(upheld: bool) -> DisputeId {
	owner_earns_the_first_epoch();
	let id = challenge();
	assert_ok!(DisputesPallet::decide(
		RuntimeOrigin::signed(COUNCIL),
		id,
		upheld
	));
	id
}

#[test]
fn the_owner_appeals_an_upheld_dispute_and_two_thirds_reverse_it() {
	build_and_execute(|| {
		let id = decided(true);
		let pot_before = total(pot());
		assert_noop!(
			DisputesPallet::appeal(RuntimeOrigin::signed(CHALLENGER), id),
			Error::<Test>::NotTheLosingSide
		);
		assert_ok!(DisputesPallet::appeal(RuntimeOrigin::signed(OWNER), id));
		let deadline = EPOCH + DECISION;
		assert_eq!(bonded(OWNER), 2 * BOND);
		assert_eq!(
			stage(id),
			Stage::Appealed {
				first_upheld: true,
				by: Party::Owner,
				deadline
			}
		);
		System::assert_last_event(
			Event::DisputeAppealed {
				id,
				by: Party::Owner,
				bond: 2 * BOND,
				deadline,
			}
			.into(),
		);
		// The first decision's deadline no longer applies.
		run_to_block(EPOCH + APPEAL);
		assert!(matches!(stage(id), Stage::Appealed { .. }));

		assert_noop!(
			DisputesPallet::decide_appeal(RuntimeOrigin::signed(COUNCIL), id, false),
			DispatchError::BadOrigin
		);
		assert_ok!(DisputesPallet::decide_appeal(
			RuntimeOrigin::signed(TWO_THIRDS),
			id,
			false
		));
		assert_eq!(
			stage(id),
			Stage::Closed {
				upheld: false,
				at: EPOCH + APPEAL
			}
		);
		assert_eq!(
			status(CONTRIBUTION),
			ContributionStatus::Verified { score: 1 }
		);
		// The owner's appeal bond comes back; the challenger's bond is split.
		assert_eq!(bonded(OWNER), 0);
		assert_eq!(total(OWNER), INITIAL_BALANCE + 1_000 + BOND / 2);
		assert_eq!(total(CHALLENGER), INITIAL_BALANCE - BOND);
		assert_eq!(total(pot()), pot_before + BOND / 2);
		assert!(Deadlines::<Test>::iter().next().is_none());
	});
}

#[test]
fn a_lost_appeal_splits_the_appeal_bond_too() {
	build_and_execute(|| {
		let id = decided(false);
		let pot_before = total(pot());
		assert_ok!(DisputesPallet::appeal(
			RuntimeOrigin::signed(CHALLENGER),
			id
		));
		assert_eq!(bonded(CHALLENGER), 3 * BOND);
		assert_ok!(DisputesPallet::decide_appeal(
			RuntimeOrigin::signed(TWO_THIRDS),
			id,
			false
		));
		assert_eq!(total(CHALLENGER), INITIAL_BALANCE - 3 * BOND);
		assert_eq!(total(OWNER), INITIAL_BALANCE + 1_000 + 3 * BOND / 2);
		assert_eq!(total(pot()), pot_before + 3 * BOND / 2);
		System::assert_last_event(
			Event::DisputeDismissed {
				id,
				contribution: CONTRIBUTION,
				settlement: Settlement {
					returned: 0,
					debt: 0,
					bounty: 0,
					to_winner: 3 * BOND / 2,
					to_pot: 3 * BOND / 2,
				},
			}
			.into(),
		);
	});
}

#[test]
fn a_challenger_who_wins_the_appeal_gets_both_bonds_back_and_the_bounty() {
	build_and_execute(|| {
		let id = decided(false);
		assert_ok!(DisputesPallet::appeal(
			RuntimeOrigin::signed(CHALLENGER),
			id
		));
		assert_ok!(DisputesPallet::decide_appeal(
			RuntimeOrigin::signed(TWO_THIRDS),
			id,
			true
		));
		assert_eq!(status(CONTRIBUTION), ContributionStatus::Revoked);
		assert_eq!(bonded(CHALLENGER), 0);
		assert_eq!(total(CHALLENGER), INITIAL_BALANCE + 100);
	});
}

#[test]
fn an_undecided_appeal_leaves_the_first_decision_standing() {
	build_and_execute(|| {
		let id = decided(true);
		assert_ok!(DisputesPallet::appeal(RuntimeOrigin::signed(OWNER), id));
		run_to_block(EPOCH + DECISION);
		assert_eq!(
			stage(id),
			Stage::Closed {
				upheld: true,
				at: EPOCH + DECISION
			}
		);
		assert_eq!(status(CONTRIBUTION), ContributionStatus::Revoked);
		// The owner lost the appeal: half its bond to the challenger, half to the pot.
		assert_eq!(total(CHALLENGER), INITIAL_BALANCE + 100 + BOND);
		assert_eq!(total(OWNER), INITIAL_BALANCE - 2 * BOND);
	});
}

#[test]
fn there_is_one_appeal_and_only_while_the_decision_is_appealable() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		let id = challenge();
		assert_noop!(
			DisputesPallet::appeal(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::NotDecided
		);
		assert_noop!(
			DisputesPallet::decide_appeal(RuntimeOrigin::signed(TWO_THIRDS), id, true),
			Error::<Test>::NotAppealed
		);
		assert_ok!(DisputesPallet::decide(
			RuntimeOrigin::signed(COUNCIL),
			id,
			true
		));
		assert_ok!(DisputesPallet::appeal(RuntimeOrigin::signed(OWNER), id));
		assert_noop!(
			DisputesPallet::appeal(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::NotDecided
		);
		assert_noop!(
			DisputesPallet::appeal(RuntimeOrigin::signed(OWNER), 77),
			Error::<Test>::UnknownDispute
		);
		assert_noop!(
			DisputesPallet::appeal(RuntimeOrigin::none(), id),
			DispatchError::BadOrigin
		);
		assert_ok!(DisputesPallet::decide_appeal(
			RuntimeOrigin::signed(TWO_THIRDS),
			id,
			true
		));
		assert_noop!(
			DisputesPallet::decide_appeal(RuntimeOrigin::signed(TWO_THIRDS), id, true),
			Error::<Test>::NotAppealed
		);
	});
}

#[test]
fn an_appeal_comes_before_the_appeal_period_ends() {
	build_and_execute(|| {
		let id = decided(true);
		run_to_block(EPOCH + APPEAL);
		assert_noop!(
			DisputesPallet::appeal(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::NotDecided
		);
	});
}

#[test]
fn an_appellant_must_hold_twice_the_bond() {
	build_and_execute(|| {
		assert_ok!(DisputesPallet::set_params(
			RuntimeOrigin::root(),
			DisputeParams {
				bond: 6_000,
				..DefaultParams::get()
			}
		));
		let id = decided(true);
		// OWNER has 11,000 (a hold may cover the frozen reward), not twice 6,000.
		assert_noop!(
			DisputesPallet::appeal(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::InsufficientBond
		);
	});
}
