//! Governance calls: budget, rules, epoch length, bonuses, minting; forbidden origins.

use frame_support::{assert_noop, assert_ok};
use pallet_contributions::ContributionKind::Dataset;
use sp_runtime::DispatchError::BadOrigin;

use super::*;
use crate::{Event, *};

const RULES: RewardRules = RewardRules {
	dataset_weight: 4,
	fine_tune_weight: 9,
	per_submission_cost: 0,
	max_price_per_weight: 50,
	max_account_share: sp_runtime::Perbill::from_percent(40),
};

#[test]
fn governance_sets_budget_rules_and_epoch_length() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(RewardsPallet::set_budget(RuntimeOrigin::root(), 7_000));
		assert_eq!(Budget::<Test>::get(), 7_000);
		System::assert_last_event(Event::BudgetSet { budget: 7_000 }.into());

		assert_ok!(RewardsPallet::set_rules(RuntimeOrigin::root(), RULES));
		assert_eq!(Rules::<Test>::get(), RULES);
		System::assert_last_event(Event::RulesSet { rules: RULES }.into());

		assert_ok!(RewardsPallet::set_epoch_length(RuntimeOrigin::root(), 3));
		assert_eq!(EpochLength::<Test>::get(), 3);
		System::assert_last_event(Event::EpochLengthSet { length: 3 }.into());
		verified(0, ALICE, Dataset, 10, 1);
		run_to_block(3);
		// Weight 1 × 4 × 10 = 40 at the rules' price of 50: 2,000 of the 7,000 budget, below
		// the account cap of 40% (2,800).
		assert_eq!(free(ALICE), INITIAL_BALANCE + 2_000);
	});
}

#[test]
fn zero_epoch_length_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			RewardsPallet::set_epoch_length(RuntimeOrigin::root(), 0),
			Error::<Test>::InvalidEpochLength
		);
	});
}

#[test]
fn signed_accounts_cannot_govern() {
	ExtBuilder::default().build_and_execute(|| {
		Verified::mutate(|v| {
			v.insert(0, ALICE);
		});
		let origin = || RuntimeOrigin::signed(ALICE);
		assert_noop!(RewardsPallet::set_budget(origin(), 1), BadOrigin);
		assert_noop!(RewardsPallet::set_rules(origin(), RULES), BadOrigin);
		assert_noop!(RewardsPallet::set_epoch_length(origin(), 5), BadOrigin);
		assert_noop!(
			RewardsPallet::grant_bonus(origin(), 0, 5, [0; 32]),
			BadOrigin
		);
		assert_noop!(RewardsPallet::mint_into_pot(origin(), 5), BadOrigin);
		assert_noop!(RewardsPallet::set_bonus_cap(origin(), 5_000), BadOrigin);
		assert_noop!(
			RewardsPallet::set_budget(RuntimeOrigin::none(), 1),
			BadOrigin
		);
	});
}

#[test]
fn bonus_is_credited_and_paid_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		Verified::mutate(|v| {
			v.insert(4, BOB);
		});
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			4,
			250,
			[7; 32]
		));
		assert_eq!(free(BOB), INITIAL_BALANCE + 250);
		assert_eq!(ContributionRewards::<Test>::get(4).bonus, 250);
		assert_eq!(AccountRewardsOf::<Test>::get(BOB).earned, 250);
		assert_eq!(Totals::<Test>::get().committed, 250);
		assert!(reward_events().contains(&Event::BonusGranted {
			id: 4,
			owner: BOB,
			amount: 250,
			reason: [7; 32]
		}));
		assert!(reward_events().contains(&Event::RewardPaid {
			who: BOB,
			amount: 250,
		}));
		// A bonus vests through the challenge window like any reward.
		System::assert_last_event(
			Event::RewardFrozen {
				id: 4,
				owner: BOB,
				amount: 250,
				vests_at: 1 + WINDOW,
			}
			.into(),
		);
	});
}

#[test]
fn bonus_errors() {
	ExtBuilder::default().pot(100).build_and_execute(|| {
		assert_noop!(
			RewardsPallet::grant_bonus(RuntimeOrigin::root(), 4, 5, [0; 32]),
			Error::<Test>::NotVerified
		);
		Verified::mutate(|v| {
			v.insert(4, BOB);
		});
		assert_noop!(
			RewardsPallet::grant_bonus(RuntimeOrigin::root(), 4, 0, [0; 32]),
			Error::<Test>::ZeroAmount
		);
		// 100 in the pot, 10 of it the existential deposit.
		assert_noop!(
			RewardsPallet::grant_bonus(RuntimeOrigin::root(), 4, 91, [0; 32]),
			Error::<Test>::InsufficientPot
		);
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			4,
			90,
			[0; 32]
		));
	});
}

#[test]
fn bonuses_cannot_empty_the_pot_past_the_cap_of_an_epoch() {
	ExtBuilder::default().build_and_execute(|| {
		Verified::mutate(|v| {
			v.insert(4, BOB);
		});
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			4,
			BONUS_CAP - 1,
			[0; 32]
		));
		// One more unit would pass the cap of this epoch.
		assert_noop!(
			RewardsPallet::grant_bonus(RuntimeOrigin::root(), 4, 2, [0; 32]),
			Error::<Test>::BonusCapExceeded
		);
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			4,
			1,
			[0; 32]
		));
		assert_eq!(BonusesGranted::<Test>::get(), (0, BONUS_CAP));
		// The next epoch starts from zero.
		run_to_block(EPOCH + 1);
		assert_ok!(RewardsPallet::grant_bonus(
			RuntimeOrigin::root(),
			4,
			BONUS_CAP,
			[0; 32]
		));
	});
}

#[test]
fn governance_sets_the_bonus_cap() {
	ExtBuilder::default().build_and_execute(|| {
		Verified::mutate(|v| {
			v.insert(4, BOB);
		});
		assert_ok!(RewardsPallet::set_bonus_cap(RuntimeOrigin::root(), 10));
		System::assert_last_event(Event::BonusCapSet { cap: 10 }.into());
		assert_eq!(BonusCap::<Test>::get(), 10);
		assert_noop!(
			RewardsPallet::grant_bonus(RuntimeOrigin::root(), 4, 11, [0; 32]),
			Error::<Test>::BonusCapExceeded
		);
	});
}

#[test]
fn governance_mints_into_the_pot() {
	ExtBuilder::default().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		assert_ok!(RewardsPallet::mint_into_pot(RuntimeOrigin::root(), 5_000));
		assert_eq!(free(pot()), POT_ENDOWMENT + 5_000);
		assert_eq!(Balances::total_issuance(), issuance + 5_000);
		assert_eq!(Totals::<Test>::get().minted, 5_000);
		System::assert_last_event(Event::PotFunded { amount: 5_000 }.into());
		assert_noop!(
			RewardsPallet::mint_into_pot(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn epoch_info_reports_the_current_epoch() {
	ExtBuilder::default().build_and_execute(|| {
		verified(0, ALICE, Dataset, 200, 10);
		let info = RewardsPallet::epoch_info();
		assert_eq!(info.index, 0);
		assert_eq!(info.length, EPOCH);
		assert_eq!(info.budget, 1_000);
		assert_eq!(info.entry_count, 1);
		assert_eq!(info.total_weight, 1_000);
		assert_eq!(info.pot_available, POT_ENDOWMENT - 10);
	});
}

/// The supply rule: total issuance is what genesis created plus what governance minted.
/// An attacker (or a misconfigured runtime) that burns or creates GYU any other way is
/// caught by `try_state`.
#[test]
fn issuance_changed_other_than_by_minting_breaks_the_invariant() {
	ExtBuilder::default().build().execute_with(|| {
		let genesis = Balances::total_issuance();
		assert_eq!(UnmintedIssuance::<Test>::get(), Some(genesis));
		assert_ok!(RewardsPallet::mint_into_pot(RuntimeOrigin::root(), 5_000));
		assert_ok!(RewardsPallet::do_try_state());

		assert_ok!(Balances::burn(RuntimeOrigin::signed(ALICE), 100, true));
		assert_eq!(
			RewardsPallet::do_try_state(),
			Err("total issuance changed other than by governance minting".into())
		);
	});
}

#[test]
fn the_v3_migration_starts_every_account_with_nothing_unvested() {
	use crate::migrations::v3::{v2, MigrateV2ToV3};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	ExtBuilder::default().build_and_execute(|| {
		// A version 2 chain: accounts without their unvested part.
		StorageVersion::new(2).put::<RewardsPallet>();
		let old_account = v2::AccountRewardsV2::<Balance, u64> {
			earned: 30,
			paid: 30,
			last_paid_at: Some(9),
			epoch_credit: (3, 30),
		};
		frame_support::storage::unhashed::put_raw(
			&AccountRewardsOf::<Test>::hashed_key_for(BOB),
			&old_account.encode(),
		);
		Totals::<Test>::mutate(|t| {
			t.committed = 30;
			t.credited = 30;
			t.paid = 30;
		});

		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(
			AccountRewardsOf::<Test>::get(BOB),
			AccountRewards {
				earned: 30,
				paid: 30,
				last_paid_at: Some(9),
				epoch_credit: (3, 30),
				unvested: 0,
			}
		);
		assert_eq!(RewardsPallet::on_chain_storage_version(), 3);

		// Run again, it changes nothing.
		AccountRewardsOf::<Test>::mutate(BOB, |r| r.last_paid_at = Some(10));
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(AccountRewardsOf::<Test>::get(BOB).last_paid_at, Some(10));
	});
}
