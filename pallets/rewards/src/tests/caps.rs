//! Budgets that junk cannot drain: the price cap per unit of weight and the account cap per
//! epoch. Each rule has the attack it stops next to the honest path.

use frame_support::assert_ok;
use pallet_contributions::ContributionKind::Dataset;
use sp_runtime::Perbill;

use super::*;
use crate::{Event, *};

/// The mock's rules with the given caps.
fn capped(price: u128, share: u32) -> RewardRules {
	RewardRules {
		max_price_per_weight: price,
		max_account_share: Perbill::from_percent(share),
		..Rules::<Test>::get()
	}
}

fn set_caps(price: u128, share: u32) {
	assert_ok!(RewardsPallet::set_rules(
		RuntimeOrigin::root(),
		capped(price, share)
	));
}

/// The attack: a few bytes of junk alone in a quiet epoch took the whole budget. With a
/// price cap the epoch pays the junk its weight × price and keeps the rest in the pot.
#[test]
fn a_lone_small_contribution_earns_only_its_weight_at_the_price_cap() {
	ExtBuilder::default().build_and_execute(|| {
		set_caps(1, 100);
		// Weight 100 × 1 × (101 − 100) = 100: at 1 per unit it earns 100 of the 1,000 budget.
		verified(0, ALICE, Dataset, 101, 100);
		let info = RewardsPallet::epoch_info();
		assert_eq!((info.payable, info.account_cap), (100, 1_000));
		assert_eq!(info.rules, capped(1, 100));

		run_to_block(EPOCH + 1);
		assert_eq!(free(ALICE), INITIAL_BALANCE + 100);
		assert_eq!(free(pot()), POT_ENDOWMENT - 100);
		assert!(reward_events().contains(&Event::EpochCappedByPrice {
			epoch: 0,
			budget: 1_000,
			total_weight: 100,
			to_pay: 100,
		}));
		// Nothing beyond what was paid was ever committed.
		assert_eq!(Totals::<Test>::get().committed, 100);
	});
}

/// The honest path: a busy epoch whose weight is worth more than the budget at the price
/// pays the whole budget pro rata, as before.
#[test]
fn an_epoch_worth_more_than_its_budget_pays_the_budget() {
	ExtBuilder::default().build_and_execute(|| {
		set_caps(1, 100);
		verified(0, ALICE, Dataset, 1_100, 100); // weight 100,000
		verified(1, BOB, Dataset, 1_100, 100); // weight 100,000
		run_to_block(EPOCH + 1);
		assert_eq!(free(ALICE), INITIAL_BALANCE + 500);
		assert_eq!(free(BOB), INITIAL_BALANCE + 500);
		assert!(!reward_events()
			.iter()
			.any(|e| matches!(e, Event::EpochCappedByPrice { .. })));
	});
}

/// The attack from the issue: one file split into parts, each verified alone in its own
/// quiet epoch, took a whole budget per part. At the price cap every part earns its weight
/// × price, and the parts' weights add up to at most the whole's.
#[test]
fn parts_verified_in_separate_quiet_epochs_earn_no_more_than_the_whole() {
	// Score 1 keeps these weights below the budget at 1 per unit: the price cap binds.
	let mut whole = 0;
	ExtBuilder::default().build_and_execute(|| {
		set_caps(1, 100);
		verified(0, ALICE, Dataset, 1_000, 1);
		run_to_block(EPOCH + 1);
		whole = AccountRewardsOf::<Test>::get(ALICE).earned;
	});
	let mut parts = 0;
	ExtBuilder::default().build_and_execute(|| {
		set_caps(1, 100);
		for (epoch, size) in [334u64, 333, 333].into_iter().enumerate() {
			verified(epoch as u64, ALICE, Dataset, size, 1);
			run_to_block((epoch as u64 + 1) * EPOCH + 1);
		}
		parts = AccountRewardsOf::<Test>::get(ALICE).earned;
	});
	// The whole: 1 × (1,000 − 100) = 900; the parts: 234 + 233 + 233 = 700.
	assert_eq!((whole, parts), (900, 700));
}

/// The attack: one account floods an epoch with many contributions and takes most of the
/// budget. It earns at most its share of the budget; the rest stays in the pot, and the
/// other contributors keep their pro-rata shares.
#[test]
fn one_account_earns_at_most_its_share_of_an_epoch() {
	ExtBuilder::default().build_and_execute(|| {
		set_caps(u128::MAX, 40);
		// Alice: weights 80,000 + 80,000; Bob: 40,000; budget 1,000 over 200,000.
		verified(0, ALICE, Dataset, 900, 100);
		verified(1, ALICE, Dataset, 900, 100);
		verified(2, BOB, Dataset, 500, 100);
		assert_eq!(RewardsPallet::epoch_info().account_cap, 400);

		run_to_block(EPOCH + 2);
		assert_eq!(free(ALICE), INITIAL_BALANCE + 400);
		assert_eq!(free(BOB), INITIAL_BALANCE + 200);
		assert_eq!(free(pot()), POT_ENDOWMENT - 600);
		// Whichever of Alice's two was credited first took her whole room.
		let rewards = [0, 1].map(|id| ContributionRewards::<Test>::get(id).reward);
		assert!(rewards == [400, 0] || rewards == [0, 400], "{rewards:?}");
		let capped = if rewards[0] == 0 { 0 } else { 1 };
		assert!(reward_events().contains(&Event::RewardCapped {
			id: capped,
			owner: ALICE,
			epoch: 0,
			forgone: 400,
		}));
		assert_eq!(AccountRewardsOf::<Test>::get(ALICE).epoch_credit, (0, 400));

		// The cap is per epoch: next epoch Alice earns again.
		verified(3, ALICE, Dataset, 900, 100);
		run_to_block(2 * EPOCH + 2);
		assert_eq!(free(ALICE), INITIAL_BALANCE + 800);
		assert_eq!(AccountRewardsOf::<Test>::get(ALICE).epoch_credit, (1, 400));
	});
}

/// try_state catches an account credited above the cap of the closing epoch.
#[test]
fn try_state_refuses_a_credit_above_the_account_cap() {
	ExtBuilder::default().build().execute_with(|| {
		set_caps(u128::MAX, 40);
		for id in 0..5 {
			verified(id, BOB, Dataset, 500, 100);
		}
		run_to_block(EPOCH);
		assert!(Closing::<Test>::get().is_some());
		assert_ok!(RewardsPallet::do_try_state());
		AccountRewardsOf::<Test>::mutate(ALICE, |r| r.epoch_credit = (0, 401));
		assert_eq!(
			RewardsPallet::do_try_state(),
			Err("an account was credited more than the account cap of the epoch".into())
		);
	});
}

/// try_state catches an epoch that committed to pay beyond its price cap.
#[test]
fn try_state_refuses_a_payout_above_the_price_cap() {
	ExtBuilder::default().build().execute_with(|| {
		set_caps(1, 100);
		for id in 0..5 {
			verified(id, BOB, Dataset, 101, 100);
		}
		run_to_block(EPOCH);
		assert_ok!(RewardsPallet::do_try_state());
		Closing::<Test>::mutate(|p| {
			if let Some(p) = p {
				p.price_cap = p.to_pay - 1;
			}
		});
		assert_eq!(
			RewardsPallet::do_try_state(),
			Err("the closing epoch pays more than its budget or price cap".into())
		);
	});
}
