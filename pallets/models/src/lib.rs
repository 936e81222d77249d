//! # Models pallet
//!
//! The model versions fine-tunes build on, and model releases with their lineage and
//! usage-revenue shares: the people whose data and fine-tunes went into a release share
//! what it earns.
//!
//! - Governance registers a **model version**: name, weights root, parent version and, so
//!   that fine-tunes can build on it, its architecture (the fingerprint of its tensor list
//!   and where verifiers read it). The contributions pallet asks this registry, through
//!   [`pallet_contributions::ModelVersionRegistry`], whether a fine-tune's base exists and
//!   records an architecture; the weights root is claimed there, so no contribution can
//!   register a model's weights as its own.
//! - Governance registers a **release**: name, weights root, parent releases (at most
//!   `MaxParents`, each registered before it, so releases form a DAG and a cycle cannot be
//!   written), and its **ingredients**: verified contributions with their shares.
//! - Anyone **pays a usage fee** to a release. [`RevenueSplit`] sends `holders` of it to the
//!   release's ingredient holders, `parents` of it up to the parent releases (in equal parts,
//!   each split again the same way, at most `MaxHops` hops in all), and the rest to the reward
//!   pot. Paying never iterates over holders: each release keeps an accumulator of revenue
//!   per share ([`ledger`]), so a payment costs O(1) plus its bounded parent hops.
//! - The **owner of an ingredient contribution claims** what its shares accrued.
//!   Shares are not transferable: they belong to whoever owns the contribution (see the
//!   README).
//!
//! Rounding never creates money: every hop records what it received, what it credited to
//! holders, passed to parents and sent to the pot, and the dust that per-share rounding left
//! in the pallet's account ([`ReleaseLedger`]); try_state checks both.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod ledger;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

// The pallet macros' expansion calls `expect` on values that are always present.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use alloc::{collections::btree_set::BTreeSet, vec::Vec};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate},
			tokens::Preservation,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use pallet_contributions::{
		ContentHash, ContributionId, ContributionRegistry, IngredientRefusal, IntendedUse,
		ModelVersionId, UseRefusal,
	};
	use sp_runtime::{
		traits::{AccountIdConversion, Zero},
		SaturatedConversion, Saturating,
	};

	use super::*;

	/// Balance of the currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A model version as this runtime stores it.
	pub type ModelVersionOf<T> =
		ModelVersion<BlockNumberFor<T>, <T as Config>::MaxNameLen, <T as Config>::MaxUriLen>;

	/// A model version given at genesis: name, BLAKE3 root of the weights and, optionally,
	/// their architecture (fingerprint, URI).
	pub type GenesisModelVersion = (Vec<u8>, ContentHash, Option<(ContentHash, Vec<u8>)>);

	/// A release in this runtime's types.
	pub type ReleaseOf<T> =
		Release<BlockNumberFor<T>, <T as Config>::MaxNameLen, <T as Config>::MaxParents>;

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency usage fees are paid in.
		type Currency: Mutate<Self::AccountId>;

		/// Which contributions are verified, and whose they are.
		type Contributions: ContributionRegistry<Self::AccountId>;

		/// Registers model versions and releases, deprecates releases and sets the split.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The account holding revenue until it is claimed.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Receives what neither holders nor parents receive (the reward pot).
		type Pot: Get<Self::AccountId>;

		/// The split in force until governance sets another.
		type DefaultSplit: Get<RevenueSplit>;

		/// Longest model version or release name, in bytes.
		#[pallet::constant]
		type MaxNameLen: Get<u32>;

		/// Longest URI of a model version's published weights, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// Most parents one release has.
		#[pallet::constant]
		type MaxParents: Get<u32>;

		/// Most ingredients one release has.
		#[pallet::constant]
		type MaxIngredients: Get<u32>;

		/// Most releases one contribution is an ingredient of.
		#[pallet::constant]
		type MaxReleasesPerContribution: Get<u32>;

		/// Most parent hops one payment makes; what would go further goes to the pot.
		#[pallet::constant]
		type MaxHops: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// The storage version: 1 since the model-version registry moved here
	/// ([`crate::migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Registered model versions, by id.
	#[pallet::storage]
	pub type ModelVersions<T: Config> =
		StorageMap<_, Twox64Concat, ModelVersionId, ModelVersionOf<T>, OptionQuery>;

	/// The id the next model version gets.
	#[pallet::storage]
	pub type NextModelVersionId<T> = StorageValue<_, ModelVersionId, ValueQuery>;

	/// The id the next release gets.
	#[pallet::storage]
	pub type NextReleaseId<T> = StorageValue<_, ReleaseId, ValueQuery>;

	/// Every release, by id.
	#[pallet::storage]
	pub type Releases<T: Config> =
		StorageMap<_, Twox64Concat, ReleaseId, ReleaseOf<T>, OptionQuery>;

	/// What each release received and where it went, with its revenue per share.
	#[pallet::storage]
	pub type Ledgers<T: Config> =
		StorageMap<_, Twox64Concat, ReleaseId, ReleaseLedger<BalanceOf<T>>, ValueQuery>;

	/// The shares of each ingredient of each release.
	#[pallet::storage]
	pub type Ingredients<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ReleaseId,
		Twox64Concat,
		ContributionId,
		Shares,
		OptionQuery,
	>;

	/// What each ingredient has claimed of each release's revenue.
	#[pallet::storage]
	pub type Claimed<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ReleaseId,
		Twox64Concat,
		ContributionId,
		BalanceOf<T>,
		ValueQuery,
	>;

	/// The releases each contribution is an ingredient of.
	#[pallet::storage]
	pub type UsedBy<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ContributionId,
		BoundedVec<ReleaseId, T::MaxReleasesPerContribution>,
		ValueQuery,
	>;

	/// The split in force.
	#[pallet::storage]
	pub type Split<T: Config> = StorageValue<_, RevenueSplit, ValueQuery, T::DefaultSplit>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Model versions registered at genesis, each derived from the one before it.
		pub model_versions: Vec<GenesisModelVersion>,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// An invalid genesis must stop the chain from being built at all.
		#[allow(clippy::expect_used)]
		fn build(&self) {
			let mut parent = None;
			for (name, root, architecture) in &self.model_versions {
				let id = Pallet::<T>::insert_model_version(
					name.clone(),
					*root,
					parent,
					architecture.clone(),
				)
				.expect("genesis model versions need valid names, URIs and distinct roots");
				parent = Some(id);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance registered a model version.
		ModelVersionRegistered {
			id: ModelVersionId,
			weights_root: ContentHash,
			parent: Option<ModelVersionId>,
			/// The architecture fingerprint fine-tunes are checked against, if registered.
			fingerprint: Option<ContentHash>,
		},
		/// Governance registered a release.
		ReleaseRegistered {
			id: ReleaseId,
			weights_root: [u8; 32],
			parents: Vec<ReleaseId>,
			intended_use: IntendedUse,
			ingredients: u32,
			total_shares: Shares,
		},
		/// Governance deprecated a release: it takes no more usage fees.
		ReleaseDeprecated { id: ReleaseId },
		/// `payer` paid a usage fee to `release`.
		UsagePaid {
			release: ReleaseId,
			payer: T::AccountId,
			amount: BalanceOf<T>,
			memo: [u8; 32],
		},
		/// One hop of a payment: what `release` received (from the payer or a child release)
		/// and where it went.
		RevenueShared {
			release: ReleaseId,
			received: BalanceOf<T>,
			to_holders: BalanceOf<T>,
			to_parents: BalanceOf<T>,
			to_pot: BalanceOf<T>,
			depth: u32,
		},
		/// The owner of `contribution` claimed its revenue from `release`.
		RevenueClaimed {
			release: ReleaseId,
			contribution: ContributionId,
			owner: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// Governance set the revenue split.
		SplitSet { split: RevenueSplit },
		/// What revoked or taken-down `contribution`'s shares in `release` had accrued went to
		/// the reward pot.
		RevenueSwept {
			release: ReleaseId,
			contribution: ContributionId,
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The name is empty or longer than `MaxNameLen`.
		InvalidName,
		/// The parent model version is not registered.
		UnknownParentVersion,
		/// The model version's weights URI is empty, longer than `MaxUriLen` or of a scheme
		/// the chain does not enable (`ContributionsApi::parameters`, `uri_schemes`).
		InvalidModelUri,
		/// The weights root is already held: by a contribution, a reservation after
		/// `Unavailable`, or another model version.
		WeightsRootTaken,
		/// More parents than `MaxParents`, or a parent twice.
		InvalidParents,
		/// A parent release is not registered (a release can only build on earlier ones,
		/// so the lineage has no cycle).
		UnknownParent,
		/// No ingredient, more than `MaxIngredients`, or one twice.
		InvalidIngredients,
		/// An ingredient is not a verified contribution.
		IngredientNotVerified,
		/// An ingredient's license is no longer on the chain's list of accepted licenses, so
		/// nothing says what it allows.
		IngredientLicenseNotAccepted,
		/// An ingredient's license does not allow the release's intended use: training,
		/// publishing weights, or (for a commercial release) commercial use.
		IngredientLicenseForbids,
		/// An ingredient's owner does not consent to the release's intended use: AI
		/// training, generative training (for a generative release) or, where consent is
		/// constrained, a commercial release.
		IngredientConsentForbids,
		/// The release would be used more widely than a parent allows: commercially when a
		/// parent is not, or generatively when a parent is not.
		UseBeyondParent,
		/// An ingredient has zero shares (given, or its reward weight: a verified copy is
		/// worth nothing unless governance gives it shares).
		ZeroShares,
		/// A contribution is already an ingredient of `MaxReleasesPerContribution` releases.
		TooManyReleasesForContribution,
		/// The release is not registered.
		UnknownRelease,
		/// The release is deprecated: it takes no usage fees.
		ReleaseDeprecated,
		/// A usage fee of zero.
		ZeroPayment,
		/// The payment is too large for the per-share accumulator of this release.
		PaymentTooLarge,
		/// The contribution is not an ingredient of the release.
		NotAnIngredient,
		/// Only the owner of the contribution claims its revenue.
		NotTheOwner,
		/// Nothing has accrued since the last claim.
		NothingToClaim,
		/// `holders` and `parents` together exceed the whole.
		InvalidSplit,
		/// No more release ids.
		IdsExhausted,
		/// Only the revenue of a contribution a dispute revoked or took down is swept to the
		/// pot; its owner claims the revenue of one in use.
		StillInUse,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a model version fine-tunes can build on (governance): its name, the root
		/// of its weights, the version it derives from and, so that fine-tunes can build on
		/// it, its architecture: the fingerprint of its tensor list (`gongyu-node
		/// fingerprint <dir>`) and the URI verifiers read the tensor list from.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::register_model_version())]
		pub fn register_model_version(
			origin: OriginFor<T>,
			name: Vec<u8>,
			weights_root: ContentHash,
			parent: Option<ModelVersionId>,
			architecture: Option<(ContentHash, Vec<u8>)>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let fingerprint = architecture.as_ref().map(|(fingerprint, _)| *fingerprint);
			let id = Self::insert_model_version(name, weights_root, parent, architecture)?;
			Self::deposit_event(Event::ModelVersionRegistered {
				id,
				weights_root,
				parent,
				fingerprint,
			});
			Ok(())
		}

		/// Register a release (governance): its weights' root and architecture fingerprint,
		/// the releases it was built from, what it will be used for (`intended_use`: every
		/// ingredient's license and consent must allow it, and each parent's use must cover
		/// it), and its `ingredients`: verified contributions with
		/// their shares (`None`: the contribution's reward weight, its score times its
		/// rewarded bytes, from its receipt; one share if it has no receipt).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_release(parents.len() as u32, ingredients.len() as u32))]
		pub fn register_release(
			origin: OriginFor<T>,
			name: Vec<u8>,
			weights_root: [u8; 32],
			fingerprint: [u8; 32],
			parents: Vec<ReleaseId>,
			intended_use: IntendedUse,
			ingredients: Vec<(ContributionId, Option<Shares>)>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!name.is_empty(), Error::<T>::InvalidName);
			let name: BoundedVec<u8, T::MaxNameLen> =
				name.try_into().map_err(|_| Error::<T>::InvalidName)?;
			let unique_parents: BTreeSet<_> = parents.iter().collect();
			ensure!(
				unique_parents.len() == parents.len(),
				Error::<T>::InvalidParents
			);
			let parents: BoundedVec<ReleaseId, T::MaxParents> =
				parents.try_into().map_err(|_| Error::<T>::InvalidParents)?;
			for parent in &parents {
				let parent = Releases::<T>::get(parent).ok_or(Error::<T>::UnknownParent)?;
				ensure!(
					intended_use.is_within(parent.intended_use),
					Error::<T>::UseBeyondParent
				);
			}
			let unique: BTreeSet<_> = ingredients.iter().map(|(id, _)| id).collect();
			ensure!(
				!ingredients.is_empty()
					&& unique.len() == ingredients.len()
					&& ingredients.len() <= T::MaxIngredients::get() as usize,
				Error::<T>::InvalidIngredients
			);
			let id = NextReleaseId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let mut total_shares: Shares = 0;
			let mut uses = Vec::with_capacity(ingredients.len());
			for (contribution, shares) in &ingredients {
				let shares = T::Contributions::ingredient(*contribution, intended_use, *shares)
					.map_err(|refusal| match refusal {
						IngredientRefusal::NotVerified => Error::<T>::IngredientNotVerified,
						IngredientRefusal::Use(UseRefusal::LicenseNotAccepted) => {
							Error::<T>::IngredientLicenseNotAccepted
						}
						IngredientRefusal::Use(UseRefusal::LicenseForbids) => {
							Error::<T>::IngredientLicenseForbids
						}
						IngredientRefusal::Use(UseRefusal::ConsentForbids) => {
							Error::<T>::IngredientConsentForbids
						}
					})?
					.unwrap_or(1);
				ensure!(shares > 0, Error::<T>::ZeroShares);
				total_shares = total_shares
					.checked_add(shares)
					.ok_or(Error::<T>::InvalidIngredients)?;
				let mut used = UsedBy::<T>::get(contribution);
				used.try_push(id)
					.map_err(|_| Error::<T>::TooManyReleasesForContribution)?;
				uses.push((*contribution, shares, used));
			}
			// Every check passed: write.
			for (contribution, shares, used) in uses {
				Ingredients::<T>::insert(id, contribution, shares);
				UsedBy::<T>::insert(contribution, used);
			}
			Releases::<T>::insert(
				id,
				Release {
					name,
					weights_root,
					fingerprint,
					parents: parents.clone(),
					intended_use,
					ingredients: ingredients.len() as u32,
					total_shares,
					deprecated: false,
					registered_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			NextReleaseId::<T>::put(next);
			Self::deposit_event(Event::ReleaseRegistered {
				id,
				weights_root,
				parents: parents.into_inner(),
				intended_use,
				ingredients: ingredients.len() as u32,
				total_shares,
			});
			Ok(())
		}

		/// Deprecate a release (governance): it takes no more usage fees; what it accrued
		/// stays claimable, and fees paid to releases built on it still reach it.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::deprecate_release())]
		pub fn deprecate_release(origin: OriginFor<T>, id: ReleaseId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Releases::<T>::try_mutate(id, |release| {
				let release = release.as_mut().ok_or(Error::<T>::UnknownRelease)?;
				release.deprecated = true;
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::ReleaseDeprecated { id });
			Ok(())
		}

		/// Pay a usage fee of `amount` to `release`, with a hash of what it pays for.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::pay_usage(T::MaxHops::get(), T::MaxIngredients::get()))]
		pub fn pay_usage(
			origin: OriginFor<T>,
			release: ReleaseId,
			amount: BalanceOf<T>,
			memo: [u8; 32],
		) -> DispatchResultWithPostInfo {
			let payer = ensure_signed(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroPayment);
			let target = Releases::<T>::get(release).ok_or(Error::<T>::UnknownRelease)?;
			ensure!(!target.deprecated, Error::<T>::ReleaseDeprecated);
			let plan = ledger::plan_payment::<T>(release, amount, Split::<T>::get())?;
			T::Currency::transfer(&payer, &Self::account_id(), amount, Preservation::Preserve)?;
			if !plan.to_pot.is_zero() {
				T::Currency::transfer(
					&Self::account_id(),
					&T::Pot::get(),
					plan.to_pot,
					Preservation::Expendable,
				)?;
			}
			Self::deposit_event(Event::UsagePaid {
				release,
				payer,
				amount,
				memo,
			});
			let hops = plan.hops.len() as u32;
			for (id, ledger) in plan.ledgers {
				Ledgers::<T>::insert(id, ledger);
			}
			for hop in plan.hops {
				Self::deposit_event(Event::RevenueShared {
					release: hop.release,
					received: hop.received,
					to_holders: hop.to_holders,
					to_parents: hop.to_parents,
					to_pot: hop.to_pot,
					depth: hop.depth,
				});
			}
			let ingredients = target.ingredients;
			Ok(Some(T::WeightInfo::pay_usage(
				hops.saturating_sub(1),
				ingredients,
			))
			.into())
		}

		/// Claim what contribution `contribution`'s shares in `release` accrued (its owner).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim_revenue())]
		pub fn claim_revenue(
			origin: OriginFor<T>,
			release: ReleaseId,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let shares =
				Ingredients::<T>::get(release, contribution).ok_or(Error::<T>::NotAnIngredient)?;
			ensure!(
				T::Contributions::verified_owner(contribution).as_ref() == Some(&who),
				Error::<T>::NotTheOwner
			);
			let ledger = Ledgers::<T>::get(release);
			let claimed = Claimed::<T>::get(release, contribution);
			let amount = ledger::accrued::<T>(shares, &ledger).saturating_sub(claimed);
			ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
			T::Currency::transfer(&Self::account_id(), &who, amount, Preservation::Expendable)?;
			Claimed::<T>::insert(release, contribution, claimed.saturating_add(amount));
			Self::deposit_event(Event::RevenueClaimed {
				release,
				contribution,
				owner: who,
				amount,
			});
			Ok(())
		}

		/// Send what a revoked or taken-down contribution's shares in `release` accrued to the
		/// reward pot (anyone may): its owner can no longer claim it, and it must not sit in
		/// this pallet's account for ever. Its shares keep their place in the ledger, so the
		/// other holders' revenue is unchanged; what they accrue from now on goes the same way.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::sweep_revenue())]
		pub fn sweep_revenue(
			origin: OriginFor<T>,
			release: ReleaseId,
			contribution: ContributionId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			ensure!(
				Ingredients::<T>::contains_key(release, contribution),
				Error::<T>::NotAnIngredient
			);
			ensure!(
				T::Contributions::withdrawn(contribution).is_some(),
				Error::<T>::StillInUse
			);
			let amount = Self::claimable(release, contribution);
			ensure!(!amount.is_zero(), Error::<T>::NothingToClaim);
			T::Currency::transfer(
				&Self::account_id(),
				&T::Pot::get(),
				amount,
				Preservation::Expendable,
			)?;
			Claimed::<T>::mutate(release, contribution, |claimed| {
				*claimed = claimed.saturating_add(amount)
			});
			Self::deposit_event(Event::RevenueSwept {
				release,
				contribution,
				amount,
			});
			Ok(())
		}

		/// Set the revenue split (governance).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_split())]
		pub fn set_split(origin: OriginFor<T>, split: RevenueSplit) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(split.is_valid(), Error::<T>::InvalidSplit);
			Split::<T>::put(split);
			Self::deposit_event(Event::SplitSet { split });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Checks and stores a model version, claiming its weights root; its id. Changes
		/// nothing when a check fails.
		pub(crate) fn insert_model_version(
			name: Vec<u8>,
			weights_root: ContentHash,
			parent: Option<ModelVersionId>,
			architecture: Option<(ContentHash, Vec<u8>)>,
		) -> Result<ModelVersionId, DispatchError> {
			ensure!(!name.is_empty(), Error::<T>::InvalidName);
			let name: BoundedVec<u8, T::MaxNameLen> =
				name.try_into().map_err(|_| Error::<T>::InvalidName)?;
			if let Some(parent) = parent {
				ensure!(
					ModelVersions::<T>::contains_key(parent),
					Error::<T>::UnknownParentVersion
				);
			}
			let architecture = architecture
				.map(|(fingerprint, uri)| {
					ensure!(
						T::Contributions::accepts_uri(&uri),
						Error::<T>::InvalidModelUri
					);
					let uri: BoundedVec<u8, T::MaxUriLen> =
						uri.try_into().map_err(|_| Error::<T>::InvalidModelUri)?;
					Ok::<_, DispatchError>(ModelArchitecture { fingerprint, uri })
				})
				.transpose()?;
			let id = NextModelVersionId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			// The last check writes the claim when it passes.
			ensure!(
				T::Contributions::claim_model_root(weights_root, id),
				Error::<T>::WeightsRootTaken
			);
			ModelVersions::<T>::insert(
				id,
				ModelVersion {
					name,
					weights_root,
					parent,
					registered_at: frame_system::Pallet::<T>::block_number(),
					architecture,
				},
			);
			NextModelVersionId::<T>::put(next);
			Ok(id)
		}

		/// The account holding unclaimed revenue.
		pub fn account_id() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// What contribution `contribution` can claim from `release` now.
		pub fn claimable(release: ReleaseId, contribution: ContributionId) -> BalanceOf<T> {
			let Some(shares) = Ingredients::<T>::get(release, contribution) else {
				return Zero::zero();
			};
			ledger::accrued::<T>(shares, &Ledgers::<T>::get(release))
				.saturating_sub(Claimed::<T>::get(release, contribution))
		}

		/// Model version `id` as the runtime API returns it.
		pub fn model_version_info(
			id: ModelVersionId,
		) -> Option<ModelVersionInfo<BlockNumberFor<T>>> {
			ModelVersions::<T>::get(id).map(ModelVersion::into_info)
		}

		/// Release `id` as the runtime API returns it.
		pub fn release_info(id: ReleaseId) -> Option<ReleaseInfo<BalanceOf<T>, BlockNumberFor<T>>> {
			let release = Releases::<T>::get(id)?;
			Some(ReleaseInfo {
				id,
				name: release.name.into_inner(),
				weights_root: release.weights_root,
				fingerprint: release.fingerprint,
				parents: release.parents.into_inner(),
				intended_use: release.intended_use,
				ingredients: release.ingredients,
				total_shares: release.total_shares,
				deprecated: release.deprecated,
				registered_at: release.registered_at,
				ledger: Ledgers::<T>::get(id),
			})
		}

		/// What each of `contributions` can claim, per release, where anything accrued.
		pub fn claimable_of(
			contributions: &[ContributionId],
		) -> Vec<(ReleaseId, ContributionId, BalanceOf<T>)> {
			contributions
				.iter()
				.flat_map(|c| UsedBy::<T>::get(c).into_iter().map(move |r| (r, *c)))
				.map(|(r, c)| (r, c, Self::claimable(r, c)))
				.filter(|(_, _, amount)| !amount.is_zero())
				.collect()
		}

		/// What the owner of `contributions` can claim, per release and in total.
		pub fn claimable_summary(
			contributions: &[ContributionId],
		) -> ClaimableRevenue<BalanceOf<T>> {
			let per_release = Self::claimable_of(contributions);
			let total = per_release
				.iter()
				.fold(BalanceOf::<T>::zero(), |sum, (_, _, amount)| {
					sum.saturating_add(*amount)
				});
			ClaimableRevenue { per_release, total }
		}

		/// The taken-down contributions in `release` and in its ancestors (to `MaxHops`
		/// generations), as (release, contribution): a release is flagged if any release it
		/// builds on includes a contribution a rights holder had taken down.
		pub fn taken_down_in(release: ReleaseId) -> Vec<(ReleaseId, ContributionId)> {
			let mut releases = alloc::vec![release];
			releases.extend(Self::lineage(release, T::MaxHops::get()));
			releases
				.into_iter()
				.flat_map(|id| {
					Ingredients::<T>::iter_key_prefix(id)
						.filter(|c| {
							T::Contributions::withdrawn(*c)
								== Some(pallet_contributions::Revocation::TakeDown)
						})
						.map(move |c| (id, c))
						.collect::<Vec<_>>()
				})
				.collect()
		}

		/// The ancestors of `release`, breadth first, each once, to `depth` generations.
		pub fn lineage(release: ReleaseId, depth: u32) -> Vec<ReleaseId> {
			let mut seen = BTreeSet::new();
			let mut frontier = alloc::vec![release];
			let mut ancestors = Vec::new();
			for _ in 0..depth {
				let mut next = Vec::new();
				for id in frontier {
					for parent in Releases::<T>::get(id)
						.map(|r| r.parents)
						.unwrap_or_default()
					{
						if seen.insert(parent) {
							ancestors.push(parent);
							next.push(parent);
						}
					}
				}
				if next.is_empty() {
					break;
				}
				frontier = next;
			}
			ancestors
		}

		/// Checks that every release's revenue is accounted for and the pallet's account
		/// covers what holders can still claim. Reads every ledger and ingredient: for
		/// try_state and offline checks, not for dispatchables.
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let mut owed: u128 = 0;
			for (id, ledger) in Ledgers::<T>::iter() {
				let out = ledger
					.to_holders
					.saturating_add(ledger.to_parents)
					.saturating_add(ledger.to_pot);
				ensure!(
					out == ledger.received,
					"a release's revenue is not accounted for"
				);
				ensure!(
					ledger.dust <= ledger.to_holders,
					"a release's dust exceeds what it credited to holders"
				);
				let mut claimable_here: u128 = 0;
				for (contribution, shares) in Ingredients::<T>::iter_prefix(id) {
					let accrued = ledger::accrued::<T>(shares, &ledger);
					let claimed = Claimed::<T>::get(id, contribution);
					ensure!(
						claimed <= accrued,
						"an ingredient claimed more than accrued"
					);
					claimable_here = claimable_here
						.saturating_add(accrued.saturating_sub(claimed).saturated_into::<u128>());
				}
				let credited = ledger.to_holders.saturating_sub(ledger.dust);
				let claimed_total: u128 = Claimed::<T>::iter_prefix_values(id)
					.map(|c| c.saturated_into::<u128>())
					.fold(0u128, |a, b| a.saturating_add(b));
				ensure!(
					claimable_here.saturating_add(claimed_total)
						<= credited.saturated_into::<u128>(),
					"holders can claim more than was credited to them"
				);
				owed = owed.saturating_add(
					ledger
						.to_holders
						.saturated_into::<u128>()
						.saturating_sub(claimed_total),
				);
			}
			let held: u128 = T::Currency::balance(&Self::account_id()).saturated_into();
			ensure!(
				held >= owed,
				"the pallet's account does not cover unclaimed revenue"
			);
			Ok(())
		}
	}
}

impl<T: Config> pallet_contributions::ModelVersionRegistry for Pallet<T> {
	fn has_architecture(id: pallet_contributions::ModelVersionId) -> Option<bool> {
		ModelVersions::<T>::get(id).map(|version| version.architecture.is_some())
	}

	fn weights_root(id: pallet_contributions::ModelVersionId) -> Option<[u8; 32]> {
		ModelVersions::<T>::get(id).map(|version| version.weights_root)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_base() -> Option<pallet_contributions::ModelVersionId> {
		let id = NextModelVersionId::<T>::get();
		let mut root = [0xb0; 32];
		root[..4].copy_from_slice(&id.to_le_bytes());
		Self::insert_model_version(
			alloc::vec![b'b'],
			root,
			None,
			Some(([0xb1; 32], benchmarking::weights_uri::<T>())),
		)
		.ok()
	}
}
