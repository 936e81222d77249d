//! Storage migrations of the models pallet.

/// Version 1: the model-version registry moves here from the contributions pallet.
///
/// Every model version the contributions pallet kept (its storage versions 3 to 6, in the
/// layout [`pallet_contributions::migrations::model_versions`] describes, under the prefix
/// of the runtime's `Contributions` pallet) is written here under the same id,
/// with the same name, weights root, parent, block and architecture, and the id counter
/// follows; the old items are removed. The contributions pallet's `ByHash` claims on the
/// weights roots stay as they are: they name the same ids. Versions are few (governance
/// registers them one by one), so one block moves them all.
///
/// Run it after the contributions pallet's own migrations up to its version 6.
pub mod v1 {
	use alloc::vec::Vec;
	#[cfg(feature = "try-runtime")]
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use pallet_contributions::{migrations::model_versions::ModelVersionV6, ModelVersionId};

	use crate::{
		Config, ModelArchitecture, ModelVersion, ModelVersions, NextModelVersionId, Pallet,
	};

	/// The migration itself; run it through [`MoveModelVersions`], which checks the version.
	pub struct InnerMoveModelVersions<T>(core::marker::PhantomData<T>);

	/// Where the contributions pallet (named `Contributions` in the runtime) kept them.
	pub mod old {
		use super::*;

		/// The model versions, by id.
		#[storage_alias]
		pub type ModelVersions<T: Config> = StorageMap<
			Contributions,
			Twox64Concat,
			ModelVersionId,
			ModelVersionV6<Vec<u8>, BlockNumberFor<T>>,
			OptionQuery,
		>;

		/// The id the next model version would have got.
		#[storage_alias]
		pub type NextModelVersionId = StorageValue<Contributions, ModelVersionId, ValueQuery>;
	}

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMoveModelVersions<T> {
		fn on_runtime_upgrade() -> Weight {
			let versions: Vec<_> = old::ModelVersions::<T>::drain().collect();
			let mut moved: u64 = 0;
			let mut dropped: u64 = 0;
			for (id, version) in &versions {
				// Bounds that held in the old pallet hold here (the runtime gives both the
				// same); a version that does not fit is logged and left out, not truncated.
				let name = BoundedVec::try_from(version.name.clone());
				let architecture = version
					.architecture
					.clone()
					.map(|a| {
						BoundedVec::try_from(a.uri).map(|uri| ModelArchitecture {
							fingerprint: a.fingerprint,
							uri,
						})
					})
					.transpose();
				match (name, architecture) {
					(Ok(name), Ok(architecture)) => {
						ModelVersions::<T>::insert(
							id,
							ModelVersion {
								name,
								weights_root: version.weights_root,
								parent: version.parent,
								registered_at: version.registered_at,
								architecture,
							},
						);
						moved = moved.saturating_add(1);
					}
					_ => {
						log::warn!("model version {id} exceeds the models pallet's bounds");
						dropped = dropped.saturating_add(1);
					}
				}
			}
			let next: ModelVersionId = old::NextModelVersionId::take();
			NextModelVersionId::<T>::put(next);
			let items = (versions.len() as u64).saturating_add(1);
			log::info!("moved {moved} model version(s) to the models pallet, {dropped} dropped");
			// Each item: read and removed there, written here.
			T::DbWeight::get().reads_writes(items, items.saturating_mul(2))
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let versions = old::ModelVersions::<T>::iter_keys().count() as u64;
			let next = old::NextModelVersionId::get();
			Ok((versions, next).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let (before, next) = <(u64, ModelVersionId)>::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				ModelVersions::<T>::iter_keys().count() as u64 == before,
				"a model version was lost"
			);
			ensure!(
				NextModelVersionId::<T>::get() == next,
				"the model version counter moved"
			);
			ensure!(
				old::ModelVersions::<T>::iter_keys().next().is_none(),
				"a model version stayed behind"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 0 to 1, run once: checks and bumps the pallet's storage version.
	pub type MoveModelVersions<T> = VersionedMigration<
		0,
		1,
		InnerMoveModelVersions<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 2: every release declares what it may be used for.
///
/// Releases registered before declared no use and their ingredients were never checked
/// against their licenses or consent, so each becomes a non-commercial generative model
/// (what the chain's language model is): the narrowest use that keeps them working as
/// parents of non-commercial releases and out of commercial lineages.
pub mod v2 {
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;
	use pallet_contributions::IntendedUse;

	use crate::{Config, Pallet, Release, ReleaseId, Releases, Shares};

	/// The use every release registered before version 2 gets.
	pub const USE_OF_EARLIER_RELEASES: IntendedUse = IntendedUse {
		commercial: false,
		generative: true,
	};

	/// The version 1 layout.
	pub mod v1 {
		use super::*;

		/// A release as version 1 stored it: without its intended use.
		#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
		pub struct ReleaseV1<BlockNumber, Name, Parents> {
			/// Name.
			pub name: Name,
			/// Weights root.
			pub weights_root: [u8; 32],
			/// Architecture fingerprint.
			pub fingerprint: [u8; 32],
			/// Parent releases.
			pub parents: Parents,
			/// Ingredient count.
			pub ingredients: u32,
			/// Sum of shares.
			pub total_shares: Shares,
			/// Deprecated.
			pub deprecated: bool,
			/// Registration block.
			pub registered_at: BlockNumber,
		}

		/// Version 1's release in this runtime's types.
		pub type ReleaseV1Of<T> = ReleaseV1<
			BlockNumberFor<T>,
			BoundedVec<u8, <T as Config>::MaxNameLen>,
			BoundedVec<ReleaseId, <T as Config>::MaxParents>,
		>;

		/// Version 1's releases.
		#[storage_alias]
		pub type Releases<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, ReleaseId, ReleaseV1Of<T>, OptionQuery>;
	}

	/// The migration itself; run it through [`MigrateV1ToV2`], which checks the version.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut releases: u64 = 0;
			Releases::<T>::translate::<v1::ReleaseV1Of<T>, _>(|_, old| {
				releases = releases.saturating_add(1);
				Some(Release {
					name: old.name,
					weights_root: old.weights_root,
					fingerprint: old.fingerprint,
					parents: old.parents,
					intended_use: USE_OF_EARLIER_RELEASES,
					ingredients: old.ingredients,
					total_shares: old.total_shares,
					deprecated: old.deprecated,
					registered_at: old.registered_at,
				})
			});
			T::DbWeight::get().reads_writes(releases, releases)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((v1::Releases::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				Releases::<T>::iter_values().count() as u64 == before,
				"a release was lost"
			);
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
