//! Storage migrations of the contributions pallet.
//!
//! Migrations to storage versions 2 to 5 were removed once every chain had run them: a chain
//! older than storage version 5 upgrades through a runtime of spec 107 or earlier first.

/// Version 6: fine-tunes are checked against their base's architecture.
///
/// A model version gains an architecture (existing versions have none: governance
/// registers a version with one for fine-tunes to build on), and the
/// parameters gain [`crate::Parameters::unevaluated_score`] (the runtime's default). The
/// new verdicts are appended to [`crate::Verdict`], so stored attestations keep their
/// encoding.
pub mod v6 {
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_runtime::Perbill;

	use super::model_versions::{ModelVersionV6, ModelVersions};
	use crate::{
		BalanceOf, Config, ContentHash, ModelVersionId, Pallet, Parameters, Params, UriSchemes,
	};

	/// The version 5 layout.
	pub mod v5 {
		use super::*;

		/// Parameters as version 5 stored them: without the unevaluated score.
		#[derive(Encode, Decode, Clone, Copy)]
		pub struct ParametersV5<Balance, BlockNumber> {
			/// Quorum share.
			pub quorum: Perbill,
			/// Fewest agreeing attestations.
			pub min_attestations: u32,
			/// Verification period.
			pub verification_period: BlockNumber,
			/// Fixed deposit.
			pub deposit_base: Balance,
			/// Deposit per metadata byte.
			pub deposit_per_byte: Balance,
			/// Share slashed when unavailable.
			pub unavailable_slash: Perbill,
			/// Cooldown of an unavailable root.
			pub unavailable_cooldown: BlockNumber,
			/// Enabled URI schemes.
			pub uri_schemes: UriSchemes,
			/// Storage fee.
			pub storage_fee: Balance,
		}

		/// Version 5's parameters (absent when governance never set them).
		#[storage_alias]
		pub type Params<T: Config> =
			StorageValue<Pallet<T>, ParametersV5<BalanceOf<T>, BlockNumberFor<T>>, OptionQuery>;

		/// A model version as version 5 stored it: without an architecture.
		#[derive(Encode, Decode)]
		pub struct ModelVersionV5<Name, BlockNumber> {
			/// Name.
			pub name: Name,
			/// Root of the weights.
			pub weights_root: ContentHash,
			/// Parent version.
			pub parent: Option<ModelVersionId>,
			/// Registration block.
			pub registered_at: BlockNumber,
		}

		/// Version 5's model version in this runtime's types.
		pub type ModelVersionV5Of<T> = ModelVersionV5<Vec<u8>, BlockNumberFor<T>>;
	}

	/// The migration itself; run it through [`MigrateV5ToV6`], which checks the version.
	pub struct InnerMigrateV5ToV6<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV5ToV6<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut items: u64 = 1;
			let mut writes: u64 = 0;
			ModelVersions::<T>::translate::<v5::ModelVersionV5Of<T>, _>(|_, old| {
				items = items.saturating_add(1);
				Some(ModelVersionV6 {
					name: old.name,
					weights_root: old.weights_root,
					parent: old.parent,
					registered_at: old.registered_at,
					architecture: None,
				})
			});
			if let Some(old) = v5::Params::<T>::get() {
				Params::<T>::put(Parameters {
					quorum: old.quorum,
					min_attestations: old.min_attestations,
					verification_period: old.verification_period,
					deposit_base: old.deposit_base,
					deposit_per_byte: old.deposit_per_byte,
					unavailable_slash: old.unavailable_slash,
					unavailable_cooldown: old.unavailable_cooldown,
					uri_schemes: old.uri_schemes,
					storage_fee: old.storage_fee,
					unevaluated_score: T::DefaultParameters::get().unevaluated_score,
				});
				writes = 1;
			}
			T::DbWeight::get().reads_writes(items, items.saturating_sub(1).saturating_add(writes))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((ModelVersions::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				ModelVersions::<T>::iter_values().count() as u64 == before,
				"a model version was lost"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 5 to 6, run once: checks and bumps the pallet's storage version.
	pub type MigrateV5ToV6<T> = VersionedMigration<
		5,
		6,
		InnerMigrateV5ToV6<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 7: licenses and consent.
///
/// Every contribution gains its owner's [`crate::Consent`]. Contributions registered before
/// consent was asked for declared none, so each category becomes
/// [`crate::ConsentLevel::Constrained`]: the terms are whatever their license says, which
/// keeps them out of commercial releases and in non-commercial ones. The license list
/// ([`crate::Licenses`]) starts as the runtime's default list `L` when it is empty.
pub mod v7 {
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;

	use crate::{
		Attestation, BalanceOf, Config, Consent, ConsentLevel, ContentHash, Contribution,
		ContributionId, ContributionKind, ContributionStatus, LicenseTerms, Pallet,
	};

	/// The version 6 layout.
	pub mod v6 {
		use super::*;

		/// A contribution as version 6 stored it: without consent.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
		pub struct ContributionV6<AccountId, Balance, BlockNumber, Uri, License, Attestations> {
			/// Owner.
			pub owner: AccountId,
			/// Kind.
			pub kind: ContributionKind,
			/// Content root.
			pub root: ContentHash,
			/// Size in bytes.
			pub bytes: u64,
			/// URI.
			pub uri: Uri,
			/// License.
			pub license: License,
			/// Description hash.
			pub description_hash: Option<[u8; 32]>,
			/// Deposit.
			pub deposit: Balance,
			/// Submission block.
			pub submitted_at: BlockNumber,
			/// Deadline.
			pub deadline: BlockNumber,
			/// Status.
			pub status: ContributionStatus,
			/// Attestations.
			pub attestations: Attestations,
			/// The owner's previous contribution.
			pub previous_of_owner: Option<ContributionId>,
		}

		/// Version 6's contribution in this runtime's types.
		pub type ContributionV6Of<T> = ContributionV6<
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
			BlockNumberFor<T>,
			BoundedVec<u8, <T as Config>::MaxUriLen>,
			BoundedVec<u8, <T as Config>::MaxLicenseLen>,
			BoundedVec<
				Attestation<<T as frame_system::Config>::AccountId>,
				<T as Config>::MaxAttestations,
			>,
		>;

		/// Version 6's contributions.
		#[storage_alias]
		pub type Contributions<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, ContributionId, ContributionV6Of<T>, OptionQuery>;
	}

	/// The migration itself; run it through [`MigrateV6ToV7`], which checks the version.
	pub struct InnerMigrateV6ToV7<T, L>(core::marker::PhantomData<(T, L)>);

	impl<T: Config, L: Get<Vec<(Vec<u8>, LicenseTerms)>>> UncheckedOnRuntimeUpgrade
		for InnerMigrateV6ToV7<T, L>
	{
		fn on_runtime_upgrade() -> Weight {
			let mut contributions: u64 = 0;
			crate::Contributions::<T>::translate::<v6::ContributionV6Of<T>, _>(|_, old| {
				contributions = contributions.saturating_add(1);
				Some(Contribution {
					owner: old.owner,
					kind: old.kind,
					root: old.root,
					bytes: old.bytes,
					uri: old.uri,
					license: old.license,
					consent: Consent::all(ConsentLevel::Constrained),
					description_hash: old.description_hash,
					deposit: old.deposit,
					submitted_at: old.submitted_at,
					deadline: old.deadline,
					status: old.status,
					attestations: old.attestations,
					previous_of_owner: old.previous_of_owner,
				})
			});
			let mut licenses: u64 = 0;
			if crate::LicenseCount::<T>::get() == 0 {
				for (license, terms) in L::get() {
					if Pallet::<T>::list_license(license, terms).is_ok() {
						licenses = licenses.saturating_add(1);
					}
				}
			}
			T::DbWeight::get().reads_writes(
				contributions.saturating_add(1),
				contributions
					.saturating_add(licenses)
					.saturating_add(licenses.min(1)),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((v6::Contributions::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				crate::Contributions::<T>::iter_values().count() as u64 == before,
				"a contribution was lost"
			);
			ensure!(
				crate::LicenseCount::<T>::get() > 0,
				"no license is accepted after the upgrade"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 6 to 7, run once: checks and bumps the pallet's storage version.
	pub type MigrateV6ToV7<T, L> = VersionedMigration<
		6,
		7,
		InnerMigrateV6ToV7<T, L>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 8: one expiry list per deadline, in pages.
///
/// [`crate::Expiring`] was a double map keyed by deadline and contribution id; it becomes a
/// double map keyed by deadline and page, each page `ExpiryPageSize` ids in id order, which
/// the submissions of a block fill one after another, and [`crate::ExpiringCount`] counts
/// each deadline's entries. A deadline with more pending contributions than
/// `MaxSubmissionsPerDeadline` (possible only while lists were unbounded) passes the
/// newest on to the next deadline, whose contributions then expire a block later.
pub mod v8 {
	use alloc::{collections::btree_map::BTreeMap, vec::Vec};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_runtime::traits::{One, Saturating};

	use crate::{Config, ContributionId, Contributions, Expiring, ExpiringCount, Pallet};

	/// The version 7 layout.
	pub mod v7 {
		use super::*;

		/// Every pending contribution, by deadline and then id.
		#[storage_alias]
		pub type Expiring<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Twox64Concat,
			BlockNumberFor<T>,
			Twox64Concat,
			ContributionId,
			(),
			OptionQuery,
		>;
	}

	/// The migration itself; run it through [`MigrateV7ToV8`], which checks the version.
	pub struct InnerMigrateV7ToV8<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV7ToV8<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut by_deadline: BTreeMap<BlockNumberFor<T>, Vec<ContributionId>> = BTreeMap::new();
			let mut entries: u64 = 0;
			for (deadline, id) in v7::Expiring::<T>::iter_keys() {
				entries = entries.saturating_add(1);
				by_deadline.entry(deadline).or_default().push(id);
			}
			let _ = v7::Expiring::<T>::clear(u32::MAX, None);

			let bound = T::MaxSubmissionsPerDeadline::get() as usize;
			let mut lists: u64 = 0;
			let mut moved: u64 = 0;
			let mut carried: Vec<ContributionId> = Vec::new();
			let mut next = by_deadline.first_key_value().map(|(deadline, _)| *deadline);
			while let Some(deadline) = next {
				let mut ids = core::mem::take(&mut carried);
				let mut own = by_deadline.remove(&deadline).unwrap_or_default();
				own.sort_unstable();
				ids.extend(own);
				if ids.len() > bound {
					carried = ids.split_off(bound);
					for id in &carried {
						moved = moved.saturating_add(1);
						Contributions::<T>::mutate(id, |c| {
							if let Some(c) = c {
								c.deadline = deadline.saturating_add(One::one());
							}
						});
					}
				}
				let page_size = Pallet::<T>::expiry_page_size() as usize;
				ExpiringCount::<T>::insert(deadline, ids.len() as u32);
				for (page, ids) in (0u32..).zip(ids.chunks(page_size)) {
					Expiring::<T>::insert(deadline, page, BoundedVec::truncate_from(ids.to_vec()));
					lists = lists.saturating_add(1);
				}
				lists = lists.saturating_add(1);
				next = if carried.is_empty() {
					by_deadline.first_key_value().map(|(deadline, _)| *deadline)
				} else {
					Some(deadline.saturating_add(One::one()))
				};
			}
			T::DbWeight::get().reads_writes(
				entries.saturating_add(moved).saturating_add(1),
				entries.saturating_add(lists).saturating_add(moved),
			)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((v7::Expiring::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			let after: u64 = Expiring::<T>::iter_values()
				.map(|ids| ids.len() as u64)
				.sum();
			let counted: u64 = ExpiringCount::<T>::iter_values().map(u64::from).sum();
			ensure!(counted == after, "a deadline's count and its pages differ");
			ensure!(after == before, "an expiry entry was lost");
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 7 to 8, run once: checks and bumps the pallet's storage version.
	pub type MigrateV7ToV8<T> = VersionedMigration<
		7,
		8,
		InnerMigrateV7ToV8<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Where model versions lived until the models pallet took the registry over (its storage
/// version 1 moves them there): the layout of this pallet's storage versions 3 to 6, for the
/// migrations that read or move them.
pub mod model_versions {
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use frame_support::{pallet_prelude::*, storage_alias};
	use frame_system::pallet_prelude::BlockNumberFor;

	use crate::{Config, ContentHash, ModelVersionId, Pallet};

	/// A model version's architecture as storage version 6 kept it.
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct ArchitectureV6 {
		/// BLAKE3 of the weights' tensor list.
		pub fingerprint: ContentHash,
		/// Where the weights are published.
		pub uri: Vec<u8>,
	}

	/// A model version as storage version 6 kept it (bounded vectors encode as plain ones).
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct ModelVersionV6<Name, BlockNumber> {
		/// Name.
		pub name: Name,
		/// Root of the weights.
		pub weights_root: ContentHash,
		/// Parent version.
		pub parent: Option<ModelVersionId>,
		/// Registration block.
		pub registered_at: BlockNumber,
		/// Architecture, if registered.
		pub architecture: Option<ArchitectureV6>,
	}

	/// The model versions, by id.
	#[storage_alias]
	pub type ModelVersions<T: Config> = StorageMap<
		Pallet<T>,
		Twox64Concat,
		ModelVersionId,
		ModelVersionV6<Vec<u8>, BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// The id the next model version would have got.
	#[storage_alias]
	pub type NextModelVersionId<T: Config> = StorageValue<Pallet<T>, ModelVersionId, ValueQuery>;
}
