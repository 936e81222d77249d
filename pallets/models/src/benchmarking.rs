//! Benchmarks of the models pallet.

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use pallet_contributions::{ContributionId, ContributionRegistry, IntendedUse};
use sp_runtime::{traits::Zero, Perbill, Saturating};

use crate::*;

/// `n` verified contributions of `owner`.
fn verified<T: Config>(
	owner: &T::AccountId,
	n: u32,
) -> Result<Vec<ContributionId>, BenchmarkError> {
	(0..n)
		.map(|_| {
			T::Contributions::benchmark_verified(owner).ok_or(BenchmarkError::Stop(
				"cannot create a verified contribution",
			))
		})
		.collect()
}

/// Registers a release with `parents` and `ingredients` (one share each); its id.
fn release<T: Config>(
	parents: Vec<ReleaseId>,
	ingredients: &[ContributionId],
) -> Result<ReleaseId, BenchmarkError> {
	let origin =
		T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let id = NextReleaseId::<T>::get();
	Pallet::<T>::register_release(
		origin,
		vec![b'r'; T::MaxNameLen::get() as usize],
		[id as u8; 32],
		[0xf1; 32],
		parents,
		WIDEST_USE,
		ingredients.iter().map(|c| (*c, None)).collect(),
	)
	.map_err(|_| BenchmarkError::Stop("cannot register a release"))?;
	Ok(id)
}

/// Commercial and generative: the use whose check reads the most of each ingredient.
const WIDEST_USE: IntendedUse = IntendedUse {
	commercial: true,
	generative: true,
};

/// A weights URI of the longest length.
pub(crate) fn weights_uri<T: Config>() -> Vec<u8> {
	let mut uri = b"https://".to_vec();
	uri.resize(T::MaxUriLen::get().max(9) as usize, b'w');
	uri
}

/// A funded account.
fn funded<T: Config>(who: &T::AccountId) {
	let amount = T::Currency::minimum_balance().saturating_mul(1_000_000u32.into());
	let _ = T::Currency::set_balance(who, amount);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// With `p` parents and `i` ingredients.
	#[benchmark]
	fn register_release(
		p: Linear<0, { T::MaxParents::get() }>,
		i: Linear<1, { T::MaxIngredients::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		let mut parents = Vec::new();
		for _ in 0..p {
			let ingredient = verified::<T>(&owner, 1)?;
			parents.push(release::<T>(Vec::new(), &ingredient)?);
		}
		let ingredients: Vec<_> = verified::<T>(&owner, i)?
			.into_iter()
			.map(|c| (c, Some(2)))
			.collect();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let id = NextReleaseId::<T>::get();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			vec![b'n'; T::MaxNameLen::get() as usize],
			[0xee; 32],
			[0xf1; 32],
			parents,
			WIDEST_USE,
			ingredients,
		);

		assert!(Releases::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn deprecate_release() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		let id = release::<T>(Vec::new(), &verified::<T>(&owner, 1)?)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert!(Releases::<T>::get(id).is_some_and(|r| r.deprecated));
		Ok(())
	}

	/// A fee to a release of `i` ingredients with `h` generations above it, one parent
	/// each: `h` hops. The weight follows the hops, not the holders.
	#[benchmark]
	fn pay_usage(
		h: Linear<0, { T::MaxHops::get() }>,
		i: Linear<1, { T::MaxIngredients::get() }>,
	) -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		// `h` generations above the paid release, each the parent of the next.
		let mut parent: Option<ReleaseId> = None;
		for _ in 0..h {
			parent = Some(release::<T>(
				parent.into_iter().collect(),
				&verified::<T>(&owner, 1)?,
			)?);
		}
		// As many verified contributions whatever `i`, so that the state the payment reads
		// differs only in the release's holders.
		let contributions = verified::<T>(&owner, T::MaxIngredients::get())?;
		let ingredients = contributions.get(..i as usize).unwrap_or_default();
		let paid = release::<T>(parent.into_iter().collect(), ingredients)?;
		Split::<T>::put(RevenueSplit {
			holders: Perbill::from_percent(40),
			parents: Perbill::from_percent(40),
		});
		let payer: T::AccountId = whitelisted_caller();
		funded::<T>(&payer);
		let amount = T::Currency::minimum_balance().saturating_mul(1_000u32.into());

		#[extrinsic_call]
		_(RawOrigin::Signed(payer), paid, amount, [1; 32]);

		assert!(!Ledgers::<T>::get(paid).received.is_zero());
		Ok(())
	}

	#[benchmark]
	fn claim_revenue() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = whitelisted_caller();
		let contribution = verified::<T>(&owner, 1)?;
		let id = release::<T>(Vec::new(), &contribution)?;
		let payer: T::AccountId = account("payer", 0, 0);
		funded::<T>(&payer);
		let amount = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
		Pallet::<T>::pay_usage(RawOrigin::Signed(payer).into(), id, amount, [1; 32])
			.map_err(|_| BenchmarkError::Stop("cannot pay"))?;
		let contribution = contribution
			.first()
			.copied()
			.ok_or(BenchmarkError::Stop("no contribution"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, contribution);

		assert!(Pallet::<T>::claimable(id, contribution).is_zero());
		Ok(())
	}

	#[benchmark]
	fn sweep_revenue() -> Result<(), BenchmarkError> {
		let owner: T::AccountId = account("owner", 0, 0);
		let contribution = verified::<T>(&owner, 1)?;
		let id = release::<T>(Vec::new(), &contribution)?;
		let payer: T::AccountId = account("payer", 0, 0);
		funded::<T>(&payer);
		let amount = T::Currency::minimum_balance().saturating_mul(1_000u32.into());
		Pallet::<T>::pay_usage(RawOrigin::Signed(payer).into(), id, amount, [1; 32])
			.map_err(|_| BenchmarkError::Stop("cannot pay"))?;
		let contribution = contribution
			.first()
			.copied()
			.ok_or(BenchmarkError::Stop("no contribution"))?;
		T::Contributions::revoke(contribution, pallet_contributions::Revocation::TakeDown)
			.ok_or(BenchmarkError::Stop("cannot take it down"))?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), id, contribution);

		assert!(Pallet::<T>::claimable(id, contribution).is_zero());
		Ok(())
	}

	#[benchmark]
	fn set_split() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let split = RevenueSplit {
			holders: Perbill::from_percent(70),
			parents: Perbill::from_percent(20),
		};

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, split);

		assert_eq!(Split::<T>::get(), split);
		Ok(())
	}

	/// With the longest name and weights URI (their lengths hardly matter: they are stored
	/// once) and a parent.
	#[benchmark]
	fn register_model_version() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let parent = NextModelVersionId::<T>::get();
		Pallet::<T>::insert_model_version(vec![b'p'], [0xa0; 32], None, None)?;

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			vec![b'm'; T::MaxNameLen::get() as usize],
			[0xa1; 32],
			Some(parent),
			Some(([0xa2; 32], weights_uri::<T>())),
		);

		assert!(ModelVersions::<T>::contains_key(parent.saturating_add(1)));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::benchmark_ext(),
		crate::mock::Test
	);
}
