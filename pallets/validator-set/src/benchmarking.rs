//! Benchmarks of pallet-validator-set, with the set one short of full.

// Benchmark setup runs only in benchmarks, on values it chose itself.
#![allow(clippy::arithmetic_side_effects)]

use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};

use crate::*;

fn fill<T: Config>(count: u32) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let mut validators: Vec<T::AccountId> =
		(0..count).map(|i| account("validator", i, 0)).collect();
	validators.sort();
	let bounded: BoundedVec<_, T::MaxValidators> = validators
		.clone()
		.try_into()
		.map_err(|_| BenchmarkError::Stop("too many validators"))?;
	Validators::<T>::put(bounded);
	Ok(validators)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator(
		v: Linear<1, { T::MaxValidators::get().saturating_sub(1) }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::ManageOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill::<T>(v)?;
		let new: T::AccountId = account("new", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, new.clone());

		assert!(Validators::<T>::get().contains(&new));
		Ok(())
	}

	#[benchmark]
	fn remove_validator(v: Linear<2, { T::MaxValidators::get() }>) -> Result<(), BenchmarkError> {
		let origin =
			T::ManageOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let validators = fill::<T>(v)?;
		MinValidators::<T>::put(1);
		let gone = validators
			.first()
			.cloned()
			.ok_or(BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, gone.clone());

		assert!(!Validators::<T>::get().contains(&gone));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
