//! Weights of pallet-governance. Regenerate with `bash scripts/benchmark.sh pallet_governance`.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions of pallet-governance.
pub trait WeightInfo {
	fn dispatch_as_root() -> Weight;
}

/// Weights for pallet-governance measured on the runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn dispatch_as_root() -> Weight {
		Weight::zero()
	}
}

impl WeightInfo for () {
	fn dispatch_as_root() -> Weight {
		Weight::zero()
	}
}
