//! Paying usage fees, the split up the lineage, claims and rounding.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, TokenError};

use super::*;

/// Base (contributions 1 and 3, a share each), a fine-tune of it (5 with three shares, 2
/// with one) and a fine-tune of that (6): three generations.
fn three_generations() -> (ReleaseId, ReleaseId, ReleaseId) {
	let base = release(&[], &[(1, 1), (3, 1)]);
	let tuned = release(&[base], &[(5, 3), (2, 1)]);
	let chat = release(&[tuned], &[(6, 1)]);
	(base, tuned, chat)
}

#[test]
fn a_fee_splits_to_the_unit_across_three_generations() {
	ExtBuilder::build_and_execute(|| {
		let (base, tuned, chat) = three_generations();
		let issuance = Balances::total_issuance();
		pay(chat, 1_000);
		// chat: 500 to holders, 300 to tuned, 200 to the pot.
		// tuned: of 300, 150 to holders, 90 to base, 60 to the pot.
		// base: of 90, 45 to holders and, without parents, 45 to the pot.
		assert_eq!(Models::claimable(chat, 6), 500);
		assert_eq!(Models::claimable(tuned, 5), 112); // 3/4 of 150, rounded down
		assert_eq!(Models::claimable(tuned, 2), 37); // 1/4 of 150, rounded down
		assert_eq!(Models::claimable(base, 1), 22);
		assert_eq!(Models::claimable(base, 3), 22);
		assert_eq!(free(PAYER), INITIAL_BALANCE - 1_000);
		assert_eq!(free(POT), INITIAL_BALANCE + 200 + 60 + 45);
		assert_eq!(held(), 500 + 150 + 45);
		// Usage payments move money; they never mint or burn it.
		assert_eq!(Balances::total_issuance(), issuance);
		let ledger = Ledgers::<Test>::get(tuned);
		assert_eq!(
			(
				ledger.received,
				ledger.to_holders,
				ledger.to_parents,
				ledger.to_pot
			),
			(300, 150, 90, 60)
		);
		System::assert_has_event(
			Event::UsagePaid {
				release: chat,
				payer: PAYER,
				amount: 1_000,
				memo: [7; 32],
			}
			.into(),
		);
		System::assert_has_event(
			Event::RevenueShared {
				release: base,
				received: 90,
				to_holders: 45,
				to_parents: 0,
				to_pot: 45,
				depth: 2,
			}
			.into(),
		);
	});
}

#[test]
fn each_owner_claims_exactly_what_accrued_and_nothing_twice() {
	ExtBuilder::build_and_execute(|| {
		let (base, tuned, chat) = three_generations();
		pay(chat, 1_000);
		// What the runtime API shows Charlie (contributions 5 and 6) before he claims.
		let claimable = Models::claimable_summary(&[5, 6]);
		assert_eq!(claimable.per_release, vec![(tuned, 5, 112), (chat, 6, 500)]);
		assert_eq!(claimable.total, 612);
		assert_ok!(Models::claim_revenue(
			RuntimeOrigin::signed(CHARLIE),
			chat,
			6
		));
		assert_ok!(Models::claim_revenue(
			RuntimeOrigin::signed(CHARLIE),
			tuned,
			5
		));
		assert_ok!(Models::claim_revenue(
			RuntimeOrigin::signed(ALICE),
			tuned,
			2
		));
		assert_ok!(Models::claim_revenue(RuntimeOrigin::signed(ALICE), base, 1));
		assert_ok!(Models::claim_revenue(RuntimeOrigin::signed(BOB), base, 3));
		assert_eq!(free(CHARLIE), INITIAL_BALANCE + 500 + 112);
		assert_eq!(free(ALICE), INITIAL_BALANCE + 37 + 22);
		assert_eq!(free(BOB), INITIAL_BALANCE + 22);
		System::assert_last_event(
			Event::RevenueClaimed {
				release: base,
				contribution: 3,
				owner: BOB,
				amount: 22,
			}
			.into(),
		);
		// What rounding left (1 of tuned's 150, 1 of base's 45) stays in the account.
		assert_eq!(held(), 2);
		assert_noop!(
			Models::claim_revenue(RuntimeOrigin::signed(BOB), base, 3),
			Error::<Test>::NothingToClaim
		);
		// Later revenue accrues on top of what was claimed.
		pay(base, 100);
		assert_eq!(Models::claimable(base, 3), 25);
	});
}

#[test]
fn only_the_owner_claims_and_only_an_ingredient() {
	ExtBuilder::build_and_execute(|| {
		let (base, _, chat) = three_generations();
		pay(chat, 1_000);
		// Attack: someone else claims Alice's share.
		assert_noop!(
			Models::claim_revenue(RuntimeOrigin::signed(BOB), base, 1),
			Error::<Test>::NotTheOwner
		);
		assert_noop!(
			Models::claim_revenue(RuntimeOrigin::signed(ALICE), base, 2),
			Error::<Test>::NotAnIngredient
		);
		// A contribution that is no longer verified (revoked) claims nothing.
		Verified::mutate(|v| v.remove(&1));
		assert_noop!(
			Models::claim_revenue(RuntimeOrigin::signed(ALICE), base, 1),
			Error::<Test>::NotTheOwner
		);
		assert_noop!(
			Models::claim_revenue(RuntimeOrigin::none(), base, 3),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_holder_in_two_releases_accrues_in_each() {
	ExtBuilder::build_and_execute(|| {
		let first = release(&[], &[(1, 1)]);
		let second = release(&[], &[(1, 1), (3, 1)]);
		pay(first, 100);
		pay(second, 100);
		assert_eq!(Models::claimable(first, 1), 50);
		assert_eq!(Models::claimable(second, 1), 25);
		assert_eq!(UsedBy::<Test>::get(1).to_vec(), vec![first, second]);
		assert_ok!(Models::claim_revenue(
			RuntimeOrigin::signed(ALICE),
			second,
			1
		));
		assert_eq!(Models::claimable(first, 1), 50);
	});
}

#[test]
fn rounding_dust_is_tracked_and_never_paid_out() {
	ExtBuilder::build_and_execute(|| {
		let three = release(&[], &[(1, 1), (3, 1), (5, 1)]);
		pay(three, 100);
		// 50 for three holders: 16 each; the per-share rounding leaves 1 of the 50.
		let ledger = Ledgers::<Test>::get(three);
		assert_eq!((ledger.to_holders, ledger.dust), (50, 1));
		for (who, c) in [(ALICE, 1), (BOB, 3), (CHARLIE, 5)] {
			assert_eq!(Models::claimable(three, c), 16);
			assert_ok!(Models::claim_revenue(RuntimeOrigin::signed(who), three, c));
		}
		assert_eq!(held(), 2);
		// Repeated small payments add up exactly: no claim ever exceeds what was credited.
		for _ in 0..7 {
			pay(three, 1);
		}
		assert_eq!(Models::claimable(three, 1), 0);
		pay(three, 3);
		assert!(Models::claimable(three, 1) <= 1);
	});
}

#[test]
fn a_diamond_lineage_pays_the_shared_ancestor_through_both_paths() {
	ExtBuilder::build_and_execute(|| {
		let root = release(&[], &[(1, 1)]);
		let left = release(&[root], &[(3, 1)]);
		let right = release(&[root], &[(5, 1)]);
		let merged = release(&[left, right], &[(6, 1)]);
		pay(merged, 1_000);
		// 300 to the parents, 150 each; each passes 45 to the root, which credits half of
		// each, rounded down, to its holder.
		assert_eq!(Ledgers::<Test>::get(root).received, 90);
		assert_eq!(Models::claimable(root, 1), 22 + 22);
		assert_eq!(Models::lineage(merged, 8), vec![left, right, root]);
		assert_eq!(Models::lineage(merged, 1), vec![left, right]);
	});
}

#[test]
fn hops_beyond_the_bound_go_to_the_pot() {
	ExtBuilder::build_and_execute(|| {
		// Six generations; a payment makes at most MAX_HOPS (4) parent hops.
		let mut chain = vec![release(&[], &[(1, 1)])];
		for contribution in 2..=6 {
			let parent = *chain.last().unwrap();
			chain.push(release(&[parent], &[(contribution, 1)]));
		}
		let youngest = *chain.last().unwrap();
		pay(youngest, 1_000_000);
		let reached: Vec<_> = chain
			.iter()
			.filter(|id| Ledgers::<Test>::get(**id).received > 0)
			.collect();
		assert_eq!(reached.len(), 1 + MAX_HOPS as usize);
		assert_eq!(Ledgers::<Test>::get(chain[0]).received, 0);
		// The last generation reached passes nothing on: its parents' part is the pot's.
		let last = Ledgers::<Test>::get(chain[1]);
		assert_eq!(last.to_parents, 0);
		assert_eq!(last.to_pot, last.received - last.to_holders);
	});
}

#[test]
fn bad_payments_change_nothing() {
	ExtBuilder::build_and_execute(|| {
		let base = release(&[], &[(1, 1)]);
		assert_noop!(
			Models::pay_usage(RuntimeOrigin::signed(PAYER), base, 0, [0; 32]),
			Error::<Test>::ZeroPayment
		);
		assert_noop!(
			Models::pay_usage(RuntimeOrigin::signed(PAYER), 9, 10, [0; 32]),
			Error::<Test>::UnknownRelease
		);
		assert_noop!(
			Models::pay_usage(RuntimeOrigin::signed(PAYER), base, INITIAL_BALANCE, [0; 32]),
			TokenError::NotExpendable
		);
		assert_noop!(
			Models::pay_usage(RuntimeOrigin::none(), base, 10, [0; 32]),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_payment_the_accumulator_cannot_hold_is_refused_and_changes_nothing() {
	ExtBuilder::build_and_execute(|| {
		let base = release(&[], &[(1, 1)]);
		// A release whose revenue per share is already at the top of its range.
		Ledgers::<Test>::mutate(base, |ledger| ledger.per_share = u128::MAX);
		assert_noop!(
			Models::pay_usage(RuntimeOrigin::signed(PAYER), base, 1_000, [0; 32]),
			Error::<Test>::PaymentTooLarge
		);
		Ledgers::<Test>::mutate(base, |ledger| ledger.per_share = 0);
	});
}
