//! Storage migrations of the rewards pallet.

/// Version 2, for rewards paid for value rather than bytes, and a checked supply:
/// - [`crate::RewardRules`] gains the price cap and the account share; a version 1 chain
///   takes both from [`crate::Config::DefaultRules`];
/// - the closing epoch's [`crate::Payout`] gains its price cap and account cap; an epoch
///   already closing keeps what it committed to pay, with no account cap (the budget);
/// - [`crate::AccountRewards`] gains the account's credit in its last paid epoch;
/// - the pallet records the issuance that governance did not mint
///   ([`crate::UnmintedIssuance`]): today's total issuance less everything minted so far.
///
/// The migration rewrites every account's record in one block: fine for the chains that have
/// version 1 storage (young test networks), not for a chain with millions of accounts.
pub mod v2 {
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::OptionQuery,
		storage_alias,
		traits::{fungible::Inspect, Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_runtime::traits::{Saturating, Zero};

	use crate::{
		AccountRewards, AccountRewardsOf, BalanceOf, Closing, Config, EpochIndex, Pallet, Payout,
		RewardRules, RewardWeight, Rules, Totals, UnmintedIssuance,
	};

	/// The version 1 layouts.
	pub mod v1 {
		use super::*;

		/// Reward rules without caps.
		#[derive(Encode, Decode)]
		pub struct RewardRulesV1 {
			/// Weight of a dataset byte.
			pub dataset_weight: u32,
			/// Weight of a fine-tune byte.
			pub fine_tune_weight: u32,
			/// Bytes subtracted from every contribution's size.
			pub per_submission_cost: u64,
		}

		/// A payout without caps.
		#[derive(Encode, Decode)]
		pub struct PayoutV1<Balance> {
			/// The epoch being paid.
			pub epoch: EpochIndex,
			/// Its budget.
			pub budget: Balance,
			/// What it pays.
			pub to_pay: Balance,
			/// Its total weight.
			pub total_weight: RewardWeight,
			/// Credited so far.
			pub credited: Balance,
			/// Contributions still to credit.
			pub remaining: u32,
		}

		/// An account's rewards without its epoch credit.
		#[derive(Encode, Decode)]
		pub struct AccountRewardsV1<Balance, BlockNumber> {
			/// Credited.
			pub earned: Balance,
			/// Transferred.
			pub paid: Balance,
			/// Last payment.
			pub last_paid_at: Option<BlockNumber>,
		}

		/// Version 1's rules.
		#[storage_alias]
		pub type Rules<T: Config> = StorageValue<Pallet<T>, RewardRulesV1, OptionQuery>;

		/// Version 1's closing epoch.
		#[storage_alias]
		pub type Closing<T: Config> = StorageValue<Pallet<T>, PayoutV1<BalanceOf<T>>, OptionQuery>;
	}

	/// Migrates the storage, unversioned; use [`MigrateV1ToV2`].
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (3u64, 1u64);
			if let Some(old) = v1::Rules::<T>::get() {
				let defaults = T::DefaultRules::get();
				Rules::<T>::put(RewardRules {
					dataset_weight: old.dataset_weight,
					fine_tune_weight: old.fine_tune_weight,
					per_submission_cost: old.per_submission_cost,
					max_price_per_weight: defaults.max_price_per_weight,
					max_account_share: defaults.max_account_share,
				});
				writes.saturating_inc();
			}
			if let Some(old) = v1::Closing::<T>::get() {
				Closing::<T>::put(Payout {
					epoch: old.epoch,
					budget: old.budget,
					to_pay: old.to_pay,
					total_weight: old.total_weight,
					price_cap: old.to_pay,
					account_cap: old.budget,
					credited: old.credited,
					remaining: old.remaining,
				});
				writes.saturating_inc();
			}
			AccountRewardsOf::<T>::translate::<
				v1::AccountRewardsV1<BalanceOf<T>, BlockNumberFor<T>>,
				_,
			>(|_, old| {
				reads.saturating_inc();
				writes.saturating_inc();
				Some(AccountRewards {
					earned: old.earned,
					paid: old.paid,
					last_paid_at: old.last_paid_at,
					epoch_credit: (0, Zero::zero()),
				})
			});
			let unminted = T::Currency::total_issuance().saturating_sub(Totals::<T>::get().minted);
			UnmintedIssuance::<T>::put(unminted);
			T::DbWeight::get().reads_writes(reads, writes)
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
