//! Storage migrations of the rewards pallet.

/// Version 2: the pallet records the issuance that governance did not mint
/// ([`crate::UnmintedIssuance`]), so that `try_state` can check that nothing but
/// `mint_into_pot` changes the supply. On a version 1 chain it is today's total issuance less
/// everything minted so far.
pub mod v2 {
	use frame_support::{
		migrations::VersionedMigration,
		traits::{fungible::Inspect, Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use sp_runtime::traits::Saturating;

	use crate::{Config, Pallet, Totals, UnmintedIssuance};

	/// Records the unminted issuance, unversioned; use [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let unminted = T::Currency::total_issuance().saturating_sub(Totals::<T>::get().minted);
			UnmintedIssuance::<T>::put(unminted);
			T::DbWeight::get().reads_writes(2, 1)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 1 to 2, run once: checks and bumps the pallet's storage version.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InnerMigrateV1ToV2<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
