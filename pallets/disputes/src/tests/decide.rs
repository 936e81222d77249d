//! The council's decision, the deadline that stands in for it, and what closing does.

use frame_support::{assert_noop, assert_ok};
use pallet_contributions::ContributionStatus;
use sp_runtime::DispatchError;

use super::*;

#[test]
fn an_upheld_dispute_revokes_returns_the_frozen_reward_and_pays_the_challenger() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		let pot_before = total(pot());
		let id = challenge();
		assert_ok!(DisputesPallet::decide(
			RuntimeOrigin::signed(COUNCIL),
			id,
			true
		));
		let appeal_until = EPOCH + APPEAL;
		assert_eq!(
			stage(id),
			Stage::Decided {
				upheld: true,
				appeal_until
			}
		);
		System::assert_last_event(
			Event::DisputeDecided {
				id,
				upheld: true,
				undecided: false,
				appeal_until,
			}
			.into(),
		);
		// Nothing moves until the decision is final.
		assert_eq!(
			status(CONTRIBUTION),
			ContributionStatus::Verified { score: 1 }
		);
		assert_eq!(frozen(OWNER), 1_000);

		run_to_block(appeal_until);
		assert_eq!(
			stage(id),
			Stage::Closed {
				upheld: true,
				at: appeal_until
			}
		);
		assert_eq!(status(CONTRIBUTION), ContributionStatus::Revoked);
		// The frozen reward went back to the pot, a tenth of it on to the challenger, whose
		// bond is released.
		assert_eq!(total(OWNER), INITIAL_BALANCE);
		assert_eq!(frozen(OWNER), 0);
		assert_eq!(bonded(CHALLENGER), 0);
		assert_eq!(total(CHALLENGER), INITIAL_BALANCE + 100);
		assert_eq!(total(pot()), pot_before + 1_000 - 100);
		System::assert_last_event(
			Event::DisputeUpheld {
				id,
				contribution: CONTRIBUTION,
				settlement: Settlement {
					returned: 1_000,
					debt: 0,
					bounty: 100,
					to_winner: 0,
					to_pot: 0,
				},
			}
			.into(),
		);
		assert_eq!(OpenDisputeOf::<Test>::get(CONTRIBUTION), None);
		// Its reward never vests, and it cannot be disputed again.
		run_to_block(EPOCH + WINDOW + 1);
		assert_eq!(total(OWNER), INITIAL_BALANCE);
		assert_noop!(
			DisputesPallet::open_dispute(
				RuntimeOrigin::signed(CHARLIE),
				CONTRIBUTION,
				DisputeReason::Duplicate,
				EVIDENCE
			),
			Error::<Test>::NotVerified
		);
	});
}

#[test]
fn a_dismissed_dispute_splits_the_bond_and_the_reward_vests() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		let pot_before = total(pot());
		let id = challenge();
		assert_ok!(DisputesPallet::answer(
			RuntimeOrigin::signed(OWNER),
			id,
			[9; 32]
		));
		assert_ok!(DisputesPallet::decide(
			RuntimeOrigin::signed(COUNCIL),
			id,
			false
		));
		run_to_block(EPOCH + APPEAL);
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
		assert_eq!(total(CHALLENGER), INITIAL_BALANCE - BOND);
		assert_eq!(total(OWNER), INITIAL_BALANCE + 1_000 + BOND / 2);
		assert_eq!(total(pot()), pot_before + BOND / 2);
		System::assert_last_event(
			Event::DisputeDismissed {
				id,
				contribution: CONTRIBUTION,
				settlement: Settlement {
					returned: 0,
					debt: 0,
					bounty: 0,
					to_winner: BOND / 2,
					to_pot: BOND / 2,
				},
			}
			.into(),
		);
		// Still in its window: it vests on time.
		assert_eq!(frozen(OWNER), 1_000);
		run_to_block(EPOCH + WINDOW);
		assert_eq!(frozen(OWNER), 0);
	});
}

#[test]
fn a_dispute_that_outlives_the_window_holds_the_reward_until_it_is_dismissed() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		run_to_block(EPOCH + WINDOW - 2);
		let id = challenge();
		run_to_block(EPOCH + WINDOW + 1);
		assert_eq!(frozen(OWNER), 1_000);
		assert_ok!(DisputesPallet::decide(
			RuntimeOrigin::signed(COUNCIL),
			id,
			false
		));
		run_to_block(EPOCH + WINDOW + 1 + APPEAL);
		assert_eq!(frozen(OWNER), 0);
	});
}

#[test]
fn an_undecided_dispute_is_dismissed_at_its_deadline_and_may_be_appealed() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		let id = challenge();
		let deadline = EPOCH + DECISION;
		run_to_block(deadline);
		let appeal_until = deadline + APPEAL;
		assert_eq!(
			stage(id),
			Stage::Decided {
				upheld: false,
				appeal_until
			}
		);
		assert!(dispute_events().contains(&Event::DisputeDecided {
			id,
			upheld: false,
			undecided: true,
			appeal_until
		}));
		assert_noop!(
			DisputesPallet::decide(RuntimeOrigin::signed(COUNCIL), id, true),
			Error::<Test>::NotOpen
		);
		run_to_block(appeal_until);
		assert_eq!(
			stage(id),
			Stage::Closed {
				upheld: false,
				at: appeal_until
			}
		);
	});
}

#[test]
fn with_no_appeal_period_a_decision_is_final_at_once() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		assert_ok!(DisputesPallet::set_params(
			RuntimeOrigin::root(),
			DisputeParams {
				appeal_period: 0,
				..DefaultParams::get()
			}
		));
		let id = challenge();
		assert_ok!(DisputesPallet::decide(
			RuntimeOrigin::signed(COUNCIL),
			id,
			true
		));
		assert_eq!(
			stage(id),
			Stage::Closed {
				upheld: true,
				at: EPOCH
			}
		);
		assert_eq!(status(CONTRIBUTION), ContributionStatus::Revoked);
	});
}

#[test]
fn a_takedown_after_vesting_takes_down_and_leaves_a_debt() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		run_to_block(EPOCH + WINDOW);
		let id = NextDisputeId::<Test>::get();
		assert_ok!(DisputesPallet::open_dispute(
			RuntimeOrigin::signed(CHALLENGER),
			CONTRIBUTION,
			DisputeReason::Takedown,
			EVIDENCE
		));
		assert_ok!(DisputesPallet::decide(
			RuntimeOrigin::signed(COUNCIL),
			id,
			true
		));
		run_to_block(EPOCH + WINDOW + APPEAL);
		assert_eq!(status(CONTRIBUTION), ContributionStatus::TakenDown);
		assert_eq!(pallet_rewards::Debts::<Test>::get(OWNER), 1_000);
		// Nothing returned to the pot, so no bounty; the bond comes back.
		assert_eq!(total(CHALLENGER), INITIAL_BALANCE);
		// OWNER's next reward pays the debt.
		let next = System::block_number() + EPOCH;
		verified(1, OWNER, 500);
		run_to_block(next - next % EPOCH);
		assert_eq!(pallet_rewards::Debts::<Test>::get(OWNER), 0);
		assert_eq!(total(OWNER), INITIAL_BALANCE + 1_000);
	});
}

#[test]
fn only_the_council_decides_and_only_open_disputes() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		let id = challenge();
		for origin in [
			RuntimeOrigin::signed(CHARLIE),
			RuntimeOrigin::signed(OWNER),
			RuntimeOrigin::root(),
			RuntimeOrigin::none(),
		] {
			assert_noop!(
				DisputesPallet::decide(origin, id, true),
				DispatchError::BadOrigin
			);
		}
		assert_noop!(
			DisputesPallet::decide(RuntimeOrigin::signed(COUNCIL), 77, true),
			Error::<Test>::UnknownDispute
		);
		assert_ok!(DisputesPallet::decide(
			RuntimeOrigin::signed(COUNCIL),
			id,
			true
		));
		assert_noop!(
			DisputesPallet::decide(RuntimeOrigin::signed(COUNCIL), id, false),
			Error::<Test>::NotOpen
		);
	});
}

#[test]
fn a_decision_with_no_room_for_its_appeal_deadline_changes_nothing() {
	build_and_execute(|| {
		owner_earns_the_first_epoch();
		let id = challenge();
		// Every block the appeal deadline could take is full.
		let full: frame_support::BoundedVec<DisputeId, _> =
			frame_support::BoundedVec::truncate_from(vec![900; MAX_DEADLINES as usize]);
		for offset in 0..u64::from(DEADLINE_PROBES) {
			Deadlines::<Test>::insert(EPOCH + APPEAL + offset, full.clone());
		}
		assert_noop!(
			DisputesPallet::decide(RuntimeOrigin::signed(COUNCIL), id, true),
			Error::<Test>::DeadlinesFull
		);
		assert_eq!(
			stage(id),
			Stage::Open {
				deadline: EPOCH + DECISION
			}
		);
		// Clear the filler so the invariants hold for the dispute that is left.
		for offset in 0..u64::from(DEADLINE_PROBES) {
			Deadlines::<Test>::remove(EPOCH + APPEAL + offset);
		}
		Deadlines::<Test>::insert(
			EPOCH + DECISION,
			frame_support::BoundedVec::truncate_from(vec![id]),
		);
	});
}
