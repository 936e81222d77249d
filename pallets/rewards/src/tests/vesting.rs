//! Vesting through the challenge window: rewards paid frozen, thawed when the window passes,
//! and what governance may change about it.

use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{InspectFreeze, MutateFreeze},
		tokens::Preservation,
	},
};
use pallet_contributions::ContributionKind::Dataset;

use super::*;
use crate::{Event, *};

/// What `who`'s balance has frozen for unvested rewards.
fn frozen(who: AccountId) -> Balance {
	Balances::balance_frozen(
		&RuntimeFreezeReason::RewardsPallet(FreezeReason::UnvestedReward),
		&who,
	)
}

/// BOB's only contribution, alone in the first epoch: credited the whole budget at block
/// `EPOCH`.
fn bob_earns_the_first_epoch() {
	verified(0, BOB, Dataset, 200, 10);
	run_to_block(EPOCH);
}

#[test]
fn a_reward_is_paid_frozen_and_thaws_when_its_window_passes() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		let vests_at = EPOCH + WINDOW;
		assert_eq!(free(BOB), INITIAL_BALANCE + 1_000);
		assert_eq!(frozen(BOB), 1_000);
		assert_eq!(AccountRewardsOf::<Test>::get(BOB).unvested, 1_000);
		assert_eq!(
			Unvested::<Test>::get(BOB, 0),
			Some(UnvestedReward {
				amount: 1_000,
				vests_at
			})
		);
		assert_eq!(
			RewardsPallet::vesting_schedule(&BOB),
			vec![(
				0,
				UnvestedReward {
					amount: 1_000,
					vests_at
				}
			)]
		);
		assert!(reward_events().contains(&Event::RewardFrozen {
			id: 0,
			owner: BOB,
			amount: 1_000,
			vests_at,
		}));

		run_to_block(vests_at - 1);
		assert_eq!(frozen(BOB), 1_000);

		run_to_block(vests_at);
		assert_eq!(frozen(BOB), 0);
		let bob = AccountRewardsOf::<Test>::get(BOB);
		assert_eq!((bob.earned, bob.paid, bob.unvested), (1_000, 1_000, 0));
		assert_eq!(Unvested::<Test>::get(BOB, 0), None);
		assert!(VestingQueue::<Test>::get(vests_at).is_empty());
		assert!(reward_events().contains(&Event::RewardVested {
			id: 0,
			owner: BOB,
			amount: 1_000,
		}));
		assert_ok!(
			<Balances as frame_support::traits::fungible::Mutate<_>>::transfer(
				&BOB,
				&ALICE,
				INITIAL_BALANCE + 1_000,
				Preservation::Expendable
			)
		);
	});
}

/// The attack: take the reward and move it away before anyone can challenge the
/// contribution.
#[test]
fn a_reward_in_its_window_cannot_be_moved_away() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		assert_noop!(
			Balances::transfer_allow_death(
				RuntimeOrigin::signed(BOB),
				CHARLIE,
				INITIAL_BALANCE + 1
			),
			sp_runtime::TokenError::Frozen
		);
		// What BOB had before stays his to spend.
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(BOB),
			CHARLIE,
			INITIAL_BALANCE
		));
		assert_eq!(free(BOB), 1_000);
		assert_eq!(frozen(BOB), 1_000);
	});
}

#[test]
fn rewards_of_several_contributions_vest_each_on_its_own_block() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		verified(1, BOB, Dataset, 200, 10);
		run_to_block(2 * EPOCH);
		assert_eq!(frozen(BOB), 2_000);
		run_to_block(EPOCH + WINDOW);
		assert_eq!(frozen(BOB), 1_000);
		assert_eq!(AccountRewardsOf::<Test>::get(BOB).unvested, 1_000);
		assert_eq!(RewardsPallet::vesting_schedule(&BOB).len(), 1);
		run_to_block(2 * EPOCH + WINDOW);
		assert_eq!(frozen(BOB), 0);
	});
}

#[test]
fn a_bonus_and_an_epoch_reward_of_one_contribution_vest_together_with_the_later() {
	ExtBuilder::default().build_and_execute(|| {
		verified(0, BOB, Dataset, 200, 10);
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			0,
			100,
			[1; 32]
		));
		run_to_block(EPOCH);
		assert_eq!(
			Unvested::<Test>::get(BOB, 0),
			Some(UnvestedReward {
				amount: 1_100,
				vests_at: EPOCH + WINDOW
			})
		);
		// The bonus's own block passes; it waits for the epoch reward's.
		run_to_block(1 + WINDOW);
		assert_eq!(frozen(BOB), 1_100);
		run_to_block(EPOCH + WINDOW);
		assert_eq!(frozen(BOB), 0);
	});
}

#[test]
fn governance_sets_the_window_of_later_rewards() {
	ExtBuilder::default().build_and_execute(|| {
		bob_earns_the_first_epoch();
		assert_ok!(RewardsPallet::set_challenge_window(
			RuntimeOrigin::root(),
			3
		));
		System::assert_last_event(Event::ChallengeWindowSet { window: 3 }.into());
		assert_eq!(ChallengeWindow::<Test>::get(), 3);
		verified(1, CHARLIE, Dataset, 200, 10);
		run_to_block(2 * EPOCH);
		assert_eq!(
			Unvested::<Test>::get(CHARLIE, 1).map(|u| u.vests_at),
			Some(2 * EPOCH + 3)
		);
		// BOB's reward keeps the window it was credited under.
		assert_eq!(
			Unvested::<Test>::get(BOB, 0).map(|u| u.vests_at),
			Some(EPOCH + WINDOW)
		);
		run_to_block(2 * EPOCH + 3);
		assert_eq!((frozen(CHARLIE), frozen(BOB)), (0, 1_000));
	});
}

#[test]
fn a_window_of_zero_pays_rewards_vested() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(RewardsPallet::set_challenge_window(
			RuntimeOrigin::root(),
			0
		));
		bob_earns_the_first_epoch();
		assert_eq!(free(BOB), INITIAL_BALANCE + 1_000);
		assert_eq!(frozen(BOB), 0);
		assert_eq!(AccountRewardsOf::<Test>::get(BOB).unvested, 0);
		assert!(RewardsPallet::vesting_schedule(&BOB).is_empty());
		assert!(!reward_events()
			.iter()
			.any(|e| matches!(e, Event::RewardFrozen { .. })));
	});
}

#[test]
fn only_governance_sets_the_window_and_never_beyond_the_maximum() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			RewardsPallet::set_challenge_window(RuntimeOrigin::signed(BOB), 1),
			sp_runtime::DispatchError::BadOrigin
		);
		// A council that freezes rewards for ever.
		assert_noop!(
			RewardsPallet::set_challenge_window(RuntimeOrigin::root(), MAX_WINDOW + 1),
			Error::<Test>::ChallengeWindowTooLong
		);
		assert_ok!(RewardsPallet::set_challenge_window(
			RuntimeOrigin::root(),
			MAX_WINDOW
		));
	});
}

#[test]
fn a_full_vesting_block_sends_rewards_to_the_next_one_and_refuses_a_bonus_past_the_probes() {
	ExtBuilder::default().build_and_execute(|| {
		// MaxPayoutsPerBlock is 2: VESTING_SLOT_PROBES blocks hold 2 × probes vestings.
		let room = 2 * VESTING_SLOT_PROBES as u64;
		for id in 0..=room {
			Verified::mutate(|v| {
				v.insert(id, ALICE);
			});
		}
		for id in 0..room {
			assert_ok!(RewardsPallet::grant_bonus(
				RuntimeOrigin::root(),
				id,
				1,
				[0; 32]
			));
			assert_eq!(
				Unvested::<Test>::get(ALICE, id).map(|u| u.vests_at),
				Some(1 + WINDOW + id / 2)
			);
		}
		assert_noop!(
			RewardsPallet::grant_bonus(RuntimeOrigin::root(), room, 1, [0; 32]),
			Error::<Test>::VestingQueueFull
		);
		// A second bonus of a queued contribution joins its entry.
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			0,
			1,
			[0; 32]
		));
		assert_eq!(Unvested::<Test>::get(ALICE, 0).map(|u| u.amount), Some(2));
		run_to_block(1 + WINDOW + VESTING_SLOT_PROBES as u64);
		assert_eq!(frozen(ALICE), 0);
		assert_eq!(AccountRewardsOf::<Test>::get(ALICE).unvested, 0);
	});
}

#[test]
fn a_pending_reward_is_frozen_once_claimed_within_its_window() {
	ExtBuilder::default().budget(5).build_and_execute(|| {
		verified(0, NEWCOMER, Dataset, 200, 10);
		run_to_block(EPOCH);
		// Below the existential deposit: not transferred, and no account to freeze.
		assert_eq!(RewardsPallet::pending_of(&NEWCOMER), 5);
		assert_eq!(AccountRewardsOf::<Test>::get(NEWCOMER).unvested, 5);
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(ALICE),
			NEWCOMER,
			100
		));
		assert_ok!(RewardsPallet::claim(RuntimeOrigin::signed(NEWCOMER)));
		assert_eq!(frozen(NEWCOMER), 5);
		run_to_block(EPOCH + WINDOW);
		assert_eq!(frozen(NEWCOMER), 0);
	});
}

#[test]
fn try_state_finds_a_freeze_that_differs_from_the_ledger() {
	ExtBuilder::default().build().execute_with(|| {
		bob_earns_the_first_epoch();
		assert_ok!(RewardsPallet::do_try_state());
		assert_ok!(Balances::thaw(
			&RuntimeFreezeReason::RewardsPallet(FreezeReason::UnvestedReward),
			&BOB
		));
		assert_eq!(
			RewardsPallet::do_try_state(),
			Err("an account's freeze differs from its unvested part".into())
		);
	});
}

#[test]
fn try_state_finds_an_unvested_reward_that_nothing_will_thaw() {
	ExtBuilder::default().build().execute_with(|| {
		bob_earns_the_first_epoch();
		VestingQueue::<Test>::remove(EPOCH + WINDOW);
		assert_eq!(
			RewardsPallet::do_try_state(),
			Err("an unvested reward is not queued for its block".into())
		);
	});
}
