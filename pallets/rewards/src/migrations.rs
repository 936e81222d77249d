//! Storage migrations of the rewards pallet.
//!
//! The migration to storage version 2 (caps and the unminted issuance) was removed once every
//! chain had run it: a chain whose rewards storage is older than version 2 upgrades through a
//! runtime of spec version 108 or earlier first.

/// Version 3, for rewards that vest through a challenge window: [`crate::AccountRewards`]
/// gains the account's unvested part. Everything credited before the upgrade has vested (it
/// was paid out freely), so every account starts with nothing unvested and no freeze.
///
/// The migration rewrites every account's record in one block: fine for the chains that have
/// version 2 storage (young test networks), not for a chain with millions of accounts.
pub mod v3 {
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_runtime::traits::{Saturating, Zero};

	use crate::{AccountRewards, AccountRewardsOf, BalanceOf, Config, EpochIndex, Pallet};

	/// The version 2 layouts.
	pub mod v2 {
		use super::*;

		/// An account's rewards without the unvested part.
		#[derive(Encode, Decode)]
		pub struct AccountRewardsV2<Balance, BlockNumber> {
			/// Credited.
			pub earned: Balance,
			/// Transferred.
			pub paid: Balance,
			/// Last payment.
			pub last_paid_at: Option<BlockNumber>,
			/// Credit in the last paid epoch.
			pub epoch_credit: (EpochIndex, Balance),
		}
	}

	/// Migrates the storage, unversioned; use [`MigrateV2ToV3`].
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut accounts = 0u64;
			AccountRewardsOf::<T>::translate::<
				v2::AccountRewardsV2<BalanceOf<T>, BlockNumberFor<T>>,
				_,
			>(|_, old| {
				accounts.saturating_inc();
				Some(AccountRewards {
					earned: old.earned,
					paid: old.paid,
					last_paid_at: old.last_paid_at,
					epoch_credit: old.epoch_credit,
					unvested: Zero::zero(),
				})
			});
			T::DbWeight::get().reads_writes(accounts, accounts)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 2 to 3, run once: checks and bumps the pallet's storage version.
	pub type MigrateV2ToV3<T> = VersionedMigration<
		2,
		3,
		InnerMigrateV2ToV3<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
