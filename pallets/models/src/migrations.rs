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
