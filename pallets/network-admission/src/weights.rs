//! Weights of pallet-network-admission. Regenerate with `bash scripts/benchmark.sh pallet_network_admission`.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions of pallet-network-admission.
pub trait WeightInfo {
	fn admit_node(n: u32) -> Weight;
	fn remove_node(n: u32) -> Weight;
}

/// Weights for pallet-network-admission measured on the runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn admit_node(_n: u32) -> Weight {
		Weight::zero()
	}
	fn remove_node(_n: u32) -> Weight {
		Weight::zero()
	}
}

impl WeightInfo for () {
	fn admit_node(_n: u32) -> Weight {
		Weight::zero()
	}
	fn remove_node(_n: u32) -> Weight {
		Weight::zero()
	}
}
