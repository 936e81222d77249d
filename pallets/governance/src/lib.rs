//! # Governance pallet
//!
//! Gongyu has no sudo key outside the `dev` chain: everything privileged is decided by the
//! council. Most decisions need only a council origin (approving verifiers, budgets, ...),
//! but some calls demand `Root` — above all `system.setCode`, the runtime upgrade. This
//! pallet bridges the two: [`Pallet::dispatch_as_root`] dispatches a call with the `Root`
//! origin when the caller satisfies [`Config::RootOrigin`], which the runtime sets to a
//! qualified council majority (three quarters).
//!
//! The council proposes `governance.dispatchAsRoot(call)` as a motion; once the motion
//! passes, the call runs as Root and [`Event::DispatchedAsRoot`] reports its result.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use weights::WeightInfo;

// FRAME's pallet macros expand to `expect()` calls on spans of this module: the lint is
// allowed here only; code outside the `pallet` module is held to it.
#[frame_support::pallet]
#[allow(clippy::expect_used)]
pub mod pallet {
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::UnfilteredDispatchable,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	use super::*;

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The calls the council may dispatch as Root.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>;

		/// Who may dispatch as Root (a qualified council majority).
		type RootOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A call was dispatched with the Root origin; `result` is its outcome.
		DispatchedAsRoot { result: DispatchResult },
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatch `call` with the Root origin. Succeeds when the origin is allowed, whatever
		/// the inner call's outcome, which the event reports.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let dispatch_info = call.get_dispatch_info();
			(
				T::WeightInfo::dispatch_as_root().saturating_add(dispatch_info.call_weight),
				dispatch_info.class,
			)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::RootOrigin::ensure_origin(origin)?;
			let result = call.dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
			let actual = result.map_or_else(|e| e.post_info.actual_weight, |p| p.actual_weight);
			Self::deposit_event(Event::DispatchedAsRoot {
				result: result.map(|_| ()).map_err(|e| e.error),
			});
			Ok(actual
				.map(|w| w.saturating_add(T::WeightInfo::dispatch_as_root()))
				.into())
		}
	}
}
