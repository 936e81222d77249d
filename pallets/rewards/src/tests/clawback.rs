//! Disputes' hold on vesting, and clawback: unvested rewards back to the pot, vested ones a
//! debt recovered from later rewards and bonuses.

use frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectFreeze},
};
use pallet_contributions::ContributionKind::Dataset;

use super::*;
use crate::{Event, *};

type Ledger = RewardsPallet;

fn frozen(who: AccountId) -> Balance {
	Balances::balance_frozen(
		&RuntimeFreezeReason::RewardsPallet(FreezeReason::UnvestedReward),
		&who,
	)
}

fn hold(id: pallet_contributions::ContributionId) {
	Held::mutate(|held| {
		held.insert(id);
	});
}

fn unhold(id: pallet_contributions::ContributionId) {
	Held::mutate(|held| {
		held.remove(&id);
	});
}

/// BOB's contribution 0, alone in the first epoch: 1,000 credited and frozen at `EPOCH`.
fn bob_earns_the_first_epoch() {
	verified(0, BOB, Dataset, 200, 10);
	run_to_block(EPOCH);
	assert_eq!(frozen(BOB), 1_000);
}

#[test]
fn a_held_reward_stays_frozen_past_its_block_and_vests_when_released() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		hold(0);
		run_to_block(EPOCH + WINDOW + 3);
		assert_eq!(frozen(BOB), 1_000);
		assert!(Unvested::<Test>::contains_key(BOB, 0));
		assert!(Ledger::in_challenge_window(&BOB, 0));

		unhold(0);
		Ledger::release(&BOB, 0);
		assert_eq!(frozen(BOB), 0);
		assert_eq!(AccountRewardsOf::<Test>::get(BOB).unvested, 0);
		assert!(reward_events().contains(&Event::RewardVested {
			id: 0,
			owner: BOB,
			amount: 1_000
		}));
		assert!(!Ledger::in_challenge_window(&BOB, 0));
	});
}

#[test]
fn a_reward_released_before_its_block_vests_on_time() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		hold(0);
		run_to_block(EPOCH + 5);
		unhold(0);
		Ledger::release(&BOB, 0);
		assert_eq!(frozen(BOB), 1_000);
		run_to_block(EPOCH + WINDOW);
		assert_eq!(frozen(BOB), 0);
	});
}

#[test]
fn clawback_returns_an_unvested_reward_to_the_pot() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		let pot_before = Balances::balance(&pot());
		run_to_block(EPOCH + 5);
		let clawed = Ledger::claw_back(&BOB, 0);
		assert_eq!(
			clawed,
			ClawBack {
				returned: 1_000,
				debt: 0
			}
		);
		assert_eq!(free(BOB), INITIAL_BALANCE);
		assert_eq!(frozen(BOB), 0);
		assert_eq!(Balances::balance(&pot()), pot_before + 1_000);
		assert_eq!(Unvested::<Test>::get(BOB, 0), None);
		assert_eq!(AccountRewardsOf::<Test>::get(BOB).unvested, 0);
		assert_eq!(Debts::<Test>::get(BOB), 0);
		assert_eq!(ClawedBack::<Test>::get(0), Some(clawed));
		assert!(reward_events().contains(&Event::RewardClawedBack {
			id: 0,
			owner: BOB,
			returned: 1_000,
			debt: 0
		}));
		// Its queue entry finds nothing to vest.
		run_to_block(EPOCH + WINDOW);
		assert_eq!(free(BOB), INITIAL_BALANCE);
	});
}

#[test]
fn a_vested_reward_becomes_a_debt_recovered_from_later_rewards() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		run_to_block(EPOCH + WINDOW);
		assert_eq!(frozen(BOB), 0);
		assert_eq!(
			Ledger::claw_back(&BOB, 0),
			ClawBack {
				returned: 0,
				debt: 1_000
			}
		);
		assert_eq!(Debts::<Test>::get(BOB), 1_000);
		// BOB keeps what had vested, but his next rewards pay the debt first: his 600 share
		// of the next epoch goes to the debt, none to him; ALICE's 400 is hers.
		let epoch_end = (EPOCH + WINDOW).div_ceil(EPOCH) * EPOCH + EPOCH;
		verified(1, BOB, Dataset, 160, 10); // weight 600 of 1,000
		verified(2, ALICE, Dataset, 140, 10); // weight 400
		run_to_block(epoch_end);
		assert!(reward_events().contains(&Event::DebtRecovered {
			id: 1,
			owner: BOB,
			amount: 600,
			left: 400
		}));
		assert_eq!(Debts::<Test>::get(BOB), 400);
		assert_eq!(ContributionRewards::<Test>::get(2).reward, 400);
		// Nothing of it was credited to BOB: his ledger and balance are as before.
		let bob = AccountRewardsOf::<Test>::get(BOB);
		assert_eq!((bob.earned, bob.unvested), (1_000, 0));
		assert_eq!(ContributionRewards::<Test>::get(1).reward, 0);
		assert_eq!(free(BOB), INITIAL_BALANCE + 1_000);
	});
}

#[test]
fn a_bonus_pays_a_debt_first() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		run_to_block(EPOCH + WINDOW);
		Ledger::claw_back(&BOB, 0);
		Verified::mutate(|v| {
			v.insert(7, BOB);
		});
		let pot_before = Balances::balance(&pot());
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			7,
			300,
			[0; 32]
		));
		assert_eq!(Debts::<Test>::get(BOB), 700);
		assert_eq!(Balances::balance(&pot()), pot_before);
		assert_eq!(ContributionRewards::<Test>::get(7).bonus, 0);
		assert!(reward_events().contains(&Event::DebtRecovered {
			id: 7,
			owner: BOB,
			amount: 300,
			left: 700
		}));
		// A bonus larger than the debt pays the rest to BOB, frozen as usual.
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			7,
			BONUS_CAP - 300,
			[1; 32]
		));
		assert_eq!(Debts::<Test>::get(BOB), 700 - (BONUS_CAP - 300));
	});
}

#[test]
fn clawback_drops_a_reward_its_epoch_has_not_credited() {
	ExtBuilder::default().build_and_execute(|| {
		verified(0, BOB, Dataset, 200, 10);
		verified(1, ALICE, Dataset, 200, 10);
		assert!(Ledger::in_challenge_window(&BOB, 0));
		assert_eq!(
			Ledger::claw_back(&BOB, 0),
			ClawBack {
				returned: 0,
				debt: 0
			}
		);
		assert!(!Ledger::in_challenge_window(&BOB, 0));
		run_to_block(EPOCH);
		// ALICE alone shares the epoch.
		assert_eq!(ContributionRewards::<Test>::get(1).reward, 1_000);
		assert_eq!(AccountRewardsOf::<Test>::get(BOB).earned, 0);
	});
}

#[test]
fn clawback_during_a_payout_leaves_the_share_in_the_pot() {
	ExtBuilder::default().build_and_execute(|| {
		// Three entries, two credited per block: the third waits a block.
		verified(0, ALICE, Dataset, 200, 10);
		verified(1, BOB, Dataset, 200, 10);
		verified(2, CHARLIE, Dataset, 200, 10);
		run_to_block(EPOCH);
		let waiting = (0..3)
			.find(|id| ContributionRewards::<Test>::get(id).epoch.is_none())
			.unwrap();
		let owner = [ALICE, BOB, CHARLIE][waiting as usize];
		Ledger::claw_back(&owner, waiting);
		run_to_block(EPOCH + 1);
		assert!(Closing::<Test>::get().is_none());
		assert!(reward_events().contains(&Event::EpochClosed {
			epoch: 0,
			budget: 1_000,
			total_weight: 3_000,
			paid: 666,
			dust: 334,
		}));
	});
}

#[test]
fn clawback_of_a_reward_never_transferred_takes_it_off_the_ledger() {
	ExtBuilder::default().budget(5).build_and_execute(|| {
		// 5 is below the existential deposit: the newcomer's reward stays pending.
		verified(0, NEWCOMER, Dataset, 200, 10);
		run_to_block(EPOCH);
		assert_eq!(RewardsPallet::pending_of(&NEWCOMER), 5);
		assert_eq!(
			Ledger::claw_back(&NEWCOMER, 0),
			ClawBack {
				returned: 5,
				debt: 0
			}
		);
		assert_eq!(RewardsPallet::pending_of(&NEWCOMER), 0);
		assert_eq!(Totals::<Test>::get().credited, 0);
	});
}

#[test]
fn a_bounty_is_paid_from_the_pot_up_to_what_it_can_commit() {
	ExtBuilder::default().pot(2_000).build_and_execute(|| {
		assert_eq!(Ledger::pay_from_pot(&ALICE, 300), 300);
		assert_eq!(free(ALICE), INITIAL_BALANCE + 300);
		let available = RewardsPallet::pot_available();
		assert_eq!(Ledger::pay_from_pot(&ALICE, available + 1_000), available);
		assert_eq!(Ledger::pay_from_pot(&ALICE, 1), 0);
	});
}
