//! Benchmarks of pallet-disputes, each at its worst case.

// Benchmark setup runs only in benchmarks, on values it chose itself.
#![allow(clippy::arithmetic_side_effects)]

use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get, Hooks,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use pallet_contributions::{ContributionId, ContributionRegistry};
use pallet_rewards::RewardClawback;
use sp_runtime::{traits::One, BoundedVec, Saturating};

use crate::*;

/// A generous amount: many times the existential deposit.
fn plenty<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(1_000_000u32.into())
}

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let _ = T::Currency::set_balance(&who, plenty::<T>().saturating_mul(10u32.into()));
	who
}

/// A verified contribution of a fresh owner with a frozen reward (the clawback's heavier
/// path: a transfer back to the pot).
fn rewarded<T: Config>(index: u32) -> Result<(T::AccountId, ContributionId), BenchmarkError> {
	let owner = funded::<T>("owner", index);
	let id = T::Contributions::benchmark_verified(&owner).ok_or(BenchmarkError::Weightless)?;
	T::Rewards::benchmark_unvested(&owner, id, plenty::<T>());
	Ok((owner, id))
}

/// Fills every deadline slot but the last one a period of `period` blocks from now probes,
/// so that finding room reads them all.
fn crowd_deadlines<T: Config>(period: BlockNumberFor<T>) {
	let now = frame_system::Pallet::<T>::block_number();
	let full: BoundedVec<DisputeId, T::MaxDeadlinesPerBlock> = BoundedVec::truncate_from(
		(0..T::MaxDeadlinesPerBlock::get())
			.map(|i| u32::MAX - i)
			.collect(),
	);
	let mut at = now.saturating_add(period);
	for _ in 1..DEADLINE_PROBES {
		Deadlines::<T>::insert(at, full.clone());
		at = at.saturating_add(One::one());
	}
}

/// Opens a dispute of `contribution` by a fresh challenger; its id and the challenger.
fn open<T: Config>(
	contribution: ContributionId,
	index: u32,
) -> Result<(DisputeId, T::AccountId), BenchmarkError> {
	let challenger = funded::<T>("challenger", index);
	let id = NextDisputeId::<T>::get();
	Pallet::<T>::open_dispute(
		RawOrigin::Signed(challenger.clone()).into(),
		contribution,
		DisputeReason::Plagiarism,
		[1; 32],
	)
	.map_err(|_| BenchmarkError::Weightless)?;
	Ok((id, challenger))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn open_dispute() -> Result<(), BenchmarkError> {
		let (_, contribution) = rewarded::<T>(0)?;
		let challenger = funded::<T>("challenger", 0);
		crowd_deadlines::<T>(Params::<T>::get().decision_period);
		// A history one short of full.
		let history: BoundedVec<DisputeId, T::MaxDisputesPerContribution> =
			BoundedVec::truncate_from(
				(0..T::MaxDisputesPerContribution::get().saturating_sub(1))
					.map(|i| u32::MAX - 1_000 - i)
					.collect(),
			);
		ByContribution::<T>::insert(contribution, history);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(challenger),
			contribution,
			DisputeReason::Plagiarism,
			[1; 32],
		);

		assert!(OpenDisputeOf::<T>::contains_key(contribution));
		Ok(())
	}

	#[benchmark]
	fn answer() -> Result<(), BenchmarkError> {
		let (owner, contribution) = rewarded::<T>(0)?;
		let (id, _) = open::<T>(contribution, 0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, [2; 32]);

		assert_eq!(Disputes::<T>::get(id).and_then(|d| d.answer), Some([2; 32]));
		Ok(())
	}

	/// Upheld with no appeal period: the decision closes the dispute at once, revoking the
	/// contribution and taking its reward back.
	#[benchmark]
	fn decide() -> Result<(), BenchmarkError> {
		let origin =
			T::DecideOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		Params::<T>::mutate(|params| params.appeal_period = Default::default());
		let (_, contribution) = rewarded::<T>(0)?;
		let (id, _) = open::<T>(contribution, 0)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, true);

		assert!(Disputes::<T>::get(id).is_some_and(|d| d.stage.is_closed()));
		Ok(())
	}

	#[benchmark]
	fn appeal() -> Result<(), BenchmarkError> {
		let origin =
			T::DecideOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (owner, contribution) = rewarded::<T>(0)?;
		let (id, _) = open::<T>(contribution, 0)?;
		Pallet::<T>::decide(origin, id, true).map_err(|_| BenchmarkError::Weightless)?;
		crowd_deadlines::<T>(Params::<T>::get().decision_period);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(matches!(
			Disputes::<T>::get(id).map(|d| d.stage),
			Some(Stage::Appealed { .. })
		));
		Ok(())
	}

	/// The owner's appeal of an upheld dispute fails: both bonds move and the reward is taken
	/// back.
	#[benchmark]
	fn decide_appeal() -> Result<(), BenchmarkError> {
		let council =
			T::DecideOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let origin =
			T::AppealOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (owner, contribution) = rewarded::<T>(0)?;
		let (id, _) = open::<T>(contribution, 0)?;
		Pallet::<T>::decide(council, id, true).map_err(|_| BenchmarkError::Weightless)?;
		Pallet::<T>::appeal(RawOrigin::Signed(owner).into(), id)
			.map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, true);

		assert!(Disputes::<T>::get(id).is_some_and(|d| d.stage.is_closed()));
		Ok(())
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let origin =
			T::ParamsOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut params = Params::<T>::get();
		params.bond = plenty::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, params);

		assert_eq!(Params::<T>::get(), params);
		Ok(())
	}

	/// `n` decisions become final in one block, each upheld: each revokes a contribution and
	/// takes its reward back.
	#[benchmark]
	fn on_initialize(
		n: Linear<0, { T::MaxDeadlinesPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let council =
			T::DecideOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut ids = alloc::vec::Vec::new();
		for i in 0..n {
			let (_, contribution) = rewarded::<T>(i)?;
			let (id, _) = open::<T>(contribution, i)?;
			Pallet::<T>::decide(council.clone(), id, true)
				.map_err(|_| BenchmarkError::Weightless)?;
			ids.push(id);
		}
		let at = frame_system::Pallet::<T>::block_number()
			.saturating_add(Params::<T>::get().appeal_period);
		frame_system::Pallet::<T>::set_block_number(at);

		#[block]
		{
			Pallet::<T>::on_initialize(at);
		}

		for id in ids {
			assert!(Disputes::<T>::get(id).is_some_and(|d| d.stage.is_closed()));
		}
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
