//! `withdraw` and expiry in `on_initialize`.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

use super::*;

#[test]
fn owner_withdraws_pending_contribution() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
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
		let id = submit_fine_tune(ALICE, 1);
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
		let id = submit_fine_tune(ALICE, 1);
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
		let id = submit_fine_tune(ALICE, 1);
		run_to_block(1 + PERIOD);
		assert_eq!(status(id), ContributionStatus::Pending);
		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(id), ContributionStatus::Expired);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(ByHash::<Test>::get([1; 32]), None);
		System::assert_has_event(Event::ContributionExpired { id, owner: ALICE }.into());
		assert_eq!(Expiring::<Test>::iter().count(), 0);
		assert_eq!(NextExpiryDeadline::<Test>::get(), 1 + PERIOD + 1);
	});
}

#[test]
fn expiry_is_bounded_per_block_and_resumes() {
	ExtBuilder::build_and_execute(|| {
		for (who, seed) in [(ALICE, 1), (ALICE, 2), (BOB, 3), (BOB, 4), (CHARLIE, 5)] {
			submit_fine_tune(who, seed);
		}
		// Expiry has caught up with every deadline before this one.
		NextExpiryDeadline::<Test>::put(1 + PERIOD);
		System::set_block_number(1 + PERIOD);
		// MaxExpiriesPerBlock is 2 in the mock: the rest of the list is written back.
		run_to_block(1 + PERIOD + 1);
		let expired = |n| {
			(0..5)
				.filter(|id| status(*id) == ContributionStatus::Expired)
				.count() == n
		};
		assert!(expired(2));
		assert_eq!(listed(1 + PERIOD), vec![2, 3, 4]);
		assert_eq!(NextExpiryDeadline::<Test>::get(), 1 + PERIOD);
		run_to_block(1 + PERIOD + 2);
		assert!(expired(4));
		run_to_block(1 + PERIOD + 3);
		assert!(expired(5));
		assert_eq!(Expiring::<Test>::iter().count(), 0);
	});
}

#[test]
fn decided_contributions_are_skipped_by_expiry() {
	ExtBuilder::build_and_execute(|| {
		let a = submit_fine_tune(ALICE, 1);
		let b = submit_fine_tune(BOB, 2);
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
fn a_contribution_still_in_its_period_waits_while_earlier_deadlines_expire() {
	ExtBuilder::build_and_execute(|| {
		let early = submit_fine_tune(ALICE, 1);
		run_to_block(5);
		let late = submit_fine_tune(BOB, 2);
		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(early), ContributionStatus::Expired);
		assert_eq!(status(late), ContributionStatus::Pending);
		run_to_block(5 + PERIOD);
		assert_eq!(status(late), ContributionStatus::Pending);
		run_to_block(5 + PERIOD + 1);
		assert_eq!(status(late), ContributionStatus::Expired);
	});
}

/// The attack: with expiry walking ids and stopping at the first pending contribution not
/// yet due, a shortened period left later contributions pending (their deposits held and
/// their roots taken) past their deadline, until every older one had expired.
#[test]
fn a_shortened_period_strands_no_contribution_past_its_deadline() {
	ExtBuilder::build_and_execute(|| {
		let long = submit_fine_tune(ALICE, 1);
		change_parameters(|p| p.verification_period = 2);
		let short = submit_fine_tune(BOB, 2);
		assert_eq!(deadline(short), 3);
		run_to_block(4);
		assert_eq!(status(short), ContributionStatus::Expired);
		assert_eq!(held(BOB), 0);
		assert_eq!(ByHash::<Test>::get([2; 32]), None);
		assert_eq!(status(long), ContributionStatus::Pending);
		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(long), ContributionStatus::Expired);
	});
}

#[test]
fn expiry_catches_up_on_deadlines_a_few_per_block() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		// Expiry fell behind: the deadline is six blocks past; each empty deadline it looks
		// at counts against MaxExpiryChecksPerBlock (4 in the mock).
		NextExpiryDeadline::<Test>::put(1 + PERIOD - 6);
		System::set_block_number(1 + PERIOD + 2);
		run_to_block(1 + PERIOD + 3);
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_eq!(NextExpiryDeadline::<Test>::get(), 1 + PERIOD - 2);
		run_to_block(1 + PERIOD + 4);
		assert_eq!(status(id), ContributionStatus::Expired);
	});
}

/// The budgets: skipping a decided entry costs a read, expiring one several writes, so a
/// block skips more entries (`MaxExpiryChecksPerBlock`, 4 in the mock) than it expires
/// (`MaxExpiriesPerBlock`, 2).
#[test]
fn a_block_skips_more_decided_entries_than_it_expires() {
	ExtBuilder::build_and_execute(|| {
		let mut ids = Vec::new();
		for (seed, who) in (11..).zip([ALICE, ALICE, ALICE, BOB, BOB, BOB]) {
			ids.push(submit_fine_tune(who, seed));
		}
		for id in &ids[..3] {
			assert_ok!(ContributionsPallet::withdraw(
				RuntimeOrigin::signed(ALICE),
				*id
			));
		}
		run_to_block(1 + PERIOD + 1);
		// Three skipped and one expired: four checks.
		assert_eq!(status(ids[3]), ContributionStatus::Expired);
		assert_eq!(status(ids[4]), ContributionStatus::Pending);
		assert_eq!(listed(1 + PERIOD), ids[4..].to_vec());
		run_to_block(1 + PERIOD + 2);
		assert!(ids[3..]
			.iter()
			.all(|id| status(*id) == ContributionStatus::Expired));
		assert_eq!(Expiring::<Test>::iter().count(), 0);
	});
}

/// A decision leaves its entry in the deadline's list, which would cost a read and a write
/// of the whole list to change: expiry skips it at the deadline, touching neither status
/// nor balances, and then drops the list.
#[test]
fn decided_contributions_stay_listed_until_their_deadline_and_expiry_skips_them() {
	ExtBuilder::build_and_execute(|| {
		let withdrawn = submit_fine_tune(ALICE, 1);
		let verified = submit_fine_tune(BOB, 2);
		let pending = submit_fine_tune(CHARLIE, 3);
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			withdrawn
		));
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			verified,
			Decision::Verified { score: 80 }
		));
		assert_eq!(listed(1 + PERIOD), vec![withdrawn, verified, pending]);
		let balances = (free(ALICE), free(BOB), held(ALICE), held(BOB));

		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(withdrawn), ContributionStatus::Withdrawn);
		assert_eq!(status(verified), ContributionStatus::Verified { score: 80 });
		assert_eq!(status(pending), ContributionStatus::Expired);
		assert_eq!((free(ALICE), free(BOB), held(ALICE), held(BOB)), balances);
		let expired: Vec<ContributionId> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::ContributionsPallet(Event::ContributionExpired { id, .. }) => {
					Some(id)
				}
				_ => None,
			})
			.collect();
		assert_eq!(expired, vec![pending]);
		assert_eq!(Expiring::<Test>::iter().count(), 0);
	});
}

/// The rule: one deadline lists at most `MaxSubmissionsPerDeadline` (7 in the mock), so
/// its list stays bounded. The honest path: a submission refused for it succeeds a block
/// later, under the next deadline.
#[test]
fn a_full_deadline_refuses_submissions_until_the_next_block() {
	ExtBuilder::build_and_execute(|| {
		for (seed, who) in (11..).zip([ALICE, ALICE, ALICE, BOB, BOB, BOB, CHARLIE]) {
			submit_fine_tune(who, seed);
		}
		assert_eq!(listed(1 + PERIOD).len(), 7);
		assert_noop!(
			ContributionsPallet::submit(
				RuntimeOrigin::signed(CHARLIE),
				ContributionKind::Dataset,
				[8; 32],
				100,
				URI.to_vec(),
				LICENSE.to_vec(),
				CONSENT,
				None,
			),
			Error::<Test>::DeadlineFull
		);
		run_to_block(2);
		let id = submit_dataset(CHARLIE, 8);
		assert_eq!(deadline(id), 2 + PERIOD);
		assert_eq!(listed(2 + PERIOD), vec![id]);
	});
}

/// A shortened period makes a later block's submissions share a deadline with earlier
/// ones: they join its list, and the bound still holds.
#[test]
fn blocks_whose_deadlines_coincide_share_one_bounded_list() {
	ExtBuilder::build_and_execute(|| {
		let first = submit_fine_tune(ALICE, 1);
		run_to_block(2);
		change_parameters(|p| p.verification_period = PERIOD - 1);
		let second = submit_fine_tune(BOB, 2);
		assert_eq!(deadline(second), 1 + PERIOD);
		assert_eq!(listed(1 + PERIOD), vec![first, second]);
		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(first), ContributionStatus::Expired);
		assert_eq!(status(second), ContributionStatus::Expired);
	});
}

#[test]
fn withdrawing_after_a_negative_attestation_slashes_like_a_rejection() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_fine_tune(ALICE, 1);
		let deposit = standard_deposit();
		// One verifier found the bytes wrong; Alice tries to take her deposit back.
		assert_ok!(attest(V1, id, Verdict::HashMismatch));
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
		let id = submit_fine_tune(ALICE, 1);
		assert_ok!(attest(V1, id, Verdict::Valid { score: 50 }));
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			id
		));
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert_eq!(Owners::<Test>::get(ALICE).pending, 0);
	});
}

const FEE: Balance = 30;

fn charge_storage_fee() {
	change_parameters(|p| p.storage_fee = FEE);
}

/// The attack: submit and withdraw (or let expire) for the price of a transaction fee,
/// leaving a record the chain keeps for good. Every record now pays the storage fee.
#[test]
fn every_record_pays_the_storage_fee_when_it_leaves_the_pending_state() {
	ExtBuilder::build_and_execute(|| {
		charge_storage_fee();
		let pot_before = free(POT);
		let withdrawn = submit_fine_tune(ALICE, 1);
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			withdrawn
		));
		System::assert_has_event(
			Event::StorageFeePaid {
				id: withdrawn,
				owner: ALICE,
				amount: FEE,
			}
			.into(),
		);
		assert_eq!(free(ALICE), INITIAL_BALANCE - FEE);
		assert_eq!(held(ALICE), 0);

		let verified = submit_fine_tune(BOB, 2);
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			verified,
			Decision::Verified { score: 80 }
		));
		assert_eq!(free(BOB), INITIAL_BALANCE - FEE);

		let expired = submit_fine_tune(CHARLIE, 3);
		run_to_block(1 + PERIOD + 1);
		assert_eq!(status(expired), ContributionStatus::Expired);
		assert_eq!(free(CHARLIE), INITIAL_BALANCE - FEE);
		assert_eq!(free(POT), pot_before + 3 * FEE);
	});
}

#[test]
fn an_unavailable_contribution_pays_the_fee_besides_its_slash() {
	ExtBuilder::build_and_execute(|| {
		charge_storage_fee();
		let id = submit_fine_tune(ALICE, 1);
		let deposit = Contributions::<Test>::get(id).unwrap().deposit;
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			id,
			Decision::Unavailable
		));
		let slash = Perbill::from_percent(20).mul_floor(deposit);
		assert_eq!(free(ALICE), INITIAL_BALANCE - slash - FEE);
		assert_eq!(held(ALICE), 0);
	});
}

#[test]
fn a_rejection_takes_the_deposit_and_no_fee_on_top() {
	ExtBuilder::build_and_execute(|| {
		charge_storage_fee();
		let id = submit_fine_tune(ALICE, 1);
		let deposit = Contributions::<Test>::get(id).unwrap().deposit;
		assert_ok!(ContributionsPallet::force_decide(
			RuntimeOrigin::root(),
			id,
			Decision::Rejected
		));
		assert_eq!(free(ALICE), INITIAL_BALANCE - deposit);
		assert!(!System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::ContributionsPallet(Event::StorageFeePaid { .. })
		)));
	});
}

#[test]
fn a_storage_fee_above_the_deposit_base_is_refused() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			ContributionsPallet::set_parameters(
				RuntimeOrigin::root(),
				Parameters {
					storage_fee: DEPOSIT_BASE + 1,
					..DefaultParams::get()
				}
			),
			Error::<Test>::InvalidParameters
		);
	});
}

/// A deadline's list is kept in pages (of two in the mock), filled one after another; the
/// submission that opens a page says so, for the refund of the next ones on it.
#[test]
fn a_deadline_lists_its_contributions_page_after_page() {
	ExtBuilder::build_and_execute(|| {
		let ids: Vec<ContributionId> = [(ALICE, 11), (ALICE, 12), (BOB, 13)]
			.into_iter()
			.map(|(who, seed)| submit_fine_tune(who, seed))
			.collect();
		let deadline = 1 + PERIOD;
		assert_eq!(ExpiringCount::<Test>::get(deadline), 3);
		assert_eq!(
			Expiring::<Test>::get(deadline, 0).into_inner(),
			ids[..2].to_vec()
		);
		assert_eq!(
			Expiring::<Test>::get(deadline, 1).into_inner(),
			ids[2..].to_vec()
		);
		assert_eq!(
			ContributionsPallet::list_for_expiry(deadline, 99),
			Ok(false)
		);
		assert_eq!(
			ContributionsPallet::list_for_expiry(deadline, 100),
			Ok(true)
		);
		// Not real contributions: take them off again for the invariants.
		Expiring::<Test>::remove(deadline, 2);
		Expiring::<Test>::mutate(deadline, 1, |ids| ids.truncate(1));
		ExpiringCount::<Test>::insert(deadline, 3);

		// Expiry removes each page it finishes, and the count with the last.
		run_to_block(deadline + 1);
		assert!(!Expiring::<Test>::contains_key(deadline, 0));
		assert_eq!(
			Expiring::<Test>::get(deadline, 1).into_inner(),
			ids[2..].to_vec()
		);
		assert_eq!(NextExpiryPage::<Test>::get(), 1);
		run_to_block(deadline + 2);
		assert_eq!(Expiring::<Test>::iter().count(), 0);
		assert_eq!(ExpiringCount::<Test>::iter().count(), 0);
		assert_eq!(NextExpiryPage::<Test>::get(), 0);
	});
}
