//! Benchmarks of pallet-rewards, each at its worst case.

// Benchmark setup runs only in benchmarks, on values it chose itself.
#![allow(clippy::arithmetic_side_effects)]

use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get, Hooks,
};
use frame_system::RawOrigin;
use pallet_contributions::{ContributionKind, ContributionRegistry, OnContributionVerified};
use sp_runtime::{traits::Zero, Saturating};

use crate::*;

/// A generous amount: many times the existential deposit.
fn plenty<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(1_000_000u32.into())
}

fn fund_pot<T: Config>() {
	let _ = T::Currency::set_balance(&Pallet::<T>::pot_account(), plenty::<T>());
}

/// Enters `n` verified contributions of fresh owners (who do not exist yet: paying them
/// creates their accounts, the heavier path) into the current epoch.
fn enter<T: Config>(n: u32) {
	for i in 0..n {
		let owner: T::AccountId = account("owner", i, 0);
		Pallet::<T>::on_contribution_verified(
			u64::from(i),
			&owner,
			ContributionKind::FineTune { base: 0 },
			1 << 30,
			90,
		);
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_budget() -> Result<(), BenchmarkError> {
		let origin =
			T::BudgetOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let budget = plenty::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, budget);

		assert_eq!(Budget::<T>::get(), budget);
		Ok(())
	}

	#[benchmark]
	fn set_rules() -> Result<(), BenchmarkError> {
		let origin =
			T::BudgetOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let rules = RewardRules {
			dataset_weight: 3,
			fine_tune_weight: 7,
			per_submission_cost: 4096,
			max_price_per_weight: 100_000,
			max_account_share: sp_runtime::Perbill::from_percent(10),
		};

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, rules);

		assert_eq!(Rules::<T>::get(), rules);
		Ok(())
	}

	#[benchmark]
	fn set_epoch_length() -> Result<(), BenchmarkError> {
		let origin =
			T::BudgetOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let length: frame_system::pallet_prelude::BlockNumberFor<T> = 1234u32.into();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, length);

		assert_eq!(EpochLength::<T>::get(), length);
		Ok(())
	}

	/// A bonus to an owner whose account does not exist yet.
	#[benchmark]
	fn grant_bonus() -> Result<(), BenchmarkError> {
		let origin =
			T::GrantOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fund_pot::<T>();
		let id = T::Contributions::benchmark_verified(&account("owner", 0, 0))
			.ok_or(BenchmarkError::Weightless)?;
		let amount = T::Currency::minimum_balance().saturating_mul(10u32.into());

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, amount, [7; 32]);

		assert_eq!(ContributionRewards::<T>::get(id).bonus, amount);
		Ok(())
	}

	#[benchmark]
	fn set_bonus_cap() -> Result<(), BenchmarkError> {
		let origin =
			T::GrantOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let cap = plenty::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, cap);

		assert_eq!(BonusCap::<T>::get(), cap);
		Ok(())
	}

	#[benchmark]
	fn mint_into_pot() -> Result<(), BenchmarkError> {
		let origin =
			T::MintOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let amount = plenty::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, amount);

		assert_eq!(Totals::<T>::get().minted, amount);
		Ok(())
	}

	#[benchmark]
	fn claim() {
		fund_pot::<T>();
		let who: T::AccountId = account("owner", 0, 0);
		let _ = T::Currency::set_balance(&who, plenty::<T>());
		let amount = T::Currency::minimum_balance().saturating_mul(10u32.into());
		AccountRewardsOf::<T>::mutate(&who, |r| r.earned = amount);
		Totals::<T>::mutate(|t| {
			t.credited = amount;
			t.committed = amount;
		});

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert_eq!(Pallet::<T>::pending_of(&who), Zero::zero());
	}

	#[benchmark]
	fn note_verified() {
		let owner: T::AccountId = account("owner", 0, 0);

		#[block]
		{
			Pallet::<T>::on_contribution_verified(
				1,
				&owner,
				ContributionKind::Dataset,
				1 << 20,
				90,
			);
		}

		assert_eq!(EpochTallies::<T>::get(0).entry_count, 1);
	}

	/// A block inside an epoch: nothing to close, nothing to pay.
	#[benchmark]
	fn on_initialize_idle() {
		let now = frame_system::Pallet::<T>::block_number();

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert!(Closing::<T>::get().is_none());
	}

	/// The block that closes an epoch and credits and pays `n` rewards to new accounts.
	#[benchmark]
	fn on_initialize_payouts(n: Linear<1, { T::MaxPayoutsPerBlock::get() }>) {
		fund_pot::<T>();
		Budget::<T>::put(plenty::<T>() / 4u32.into());
		enter::<T>(n);
		let now = CurrentEpoch::<T>::get()
			.start
			.saturating_add(EpochLength::<T>::get());
		frame_system::Pallet::<T>::set_block_number(now);

		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}

		assert!(Closing::<T>::get().is_none());
		assert_eq!(CurrentEpoch::<T>::get().index, 1);
	}

	#[benchmark]
	fn set_challenge_window() -> Result<(), BenchmarkError> {
		let origin =
			T::BudgetOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let window = T::MaxChallengeWindow::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, window);

		assert_eq!(ChallengeWindow::<T>::get(), window);
		Ok(())
	}

	/// The start of a block in which `n` rewards of `n` accounts vest: each account's freeze
	/// is lifted (the heavier path than lowering it).
	#[benchmark]
	fn on_initialize_vesting(n: Linear<1, { T::MaxPayoutsPerBlock::get() }>) {
		let amount = T::Currency::minimum_balance().saturating_mul(10u32.into());
		let credited_at: frame_system::pallet_prelude::BlockNumberFor<T> = 1u32.into();
		let vests_at = credited_at.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(credited_at);
		for i in 0..n {
			let owner: T::AccountId = account("owner", i, 0);
			let _ = T::Currency::set_balance(&owner, plenty::<T>());
			AccountRewardsOf::<T>::mutate(&owner, |r| r.earned = amount);
			Pallet::<T>::freeze_until(&owner, u64::from(i), amount, vests_at);
		}
		assert_eq!(VestingQueue::<T>::get(vests_at).len() as u32, n);
		frame_system::Pallet::<T>::set_block_number(vests_at);

		#[block]
		{
			Pallet::<T>::vest_due(vests_at);
		}

		assert_eq!(Unvested::<T>::iter().count(), 0);
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
