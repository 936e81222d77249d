//! Epoch closing: pro-rata shares, dust, empty and underfunded epochs, bounded payouts.

use frame_support::{assert_noop, assert_ok};
use pallet_contributions::ContributionKind::{Dataset, FineTune};

use super::*;
use crate::{Event, *};

#[test]
fn epoch_shares_budget_pro_rata_and_keeps_dust_in_pot() {
	ExtBuilder::default().build_and_execute(|| {
		// Weights: 50×1×1000 = 50,000; 100×2×500 = 100,000; 100×1×300 = 30,000.
		verified(0, ALICE, Dataset, 1_100, 50);
		verified(1, BOB, FineTune { base: 0 }, 600, 100);
		verified(2, CHARLIE, Dataset, 400, 100);
		assert_eq!(EpochTallies::<Test>::get(0).total_weight, 180_000);

		run_to_block(EPOCH + 1);
		assert_eq!(free(ALICE), INITIAL_BALANCE + 277);
		assert_eq!(free(BOB), INITIAL_BALANCE + 555);
		assert_eq!(free(CHARLIE), INITIAL_BALANCE + 166);
		assert_eq!(free(pot()), POT_ENDOWMENT - 998);

		assert_eq!(ContributionRewards::<Test>::get(1).reward, 555);
		assert_eq!(ContributionRewards::<Test>::get(1).epoch, Some(0));
		let alice = AccountRewardsOf::<Test>::get(ALICE);
		assert_eq!((alice.earned, alice.paid), (277, 277));
		assert!(alice.last_paid_at.is_some());
		assert!(reward_events().contains(&Event::EpochClosed {
			epoch: 0,
			budget: 1_000,
			total_weight: 180_000,
			paid: 998,
			dust: 2,
		}));
		assert!(reward_events().contains(&Event::RewardCredited {
			id: 0,
			owner: ALICE,
			epoch: 0,
			amount: 277
		}));
		assert!(reward_events().contains(&Event::RewardPaid {
			who: BOB,
			amount: 555
		}));
		assert_eq!(Closing::<Test>::get(), None);
		assert_eq!(CurrentEpoch::<Test>::get().index, 1);
		assert_eq!(CurrentEpoch::<Test>::get().start, EPOCH);
	});
}

#[test]
fn payouts_are_bounded_per_block() {
	ExtBuilder::default().build_and_execute(|| {
		for id in 0..5 {
			verified(id, ALICE, Dataset, 200, 10);
		}
		run_to_block(EPOCH);
		// MaxPayoutsPerBlock is 2: the epoch closed this block and 2 of 5 were credited.
		assert_eq!(Closing::<Test>::get().map(|p| p.remaining), Some(3));
		assert_eq!(AccountRewardsOf::<Test>::get(ALICE).earned, 400);
		run_to_block(EPOCH + 1);
		assert_eq!(Closing::<Test>::get().map(|p| p.remaining), Some(1));
		run_to_block(EPOCH + 2);
		assert_eq!(Closing::<Test>::get(), None);
		assert_eq!(AccountRewardsOf::<Test>::get(ALICE).earned, 1_000);
		assert_eq!(free(ALICE), INITIAL_BALANCE + 1_000);
	});
}

#[test]
fn contributions_verified_while_closing_join_the_next_epoch() {
	ExtBuilder::default().build_and_execute(|| {
		for id in 0..3 {
			verified(id, ALICE, Dataset, 200, 10);
		}
		run_to_block(EPOCH);
		verified(9, BOB, Dataset, 200, 10);
		assert!(EpochEntries::<Test>::contains_key(1, 9));
		run_to_block(2 * EPOCH);
		assert_eq!(free(BOB), INITIAL_BALANCE + 1_000);
	});
}

#[test]
fn empty_epoch_pays_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		run_to_block(EPOCH);
		assert_eq!(free(pot()), POT_ENDOWMENT);
		assert!(reward_events().contains(&Event::EpochClosed {
			epoch: 0,
			budget: 1_000,
			total_weight: 0,
			paid: 0,
			dust: 0
		}));
		assert_eq!(Totals::<Test>::get().committed, 0);
	});
}

#[test]
fn contributions_of_zero_weight_close_with_nothing_paid() {
	ExtBuilder::default().build_and_execute(|| {
		// No larger than the per-submission cost: zero weight.
		verified(0, ALICE, Dataset, 100, 90);
		run_to_block(EPOCH);
		assert_eq!(free(ALICE), INITIAL_BALANCE);
		assert!(reward_events().contains(&Event::RewardCredited {
			id: 0,
			owner: ALICE,
			epoch: 0,
			amount: 0
		}));
	});
}

#[test]
fn underfunded_pot_pays_what_it_has_pro_rata() {
	ExtBuilder::default().pot(500).build_and_execute(|| {
		verified(0, ALICE, Dataset, 200, 10);
		verified(1, BOB, Dataset, 200, 30);
		run_to_block(EPOCH);
		// The pot keeps its existential deposit (10): 490 available for a 1,000 budget.
		assert!(reward_events().contains(&Event::EpochUnderfunded {
			epoch: 0,
			budget: 1_000,
			available: 490
		}));
		assert_eq!(free(ALICE), INITIAL_BALANCE + 122);
		assert_eq!(free(BOB), INITIAL_BALANCE + 367);
		assert_eq!(free(pot()), 500 - 489);
	});
}

#[test]
fn reward_below_existential_deposit_stays_pending_until_claimable() {
	ExtBuilder::default().budget(5).build_and_execute(|| {
		verified(0, NEWCOMER, Dataset, 200, 10);
		run_to_block(EPOCH);
		assert_eq!(free(NEWCOMER), 0);
		assert_eq!(RewardsPallet::pending_of(&NEWCOMER), 5);
		assert!(reward_events().contains(&Event::RewardPending {
			who: NEWCOMER,
			amount: 5
		}));
		assert_noop!(
			RewardsPallet::claim(RuntimeOrigin::signed(NEWCOMER)),
			Error::<Test>::TransferFailed
		);

		// A later reward lifts the total above the existential deposit: everything is paid.
		assert_ok!(RewardsPallet::set_budget(RuntimeOrigin::root(), 20));
		verified(1, NEWCOMER, Dataset, 200, 10);
		run_to_block(2 * EPOCH);
		assert_eq!(free(NEWCOMER), 25);
		assert_eq!(RewardsPallet::pending_of(&NEWCOMER), 0);
	});
}

#[test]
fn claim_pays_pending_rewards() {
	ExtBuilder::default().budget(5).build_and_execute(|| {
		verified(0, NEWCOMER, Dataset, 200, 10);
		run_to_block(EPOCH);
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(ALICE),
			NEWCOMER,
			100
		));
		assert_ok!(RewardsPallet::claim(RuntimeOrigin::signed(NEWCOMER)));
		assert_eq!(free(NEWCOMER), 105);
		assert!(reward_events().contains(&Event::RewardPaid {
			who: NEWCOMER,
			amount: 5,
		}));
	});
}

#[test]
fn claim_without_pending_rewards_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			RewardsPallet::claim(RuntimeOrigin::signed(ALICE)),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			RewardsPallet::claim(RuntimeOrigin::root()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

/// The bug: an epoch's total weight saturated at `u128::MAX` while its entries kept their
/// own weights, so their shares added up to more than the epoch pays.
#[test]
fn an_epoch_total_that_would_overflow_keeps_shares_within_the_budget() {
	ExtBuilder::default().build_and_execute(|| {
		let half = RewardWeight::MAX / 2 + 1;
		RewardsPallet::enter(0, 0, &ALICE, half);
		RewardsPallet::enter(0, 1, &BOB, half);
		RewardsPallet::enter(0, 2, &CHARLIE, half);
		let tally = EpochTallies::<Test>::get(0);
		assert_eq!(tally.total_weight, RewardWeight::MAX);
		assert_eq!(tally.entry_count, 3);
		// Bob's entry holds what was left; Charlie's holds nothing.
		assert_eq!(
			EpochEntries::<Test>::get(0, 1).map(|e| e.weight),
			Some(RewardWeight::MAX - half)
		);
		assert_eq!(EpochEntries::<Test>::get(0, 2).map(|e| e.weight), Some(0));
		assert_ok!(RewardsPallet::do_try_state());

		run_to_block(EPOCH + 1);
		let paid: Balance = [ALICE, BOB, CHARLIE]
			.iter()
			.map(|who| AccountRewardsOf::<Test>::get(who).earned)
			.sum();
		assert!(paid <= 1_000, "paid {paid} of a 1,000 budget");
		assert_eq!(free(CHARLIE), INITIAL_BALANCE);
	});
}
