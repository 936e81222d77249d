//! Benchmarks of pallet-network-admission with `n` nodes admitted already.

// Benchmark setup runs only in benchmarks, on values it chose itself.
#![allow(clippy::arithmetic_side_effects)]

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedBTreeMap,
};

use crate::*;

fn peer(i: u32) -> Vec<u8> {
	let mut id = vec![0u8; 38];
	id[..4].copy_from_slice(&i.to_le_bytes());
	id
}

fn fill<T: Config>(n: u32) -> Result<(), BenchmarkError> {
	let mut nodes = BoundedBTreeMap::new();
	for i in 0..n {
		let id: PeerIdOf<T> = peer(i)
			.try_into()
			.map_err(|_| BenchmarkError::Stop("PeerId"))?;
		nodes
			.try_insert(id, account("operator", i, 0))
			.map_err(|_| BenchmarkError::Stop("full"))?;
	}
	AdmittedNodes::<T>::put(nodes);
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn admit_node(
		n: Linear<0, { T::MaxNodes::get().saturating_sub(1) }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::ManageOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill::<T>(n)?;

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			peer(u32::MAX),
			account("operator", 0, 0),
		);

		assert_eq!(AdmittedNodes::<T>::get().len() as u32, n + 1);
		Ok(())
	}

	#[benchmark]
	fn remove_node(n: Linear<2, { T::MaxNodes::get() }>) -> Result<(), BenchmarkError> {
		let origin =
			T::ManageOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill::<T>(n)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, peer(0));

		assert_eq!(AdmittedNodes::<T>::get().len() as u32, n - 1);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
