//! # Validator set pallet
//!
//! The validators of a permissioned chain, managed by governance. The council adds and
//! removes validators ([`Config::ManageOrigin`]); changes take effect at the next session,
//! through pallet-session's `SessionManager`, which this pallet implements. A validator only
//! enters the authority set once its session keys are registered (`session.setKeys`), so a
//! newly admitted operator cannot stall the chain by joining without keys; one that sets
//! them after its admission joins at the next rotation.
//!
//! The set never drops below [`MinValidators`] (set at genesis): a removal that would do so
//! fails with [`Error::TooFewValidators`]. The session length is set at genesis as well, so
//! test networks can rotate sessions quickly.

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
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::Contains};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{Convert, Zero};

	use super::*;

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Adds and removes validators.
		type ManageOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Whether an account has registered session keys (pallet-session's `NextKeys`).
		type HasSessionKeys: Contains<Self::AccountId>;

		/// The validators pallet-session has queued for the next session (the accounts of
		/// its `QueuedKeys`): what a new session would keep if this pallet changed nothing.
		type QueuedValidators: Get<Vec<Self::AccountId>>;

		/// Session length until genesis or governance sets another.
		#[pallet::constant]
		type DefaultSessionLength: Get<BlockNumberFor<Self>>;

		/// The most validators the chain may have.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// Weights of this pallet, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The admitted validators, sorted.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The fewest validators the chain may have; set at genesis.
	#[pallet::storage]
	pub type MinValidators<T> =
		StorageValue<_, u32, ValueQuery, frame_support::traits::ConstU32<1>>;

	/// Blocks per session; set at genesis. The runtime feeds it to pallet-session's
	/// `PeriodicSessions` through [`SessionLengthOf`].
	#[pallet::storage]
	pub type SessionLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultSessionLength>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators at genesis (they also need session keys in pallet-session's genesis).
		pub validators: Vec<T::AccountId>,
		/// The fewest validators the chain may have (at least one).
		pub min_validators: u32,
		/// Blocks per session; `None` keeps [`Config::DefaultSessionLength`].
		pub session_length: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// An invalid genesis must stop the chain from being built at all.
		#[allow(clippy::expect_used)]
		fn build(&self) {
			let mut validators = self.validators.clone();
			validators.sort();
			validators.dedup();
			let min = self.min_validators.max(1);
			// An empty genesis set leaves the pallet unconfigured (as in default genesis).
			assert!(
				validators.is_empty() || validators.len() >= min as usize,
				"fewer genesis validators than min_validators"
			);
			MinValidators::<T>::put(min);
			if let Some(length) = self.session_length {
				assert!(!length.is_zero(), "the session length must be above zero");
				SessionLength::<T>::put(length);
			}
			let validators: BoundedVec<_, _> = validators
				.try_into()
				.expect("more genesis validators than MaxValidators");
			Validators::<T>::put(validators);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator was admitted; it authors from the session after next once its keys are
		/// set.
		ValidatorAdded { who: T::AccountId },
		/// A validator was removed; it stops authoring from the session after next.
		ValidatorRemoved { who: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set holds `MaxValidators` validators already.
		TooManyValidators,
		/// The removal would leave fewer than `MinValidators` validators.
		TooFewValidators,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(
				T::MaxValidators::get() >= 1,
				"MaxValidators must be at least one"
			);
			assert!(
				!T::DefaultSessionLength::get().is_zero(),
				"sessions must last a block"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit `who` as a validator from the next session on.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ManageOrigin::ensure_origin(origin)?;
			let mut validators = Validators::<T>::get();
			let position = validators
				.binary_search(&who)
				.err()
				.ok_or(Error::<T>::AlreadyValidator)?;
			validators
				.try_insert(position, who.clone())
				.map_err(|_| Error::<T>::TooManyValidators)?;
			Validators::<T>::put(validators);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Remove `who` from the validators from the next session on.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ManageOrigin::ensure_origin(origin)?;
			let mut validators = Validators::<T>::get();
			let position = validators
				.binary_search(&who)
				.map_err(|_| Error::<T>::NotValidator)?;
			ensure!(
				validators.len() > MinValidators::<T>::get() as usize,
				Error::<T>::TooFewValidators
			);
			validators.remove(position);
			Validators::<T>::put(validators);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks the pallet's invariants: the set is sorted without duplicates and, once
		/// configured, never below `MinValidators` (at least one); sessions last a block.
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let validators = Validators::<T>::get();
			ensure!(
				validators.windows(2).all(|pair| pair[0] < pair[1]),
				"the validator set is not sorted or holds duplicates"
			);
			let min = MinValidators::<T>::get();
			ensure!(min >= 1, "the minimum validator count is zero");
			ensure!(
				validators.is_empty() || validators.len() >= min as usize,
				"fewer validators than the minimum"
			);
			ensure!(
				!SessionLength::<T>::get().is_zero(),
				"sessions last no block"
			);
			Ok(())
		}

		/// The validators that can author: admitted and with session keys.
		pub fn active_candidates() -> Vec<T::AccountId> {
			Validators::<T>::get()
				.into_iter()
				.filter(T::HasSessionKeys::contains)
				.collect()
		}
	}

	impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
		/// The admitted validators with session keys, when they differ from the queued set.
		/// Compared at every rotation rather than only after a council change, so that a
		/// validator admitted before it set its keys joins at the rotation after it does.
		fn new_session(_index: u32) -> Option<Vec<T::AccountId>> {
			let mut candidates = Self::active_candidates();
			// Never hand session an empty set: keep the current one instead.
			if candidates.is_empty() {
				return None;
			}
			let mut queued = T::QueuedValidators::get();
			candidates.sort();
			queued.sort();
			(candidates != queued).then_some(candidates)
		}

		fn end_session(_index: u32) {}

		fn start_session(_index: u32) {}
	}

	/// The current session length as a `Get`, for pallet-session's `PeriodicSessions`.
	pub struct SessionLengthOf<T>(core::marker::PhantomData<T>);
	impl<T: Config> Get<BlockNumberFor<T>> for SessionLengthOf<T> {
		fn get() -> BlockNumberFor<T> {
			SessionLength::<T>::get()
		}
	}

	/// Validator ids are account ids: the identity conversion pallet-session needs.
	pub struct ValidatorOf<T>(core::marker::PhantomData<T>);
	impl<T: Config> Convert<T::AccountId, Option<T::AccountId>> for ValidatorOf<T> {
		fn convert(account: T::AccountId) -> Option<T::AccountId> {
			Some(account)
		}
	}
}
