//! `withdraw` and expiry in `on_initialize`.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

use super::*;

#[test]
fn owner_withdraws_pending_contribution() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			id
		));
		assert_eq!(status(id), ContributionStatus::Withdrawn);
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(ByHash::<Test>::get([1; 32]), None);
		assert_eq!(Owners::<Test>::get(ALICE).pending, 0);
		System::assert_last_event(
			Event::ContributionWithdrawn {
				id,
				owner: ALICE,
				slashed: 0,
			}
			.into(),
		);
	});
}

#[test]
fn only_the_owner_may_withdraw() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		assert_noop!(
			ContributionsPallet::withdraw(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			ContributionsPallet::withdraw(RuntimeOrigin::root(), id),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ContributionsPallet::withdraw(RuntimeOrigin::none(), id),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn withdraw_unknown_or_decided_fails() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			ContributionsPallet::withdraw(RuntimeOrigin::signed(ALICE), 3),
			Error::<Test>::UnknownContribution
		);
		let id = submit_dataset(ALICE, 1);
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			id
		));
		assert_noop!(
			ContributionsPallet::withdraw(RuntimeOrigin::signed(ALICE), id),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn pending_contribution_expires_after_deadline_with_deposit_back() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		run_to_block(1 + PERIOD);
		assert_eq!(status(id), ContributionStatus::Pending);
		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(id), ContributionStatus::Expired);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(ByHash::<Test>::get([1; 32]), None);
		System::assert_has_event(Event::ContributionExpired { id, owner: ALICE }.into());
		assert_eq!(ExpiryCursor::<Test>::get(), 1);
	});
}

#[test]
fn expiry_is_bounded_per_block_and_resumes() {
	ExtBuilder::build_and_execute(|| {
		for (who, seed) in [(ALICE, 1), (ALICE, 2), (BOB, 3), (BOB, 4), (CHARLIE, 5)] {
			submit_dataset(who, seed);
		}
		System::set_block_number(1 + PERIOD);
		// MaxExpiriesPerBlock is 2 in the mock.
		run_to_block(1 + PERIOD + 1);
		let expired = |n| {
			(0..5)
				.filter(|id| status(*id) == ContributionStatus::Expired)
				.count() == n
		};
		assert!(expired(2));
		run_to_block(1 + PERIOD + 2);
		assert!(expired(4));
		run_to_block(1 + PERIOD + 3);
		assert!(expired(5));
		assert_eq!(ExpiryCursor::<Test>::get(), 5);
	});
}

#[test]
fn decided_contributions_are_skipped_by_expiry() {
	ExtBuilder::build_and_execute(|| {
		let a = submit_dataset(ALICE, 1);
		let b = submit_dataset(BOB, 2);
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			a
		));
		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(a), ContributionStatus::Withdrawn);
		assert_eq!(status(b), ContributionStatus::Expired);
	});
}

#[test]
fn expiry_stops_at_the_first_contribution_still_in_its_period() {
	ExtBuilder::build_and_execute(|| {
		let early = submit_dataset(ALICE, 1);
		run_to_block(5);
		let late = submit_dataset(BOB, 2);
		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(early), ContributionStatus::Expired);
		assert_eq!(status(late), ContributionStatus::Pending);
		assert_eq!(ExpiryCursor::<Test>::get(), late);
		run_to_block(5 + PERIOD + 1);
		assert_eq!(status(late), ContributionStatus::Expired);
	});
}

#[test]
fn withdrawing_after_a_negative_attestation_slashes_like_a_rejection() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		let deposit = standard_deposit();
		// One verifier found the bytes wrong; Alice tries to take her deposit back.
		assert_ok!(ContributionsPallet::attest(
			RuntimeOrigin::signed(V1),
			id,
			Verdict::HashMismatch
		));
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			id
		));
		assert_eq!(status(id), ContributionStatus::Withdrawn);
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), INITIAL_BALANCE - deposit);
		assert_eq!(free(POT), INITIAL_BALANCE + deposit);
		assert_eq!(Owners::<Test>::get(ALICE).pending, 0);
		assert_eq!(ByHash::<Test>::get([1; 32]), None);
		System::assert_last_event(
			Event::ContributionWithdrawn {
				id,
				owner: ALICE,
				slashed: deposit,
			}
			.into(),
		);
	});
}

#[test]
fn withdrawing_after_only_valid_attestations_returns_the_deposit() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		assert_ok!(ContributionsPallet::attest(
			RuntimeOrigin::signed(V1),
			id,
			Verdict::Valid { score: 50 }
		));
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			id
		));
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(Owners::<Test>::get(ALICE).pending, 0);
	});
}
