//! Storage migrations of the contributions pallet.

/// Version 2: the per-owner index and pending counts move into one [`crate::Owners`] record
/// per contributor, and each contribution links to its owner's previous one
/// ([`crate::Contribution::previous_of_owner`]), so that a submission writes one owner item
/// instead of two.
///
/// The migration reads every contribution in one block: fine for the chains that have
/// version 1 storage (young test networks), not for a chain with millions of contributions.
pub mod v2 {
	use alloc::{collections::btree_map::BTreeMap, vec::Vec};
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;

	use crate::{
		BalanceOf, Config, ContentHash, Contribution, ContributionId, ContributionKind,
		ContributionStatus, Contributions, OwnerRecord, Owners, Pallet,
	};

	/// The version 1 layout.
	pub mod v1 {
		use super::*;

		/// Version 1's per-owner index.
		#[storage_alias]
		pub type ContributionsByOwner<T: Config> = StorageDoubleMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			Twox64Concat,
			ContributionId,
			(),
			OptionQuery,
		>;

		/// Version 1's pending counts.
		#[storage_alias]
		pub type PendingCount<T: Config> = StorageMap<
			Pallet<T>,
			Blake2_128Concat,
			<T as frame_system::Config>::AccountId,
			u32,
			ValueQuery,
		>;

		/// A contribution as version 1 stored it: without `previous_of_owner`.
		#[derive(Encode, Decode)]
		pub struct ContributionV1<AccountId, Balance, BlockNumber, Uri, License, Attestations> {
			/// Owner.
			pub owner: AccountId,
			/// Kind.
			pub kind: ContributionKind,
			/// Root.
			pub root: ContentHash,
			/// Size.
			pub size: u64,
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
		}

		/// Version 1's contribution record in this runtime's types.
		pub type ContributionV1Of<T> = ContributionV1<
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
			BlockNumberFor<T>,
			BoundedVec<u8, <T as Config>::MaxUriLen>,
			BoundedVec<u8, <T as Config>::MaxLicenseLen>,
			BoundedVec<
				crate::Attestation<<T as frame_system::Config>::AccountId>,
				<T as Config>::MaxAttestations,
			>,
		>;

		/// Version 1's contributions, by id.
		#[storage_alias]
		pub type Contributions<T: Config> =
			StorageMap<Pallet<T>, Twox64Concat, ContributionId, ContributionV1Of<T>, OptionQuery>;
	}

	/// The migration itself; run it through [`MigrateV1ToV2`], which checks the version.
	pub struct InnerMigrateV1ToV2<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut ids: Vec<ContributionId> = v1::Contributions::<T>::iter_keys().collect();
			ids.sort_unstable();
			let mut owners: BTreeMap<T::AccountId, OwnerRecord> = BTreeMap::new();
			let mut reads: u64 = 0;
			let mut writes: u64 = 0;
			for id in &ids {
				reads = reads.saturating_add(1);
				let Some(old) = v1::Contributions::<T>::get(id) else {
					continue;
				};
				let record = owners.entry(old.owner.clone()).or_default();
				let previous_of_owner = record.latest;
				record.latest = Some(*id);
				Contributions::<T>::insert(
					id,
					Contribution {
						owner: old.owner,
						kind: old.kind,
						root: old.root,
						bytes: old.size,
						uri: old.uri,
						license: old.license,
						description_hash: old.description_hash,
						deposit: old.deposit,
						submitted_at: old.submitted_at,
						deadline: old.deadline,
						status: old.status,
						attestations: old.attestations,
						previous_of_owner,
					},
				);
				writes = writes.saturating_add(1);
			}
			for (owner, mut record) in owners {
				reads = reads.saturating_add(1);
				record.pending = v1::PendingCount::<T>::get(&owner);
				Owners::<T>::insert(&owner, record);
				writes = writes.saturating_add(1);
			}
			let counts = v1::PendingCount::<T>::clear(u32::MAX, None);
			let index = v1::ContributionsByOwner::<T>::clear(u32::MAX, None);
			writes = writes
				.saturating_add(u64::from(counts.unique))
				.saturating_add(u64::from(index.unique));
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((v1::Contributions::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				Contributions::<T>::iter().count() as u64 == before,
				"contributions were lost"
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

/// Version 3: the root index says what holds each root ([`crate::RootClaim`]: contributions,
/// reservations after `Unavailable`, model versions), registered model versions' weights
/// roots are reserved, and [`crate::Parameters`] gain the minimum attestation count, the
/// `Unavailable` slash and cooldown and the accepted URI schemes (taken from
/// `Config::DefaultParameters`).
pub mod v3 {
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

	use super::model_versions::ModelVersions;
	use crate::{
		BalanceOf, ByHash, Config, ContentHash, ContributionId, Pallet, Parameters, Params,
		RootClaim,
	};

	/// The version 2 layout.
	pub mod v2 {
		use super::*;

		/// Version 2's root index: the contribution holding each root.
		#[storage_alias]
		pub type ByHash<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, ContentHash, ContributionId, OptionQuery>;

		/// Parameters as version 2 stored them.
		#[derive(Encode, Decode, Clone, Copy)]
		pub struct ParametersV2<Balance, BlockNumber> {
			/// Quorum share.
			pub quorum: Perbill,
			/// Verification period.
			pub verification_period: BlockNumber,
			/// Fixed deposit.
			pub deposit_base: Balance,
			/// Deposit per metadata byte.
			pub deposit_per_byte: Balance,
		}

		/// Version 2's parameters (absent when governance never set them).
		#[storage_alias]
		pub type Params<T: Config> =
			StorageValue<Pallet<T>, ParametersV2<BalanceOf<T>, BlockNumberFor<T>>, OptionQuery>;
	}

	/// The migration itself; run it through [`MigrateV2ToV3`], which checks the version.
	pub struct InnerMigrateV2ToV3<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 1;
			let mut writes: u64 = 0;
			let roots: Vec<(ContentHash, ContributionId)> = v2::ByHash::<T>::iter().collect();
			for (root, id) in roots {
				reads = reads.saturating_add(1);
				ByHash::<T>::insert(root, RootClaim::Contribution(id));
				writes = writes.saturating_add(1);
			}
			for (id, version) in ModelVersions::<T>::iter() {
				reads = reads.saturating_add(1);
				if !ByHash::<T>::contains_key(version.weights_root) {
					ByHash::<T>::insert(version.weights_root, RootClaim::ModelVersion(id));
					writes = writes.saturating_add(1);
				}
			}
			if let Some(old) = v2::Params::<T>::get() {
				let defaults = T::DefaultParameters::get();
				Params::<T>::put(Parameters {
					quorum: old.quorum,
					verification_period: old.verification_period,
					deposit_base: old.deposit_base,
					deposit_per_byte: old.deposit_per_byte,
					..defaults
				});
				writes = writes.saturating_add(1);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((v2::ByHash::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			let contributions = ByHash::<T>::iter_values()
				.filter(|claim| matches!(claim, RootClaim::Contribution(_)))
				.count() as u64;
			ensure!(contributions == before, "indexed roots were lost");
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

/// Version 4: expiry walks pending contributions by deadline ([`crate::Expiring`],
/// [`crate::NextExpiryDeadline`]) instead of by id from a cursor, which stopped at the first
/// contribution not yet due and so stranded later ones with earlier deadlines after the
/// verification period was shortened.
///
/// Reads the contributions from version 3's cursor on: those that may be pending.
pub mod v4 {
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		storage_alias,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	use codec::{Decode, Encode};
	use frame_system::pallet_prelude::BlockNumberFor;
	use sp_runtime::Perbill;

	use crate::{
		BalanceOf, Config, ContributionId, ContributionStatus, Contributions, Expiring,
		NextContributionId, NextExpiryDeadline, Pallet, Parameters, Params, UriSchemes,
	};

	/// The version 3 layout.
	pub mod v3 {
		use super::*;

		/// Version 3's expiry cursor: the lowest contribution id that may still be pending.
		#[storage_alias]
		pub type ExpiryCursor<T: Config> = StorageValue<Pallet<T>, ContributionId, ValueQuery>;

		/// Parameters as version 3 stored them: without the storage fee.
		#[derive(Encode, Decode, Clone, Copy)]
		pub struct ParametersV3<Balance, BlockNumber> {
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
		}

		/// Version 3's parameters (absent when governance never set them).
		#[storage_alias]
		pub type Params<T: Config> =
			StorageValue<Pallet<T>, ParametersV3<BalanceOf<T>, BlockNumberFor<T>>, OptionQuery>;
	}

	/// The migration itself; run it through [`MigrateV3ToV4`], which checks the version.
	pub struct InnerMigrateV3ToV4<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV3ToV4<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut reads: u64 = 2;
			let mut writes: u64 = 2;
			let mut earliest = frame_system::Pallet::<T>::block_number();
			let end = NextContributionId::<T>::get();
			let mut id = v3::ExpiryCursor::<T>::take();
			while id < end {
				reads = reads.saturating_add(1);
				if let Some(c) = Contributions::<T>::get(id) {
					if c.status == ContributionStatus::Pending {
						Expiring::<T>::insert(c.deadline, id, ());
						writes = writes.saturating_add(1);
						earliest = earliest.min(c.deadline);
					}
				}
				id = id.saturating_add(1);
			}
			NextExpiryDeadline::<T>::put(earliest);
			if let Some(old) = v3::Params::<T>::get() {
				// The fee the runtime defaults to, but never more than this chain's deposit base.
				let fee = T::DefaultParameters::get()
					.storage_fee
					.min(old.deposit_base);
				Params::<T>::put(Parameters {
					quorum: old.quorum,
					min_attestations: old.min_attestations,
					verification_period: old.verification_period,
					deposit_base: old.deposit_base,
					deposit_per_byte: old.deposit_per_byte,
					unavailable_slash: old.unavailable_slash,
					unavailable_cooldown: old.unavailable_cooldown,
					uri_schemes: old.uri_schemes,
					storage_fee: fee,
					unevaluated_score: T::DefaultParameters::get().unevaluated_score,
				});
				writes = writes.saturating_add(1);
			}
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			let pending = Contributions::<T>::iter_values()
				.filter(|c| c.status == ContributionStatus::Pending)
				.count() as u64;
			Ok(pending.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				Expiring::<T>::iter_keys().count() as u64 == before,
				"pending contributions were not listed for expiry"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 3 to 4, run once: checks and bumps the pallet's storage version.
	pub type MigrateV3ToV4<T> = VersionedMigration<
		3,
		4,
		InnerMigrateV3ToV4<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

/// Version 5: a dataset's verdict carries its MinHash sketch ([`crate::Verdict::Measured`]).
///
/// Version 4's `Measured` attestations have no sketch, and none can be made up on chain, so
/// the migration drops them: a pending dataset's verifiers see it awaiting their attestation
/// again and attest it with a sketch; a decided one keeps its status, and its counts stay in
/// its `DatasetMeasured` event. Every other attestation is kept as it was.
///
/// The migration reads every contribution in one block, like version 2's.
pub mod v5 {
	use alloc::vec::Vec;
	use codec::{Decode, Encode};
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use frame_system::pallet_prelude::BlockNumberFor;

	use crate::{
		Attestation, BalanceOf, Config, ContentHash, Contribution, ContributionId,
		ContributionKind, ContributionStatus, Contributions, Pallet, RecordCounts, Score, Verdict,
	};

	/// The version 4 layout.
	pub mod v4 {
		use super::*;

		/// A verdict as version 4 stored it: `Measured` without a sketch.
		#[derive(Encode, Decode, Clone, Copy)]
		pub enum VerdictV4 {
			/// Valid, with a score.
			Valid {
				/// Score.
				score: Score,
			},
			/// Hash mismatch.
			HashMismatch,
			/// Unreachable.
			Unreachable,
			/// Card mismatch.
			CardMismatch,
			/// Measured, without a sketch.
			Measured {
				/// Counts.
				counts: RecordCounts,
			},
			/// Bad format.
			BadFormat,
		}

		/// An attestation as version 4 stored it.
		#[derive(Encode, Decode)]
		pub struct AttestationV4<AccountId> {
			/// Verifier.
			pub verifier: AccountId,
			/// Verdict.
			pub verdict: VerdictV4,
		}

		/// A contribution as version 4 stored it.
		#[derive(Encode, Decode)]
		pub struct ContributionV4<AccountId, Balance, BlockNumber, Uri, License, Attestations> {
			/// Owner.
			pub owner: AccountId,
			/// Kind.
			pub kind: ContributionKind,
			/// Root.
			pub root: ContentHash,
			/// Size.
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

		/// Version 4's contribution record in this runtime's types.
		pub type ContributionV4Of<T> = ContributionV4<
			<T as frame_system::Config>::AccountId,
			BalanceOf<T>,
			BlockNumberFor<T>,
			BoundedVec<u8, <T as Config>::MaxUriLen>,
			BoundedVec<u8, <T as Config>::MaxLicenseLen>,
			Vec<AttestationV4<<T as frame_system::Config>::AccountId>>,
		>;
	}

	/// Version 4's verdict in version 5's type; `None` for `Measured`, which has no sketch.
	pub fn upgrade_verdict(old: v4::VerdictV4) -> Option<Verdict> {
		Some(match old {
			v4::VerdictV4::Valid { score } => Verdict::Valid { score },
			v4::VerdictV4::HashMismatch => Verdict::HashMismatch,
			v4::VerdictV4::Unreachable => Verdict::Unreachable,
			v4::VerdictV4::CardMismatch => Verdict::CardMismatch,
			v4::VerdictV4::Measured { .. } => return None,
			v4::VerdictV4::BadFormat => Verdict::BadFormat,
		})
	}

	/// The migration itself; run it through [`MigrateV4ToV5`], which checks the version.
	pub struct InnerMigrateV4ToV5<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV4ToV5<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut items: u64 = 0;
			Contributions::<T>::translate::<v4::ContributionV4Of<T>, _>(|_, old| {
				items = items.saturating_add(1);
				let attestations: Vec<Attestation<T::AccountId>> = old
					.attestations
					.into_iter()
					.filter_map(|a| {
						upgrade_verdict(a.verdict).map(|verdict| Attestation {
							verifier: a.verifier,
							verdict,
						})
					})
					.collect();
				Some(Contribution {
					owner: old.owner,
					kind: old.kind,
					root: old.root,
					bytes: old.bytes,
					uri: old.uri,
					license: old.license,
					description_hash: old.description_hash,
					deposit: old.deposit,
					submitted_at: old.submitted_at,
					deadline: old.deadline,
					status: old.status,
					// As many as before at most, so within the bound.
					attestations: BoundedVec::truncate_from(attestations),
					previous_of_owner: old.previous_of_owner,
				})
			});
			T::DbWeight::get().reads_writes(items, items)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok((Contributions::<T>::iter_keys().count() as u64).encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = u64::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			ensure!(
				Contributions::<T>::iter_keys().count() as u64 == before,
				"a contribution was lost"
			);
			Pallet::<T>::do_try_state()
		}
	}

	/// Version 4 to 5, run once: checks and bumps the pallet's storage version.
	pub type MigrateV4ToV5<T> = VersionedMigration<
		4,
		5,
		InnerMigrateV4ToV5<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}

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
