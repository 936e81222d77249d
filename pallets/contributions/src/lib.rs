//! # Contributions pallet
//!
//! Records contributions to Gongyu's shared language model — datasets and fine-tunes — by the
//! BLAKE3 root of their published bytes, and decides them by a quorum of governance-approved
//! verifiers.
//!
//! ## Lifecycle
//! 1. [`Pallet::submit`]: the owner registers kind, root, size in bytes, URI, license and
//!    consent ([`terms`]); a deposit is held. The license must be one governance accepts.
//!    A root is held by one contribution while pending or verified, and is reserved
//!    for its owner for a cooldown after it ended `Unavailable`; model weights' roots are
//!    held by their model version. The URI's scheme must be one governance enables.
//! 2. Verifiers (members of [`Config::Verifiers`], never the owner) fetch the bytes,
//!    re-hash them, read their contribution card and [`Pallet::attest`] `Valid { score }`,
//!    `HashMismatch`, `CardMismatch` or `Unreachable`.
//! 3. When the agreeing attestations of current verifiers reach the quorum (see
//!    [`quorum::required_votes`]: the governance share, a strict majority of the verifiers
//!    and [`Parameters::min_attestations`], whichever is most), the same call decides:
//!    `Verified` with the median score (deposit released, [`Config::OnVerified`] told),
//!    `Rejected` (wrong bytes or card: deposit slashed to [`Config::OnSlash`], the reward
//!    pot) or `Unavailable` (out of reach: part of the deposit slashed, root reserved).
//! 4. Pending contributions past their deadline expire in `on_initialize`, in deadline
//!    order and a bounded number per block; their deposit is released. An owner may
//!    withdraw a pending contribution; once a verifier attested against it, withdrawing
//!    slashes like a rejection.
//!
//! Governance ([`Config::GovernanceOrigin`]) sets [`Parameters`], keeps the list of accepted
//! licenses ([`Pallet::set_license`]) and may [`Pallet::force_decide`] a pending
//! contribution on appeal.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod lifecycle;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod novelty;
pub mod quality;
mod queries;
pub mod quorum;
pub mod runtime_api;
pub mod terms;
#[cfg(test)]
mod tests;
pub mod traits;
pub mod types;
pub mod weights;

pub use novelty::{DatasetSketch, Sketch};
pub use terms::{Consent, ConsentLevel, IntendedUse, LicenseTerms, UseRefusal};
pub use traits::{
	ContributionRegistry, IngredientRefusal, ModelVersionRegistry, OnContributionVerified,
};
pub use types::*;
pub use weights::WeightInfo;

// FRAME's pallet macros expand to `expect()` calls on spans of this module, and to a
// constructor per call taking every argument (`submit` has seven besides its origin): the
// lints are allowed here only; code outside the `pallet` module is held to them.
#[frame_support::pallet]
#[allow(clippy::expect_used, clippy::too_many_arguments)]
pub mod pallet {
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, BalancedHold, Inspect, MutateHold},
			OnUnbalanced, SortedMembers,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Saturating, Zero},
		Perbill,
	};

	use super::*;

	/// Balance type of the currency deposits are held in.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
	/// Funds taken from a slashed deposit.
	pub type CreditOf<T> =
		fungible::Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;
	/// A contribution as this runtime stores it.
	pub type ContributionOf<T> = Contribution<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::MaxUriLen,
		<T as Config>::MaxLicenseLen,
		<T as Config>::MaxAttestations,
	>;
	/// The governance parameters as this runtime stores them.
	pub type ParametersOf<T> = Parameters<BalanceOf<T>, BlockNumberFor<T>>;

	/// A license identifier as this runtime stores it.
	pub type LicenseOf<T> = BoundedVec<u8, <T as Config>::MaxLicenseLen>;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(8);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ BalancedHold<Self::AccountId>
			+ fungible::Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The verifier set (a membership pallet managed by governance).
		type Verifiers: SortedMembers<Self::AccountId>;

		/// Sets parameters and decides appeals.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives slashed deposits (the reward pot).
		type OnSlash: OnUnbalanced<CreditOf<Self>>;

		/// Told about every verified contribution.
		type OnVerified: OnContributionVerified<Self::AccountId>;

		/// The model versions fine-tunes build on (the models pallet keeps them).
		type ModelVersions: ModelVersionRegistry;

		/// Parameters in force until governance sets others.
		type DefaultParameters: Get<ParametersOf<Self>>;

		/// Longest URI, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// Longest license identifier, in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;

		/// Most licenses governance may list as accepted.
		#[pallet::constant]
		type MaxLicenses: Get<u32>;

		/// Most attestations one contribution keeps (at least the size of the verifier set).
		#[pallet::constant]
		type MaxAttestations: Get<u32>;

		/// Most contributions one account may have pending at once.
		#[pallet::constant]
		type MaxPendingPerAccount: Get<u32>;

		/// Highest score a verifier may give.
		#[pallet::constant]
		type MaxScore: Get<Score>;

		/// Most contributions `on_initialize` expires in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// Most entries of the expiry lists `on_initialize` examines in one block: those it
		/// expires, those it skips as decided already, and deadlines it finds empty. At
		/// least `MaxExpiriesPerBlock`.
		#[pallet::constant]
		type MaxExpiryChecksPerBlock: Get<u32>;

		/// Most contributions listed under one deadline ([`ExpiringCount`]): more than a
		/// block holds, since every submission of a block shares its deadline. A submission
		/// beyond it fails with [`Error::DeadlineFull`] and succeeds in the next block.
		#[pallet::constant]
		type MaxSubmissionsPerDeadline: Get<u32>;

		/// Most ids one page of a deadline's expiry list holds ([`Expiring`]): the
		/// submission that opens a page pays for writing it, the ones after it in the same
		/// block do not.
		#[pallet::constant]
		type ExpiryPageSize: Get<u32>;

		/// Most datasets one bucket of the novelty index holds ([`novelty`]); a full bucket
		/// keeps its earliest datasets.
		#[pallet::constant]
		type MaxBandBucket: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit of a pending contribution.
		ContributionDeposit,
	}

	/// The id the next contribution gets. Every submission reads and writes it, so it is
	/// whitelisted: `on_initialize` charges its one read and one write per block
	/// ([`Pallet::shared_keys_weight`]) instead of each call.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type NextContributionId<T> = StorageValue<_, ContributionId, ValueQuery>;

	/// Every contribution, by id.
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, ContributionOf<T>, OptionQuery>;

	/// What holds each content root: a pending or verified contribution, a reservation
	/// after `Unavailable`, or a model version's weights.
	#[pallet::storage]
	pub type ByHash<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		ContentHash,
		RootClaim<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// Per contributor: pending count and newest contribution (the head of their list).
	#[pallet::storage]
	pub type Owners<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OwnerRecord, ValueQuery>;

	/// Parameters in force. Nearly every call reads them, so they are whitelisted:
	/// `on_initialize` charges one read and one write per block
	/// ([`Pallet::shared_keys_weight`]) instead of each call.
	#[pallet::storage]
	#[pallet::whitelist_storage]
	pub type Params<T: Config> =
		StorageValue<_, ParametersOf<T>, ValueQuery, <T as Config>::DefaultParameters>;

	/// The contributions submitted with each deadline, in submission order, in pages of
	/// `ExpiryPageSize` ids: expiry walks them in deadline order, so a change of the
	/// verification period strands nothing.
	///
	/// Every submission of a block shares one deadline, so the block's submissions fill
	/// one page after another: the submission that opens a page pays for its read and
	/// write, the next ones on it are refunded theirs, since the block reads and writes a
	/// page once however many submissions append to it. A decision leaves its entry in
	/// place; expiry skips entries no longer pending when it reaches their deadline, and
	/// removes each page it finishes.
	#[pallet::storage]
	pub type Expiring<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		u32,
		BoundedVec<ContributionId, T::ExpiryPageSize>,
		ValueQuery,
	>;

	/// How many contributions were listed under each deadline whose expiry has not
	/// finished: where the next submission goes in [`Expiring`], and its bound. Every
	/// submission of a block reads and writes its deadline's count, so `on_initialize`
	/// charges one read and one write per block ([`Pallet::shared_keys_weight`]) instead
	/// of each submission.
	#[pallet::storage]
	pub type ExpiringCount<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, u32, ValueQuery>;

	/// The earliest deadline whose pending contributions may not all have expired yet:
	/// where expiry resumes.
	#[pallet::storage]
	pub type NextExpiryDeadline<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The first page of [`NextExpiryDeadline`]'s list that expiry has not finished.
	#[pallet::storage]
	pub type NextExpiryPage<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// What each verified contribution's reward was computed from, by id.
	#[pallet::storage]
	pub type Receipts<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, Receipt, OptionQuery>;

	/// The sketch of every verified dataset in the novelty index, by id.
	#[pallet::storage]
	pub type Sketches<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, DatasetSketch, OptionQuery>;

	/// The novelty index: for each band and bucket key, the verified datasets whose sketch
	/// has that band ([`novelty::band_key`]), oldest first.
	#[pallet::storage]
	pub type Bands<T: Config> = StorageMap<
		_,
		Twox64Concat,
		(u8, u64),
		BoundedVec<ContributionId, <T as Config>::MaxBandBucket>,
		ValueQuery,
	>;

	/// The licenses `submit` accepts (SPDX identifiers), with what each allows.
	#[pallet::storage]
	pub type Licenses<T: Config> =
		StorageMap<_, Blake2_128Concat, LicenseOf<T>, LicenseTerms, OptionQuery>;

	/// How many licenses [`Licenses`] holds: at most [`Config::MaxLicenses`].
	#[pallet::storage]
	pub type LicenseCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Parameters at genesis; `None` keeps [`Config::DefaultParameters`].
		pub parameters: Option<ParametersOf<T>>,
		/// The licenses accepted at genesis (SPDX identifiers) with what each allows.
		pub licenses: Vec<(Vec<u8>, LicenseTerms)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// An invalid genesis must stop the chain from being built at all.
		#[allow(clippy::expect_used)]
		fn build(&self) {
			if let Some(parameters) = self.parameters {
				assert!(
					Pallet::<T>::parameters_are_valid(&parameters),
					"invalid genesis parameters"
				);
				Params::<T>::put(parameters);
			}
			for (license, terms) in &self.licenses {
				assert!(
					Pallet::<T>::list_license(license.clone(), *terms).is_ok(),
					"invalid genesis license"
				);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A contribution was submitted and its deposit held.
		ContributionSubmitted {
			id: ContributionId,
			owner: T::AccountId,
			kind: ContributionKind,
			root: ContentHash,
			bytes: u64,
			deposit: BalanceOf<T>,
		},
		/// A verifier attested a contribution.
		Attested {
			id: ContributionId,
			verifier: T::AccountId,
			verdict: Verdict,
		},
		/// A contribution was verified; its deposit was released.
		ContributionVerified {
			id: ContributionId,
			owner: T::AccountId,
			score: Score,
		},
		/// A dataset was verified by the records a quorum counted: its score and the bytes it
		/// is rewarded for follow from `counts`.
		/// `novelty` is the part of its records no earlier verified dataset holds; the closest
		/// such dataset, if any holds a part, is `overlaps`. The rewarded bytes are the useful
		/// bytes times the novelty.
		DatasetMeasured {
			id: ContributionId,
			counts: RecordCounts,
			score: Score,
			novelty: Perbill,
			overlaps: Option<ContributionId>,
			rewarded_bytes: u64,
		},
		/// A contribution was rejected; `slashed` of its deposit went to the reward pot.
		ContributionRejected {
			id: ContributionId,
			owner: T::AccountId,
			slashed: BalanceOf<T>,
		},
		/// A contribution found no quorum before its deadline; its deposit was released.
		ContributionExpired {
			id: ContributionId,
			owner: T::AccountId,
		},
		/// The owner withdrew a pending contribution; its deposit was released, except
		/// `slashed`, taken when a verifier had attested against it.
		ContributionWithdrawn {
			id: ContributionId,
			owner: T::AccountId,
			slashed: BalanceOf<T>,
		},
		/// A quorum could not fetch a contribution's bytes: `slashed` of its deposit went to
		/// the reward pot, the rest was released, and only its owner may register its root
		/// again until block `reserved_until`.
		ContributionUnavailable {
			id: ContributionId,
			owner: T::AccountId,
			slashed: BalanceOf<T>,
			reserved_until: BlockNumberFor<T>,
		},
		/// Governance decided a pending contribution.
		ContributionForceDecided {
			id: ContributionId,
			decision: Decision,
		},
		/// A dispute against a verified contribution was upheld: it is now `status` (revoked
		/// or taken down).
		ContributionRevoked {
			id: ContributionId,
			owner: T::AccountId,
			status: ContributionStatus,
		},
		/// Governance set new parameters.
		ParametersSet { parameters: ParametersOf<T> },
		/// Governance listed `license` as accepted with `terms`, or changed its terms.
		LicenseAccepted {
			license: LicenseOf<T>,
			terms: LicenseTerms,
		},
		/// Governance took `license` off the list: no new contribution may use it, and
		/// contributions under it cannot go into new releases.
		LicenseWithdrawn { license: LicenseOf<T> },
		/// A contribution left the pending state and `amount` of its deposit, the storage fee
		/// for its record, went to the reward pot.
		StorageFeePaid {
			id: ContributionId,
			owner: T::AccountId,
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The size is zero: register the exact byte count of the published artifact.
		ZeroSize,
		/// The URI is empty.
		EmptyUri,
		/// The URI is longer than `MaxUriLen`.
		UriTooLong,
		/// The URI scheme is not enabled on this chain: see `uri_schemes` in
		/// `ContributionsApi::parameters` (`https://` and `http://` by default).
		UnsupportedUriScheme,
		/// The license is empty or not a printable ASCII SPDX identifier.
		InvalidLicense,
		/// The license is longer than `MaxLicenseLen`.
		LicenseTooLong,
		/// The license is not on the chain's list of accepted licenses: see
		/// `ContributionsApi::licenses`, or ask governance to list it.
		LicenseNotAccepted,
		/// The list of accepted licenses holds `MaxLicenses` already.
		TooManyLicenses,
		/// The license to withdraw is not on the list.
		LicenseNotListed,
		/// The fine-tune's base model version is not registered.
		UnknownBaseModel,
		/// This content root is already registered by a pending or verified contribution.
		DuplicateContent,
		/// This content root is reserved for the owner of an `Unavailable` contribution until
		/// its cooldown ends.
		RootReserved,
		/// This content root is a registered model version's weights.
		RootIsModelVersion,
		/// The account has `MaxPendingPerAccount` contributions pending already.
		TooManyPending,
		/// The account cannot afford the deposit.
		InsufficientBalance,
		/// No contribution has this id.
		UnknownContribution,
		/// The contribution is no longer pending.
		NotPending,
		/// Only a member of the verifier set may attest.
		NotVerifier,
		/// This verifier already attested this contribution.
		AlreadyAttested,
		/// A verifier may not attest its own contribution.
		OwnContribution,
		/// The score is above `MaxScore`.
		ScoreOutOfRange,
		/// The contribution holds `MaxAttestations` attestations of current verifiers already.
		TooManyAttestations,
		/// The verification period of this contribution is over.
		VerificationPeriodOver,
		/// Only the owner may withdraw a contribution.
		NotOwner,
		/// The parameters are invalid: quorum, minimum attestations and verification period
		/// must be above zero, at least one URI scheme enabled, and the storage fee no more
		/// than the deposit base.
		InvalidParameters,
		/// No more ids are available.
		IdsExhausted,
		/// A dataset is verified only by the records verifiers count: attest `Measured` (or
		/// `BadFormat`), not `Valid`.
		DatasetNeedsCounts,
		/// `Measured` and `BadFormat` are verdicts on datasets; a fine-tune is attested
		/// `Valid` with a score.
		CountsForDatasetsOnly,
		/// The record counts cannot describe this dataset: each count must be part of the
		/// one before it (records ≥ valid > duplicates, in-language ≤ unique), at least one
		/// record valid, and the useful bytes no more than the registered size.
		InconsistentCounts,
		/// `ArchitectureMismatch`, `AdapterMismatch` and `Unevaluated` are verdicts on a
		/// fine-tune's weights; a dataset is attested `Measured` or `BadFormat`.
		WeightsVerdictOnDataset,
		/// The base model version registers no architecture, so verifiers could not check a
		/// fine-tune against it: build on a version governance registered with one.
		BaseArchitectureUnknown,
		/// `MaxSubmissionsPerDeadline` contributions share this block's deadline already:
		/// submit in the next block.
		DeadlineFull,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::expire_due(
				now,
				T::MaxExpiriesPerBlock::get(),
				T::MaxExpiryChecksPerBlock::get(),
			)
			.saturating_add(Self::shared_keys_weight())
		}

		fn integrity_test() {
			assert!(
				T::MaxAttestations::get() > 0,
				"MaxAttestations must be above zero"
			);
			assert!(
				T::MaxExpiriesPerBlock::get() > 0,
				"MaxExpiriesPerBlock must be above zero"
			);
			assert!(
				T::MaxExpiryChecksPerBlock::get() >= T::MaxExpiriesPerBlock::get(),
				"MaxExpiryChecksPerBlock must be at least MaxExpiriesPerBlock"
			);
			assert!(
				T::MaxSubmissionsPerDeadline::get() > 0,
				"MaxSubmissionsPerDeadline must be above zero"
			);
			assert!(
				Self::parameters_are_valid(&T::DefaultParameters::get()),
				"DefaultParameters are invalid"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a contribution by the BLAKE3 `root` of its published bytes and hold its
		/// deposit. `bytes` is the exact size in bytes; `uri` where verifiers fetch the bytes;
		/// `license` an SPDX identifier governance accepts; `consent` what the owner allows
		/// the data to be used for (the contribution card must say the same).
		#[pallet::call_index(0)]
		#[pallet::weight(
			Pallet::<T>::submission_weight(*kind, uri.len() as u32, license.len() as u32)
				.saturating_add(Pallet::<T>::expiry_page_weight())
		)]
		pub fn submit(
			origin: OriginFor<T>,
			kind: ContributionKind,
			root: ContentHash,
			bytes: u64,
			uri: Vec<u8>,
			license: Vec<u8>,
			consent: Consent,
			description_hash: Option<[u8; 32]>,
		) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			let (uri_len, license_len) = (uri.len() as u32, license.len() as u32);

			ensure!(bytes > 0, Error::<T>::ZeroSize);
			let params = Params::<T>::get();
			let uri = Self::validate_uri(uri, &params.uri_schemes)?;
			let license = Self::validate_license(license)?;
			ensure!(
				Licenses::<T>::contains_key(&license),
				Error::<T>::LicenseNotAccepted
			);
			if let ContributionKind::FineTune { base } = kind {
				let has_architecture =
					T::ModelVersions::has_architecture(base).ok_or(Error::<T>::UnknownBaseModel)?;
				ensure!(has_architecture, Error::<T>::BaseArchitectureUnknown);
			}
			let now = frame_system::Pallet::<T>::block_number();
			Self::ensure_root_free_for(&root, &owner, now)?;
			let mut record = Owners::<T>::get(&owner);
			ensure!(
				record.pending < T::MaxPendingPerAccount::get(),
				Error::<T>::TooManyPending
			);
			let id = NextContributionId::<T>::get();
			let next_id = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;

			let deposit = params.submission_deposit(
				uri.len() as u32,
				license.len() as u32,
				description_hash.is_some(),
			);
			let deadline = now.saturating_add(params.verification_period);
			let opens_page = Self::list_for_expiry(deadline, id)?;
			T::Currency::hold(&HoldReason::ContributionDeposit.into(), &owner, deposit)
				.map_err(|_| Error::<T>::InsufficientBalance)?;

			Contributions::<T>::insert(
				id,
				Contribution {
					owner: owner.clone(),
					kind,
					root,
					bytes,
					uri,
					license,
					consent,
					description_hash,
					deposit,
					submitted_at: now,
					deadline,
					status: ContributionStatus::Pending,
					attestations: BoundedVec::new(),
					previous_of_owner: record.latest,
				},
			);
			ByHash::<T>::insert(root, RootClaim::Contribution(id));
			record.pending = record.pending.saturating_add(1);
			record.latest = Some(id);
			Owners::<T>::insert(&owner, record);
			NextContributionId::<T>::put(next_id);

			Self::deposit_event(Event::ContributionSubmitted {
				id,
				owner,
				kind,
				root,
				bytes,
				deposit,
			});
			// The block has read and written the page already: refund its read and write.
			let actual_weight =
				(!opens_page).then(|| Self::submission_weight(kind, uri_len, license_len));
			Ok(actual_weight.into())
		}

		/// Attest a pending contribution as a member of the verifier set. When the agreeing
		/// attestations of current verifiers reach the quorum, the contribution is decided in
		/// this call.
		///
		/// Charged for the deciding case up front; an attestation that decides nothing is
		/// refunded down to the cost of recording it.
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::attest(T::MaxAttestations::get())
				.saturating_add(T::OnVerified::weight())
		)]
		pub fn attest(
			origin: OriginFor<T>,
			id: ContributionId,
			verdict: Verdict,
		) -> DispatchResultWithPostInfo {
			let verifier = ensure_signed(origin)?;
			ensure!(T::Verifiers::contains(&verifier), Error::<T>::NotVerifier);
			if let Verdict::Valid { score } = verdict {
				ensure!(score <= T::MaxScore::get(), Error::<T>::ScoreOutOfRange);
			}
			let mut contribution =
				Contributions::<T>::get(id).ok_or(Error::<T>::UnknownContribution)?;
			Self::ensure_verdict_fits(&contribution, &verdict)?;
			ensure!(
				contribution.status == ContributionStatus::Pending,
				Error::<T>::NotPending
			);
			ensure!(contribution.owner != verifier, Error::<T>::OwnContribution);
			ensure!(
				frame_system::Pallet::<T>::block_number() <= contribution.deadline,
				Error::<T>::VerificationPeriodOver
			);
			ensure!(
				!contribution
					.attestations
					.iter()
					.any(|a| a.verifier == verifier),
				Error::<T>::AlreadyAttested
			);
			if contribution.attestations.is_full() {
				// Attestations of verifiers removed since no longer count: make room by
				// dropping them rather than refusing a current verifier.
				let verifiers = T::Verifiers::sorted_members();
				contribution
					.attestations
					.retain(|a| verifiers.binary_search(&a.verifier).is_ok());
			}
			contribution
				.attestations
				.try_push(Attestation {
					verifier: verifier.clone(),
					verdict,
				})
				.map_err(|_| Error::<T>::TooManyAttestations)?;

			Self::deposit_event(Event::Attested {
				id,
				verifier,
				verdict,
			});
			let recorded = u32::try_from(contribution.attestations.len()).unwrap_or(u32::MAX);
			let actual_weight = match Self::tally(&contribution) {
				Some(decision) => {
					Self::decide(id, &mut contribution, decision);
					None
				}
				None => Some(T::WeightInfo::attest_recorded(recorded)),
			};
			Contributions::<T>::insert(id, contribution);
			Ok(actual_weight.into())
		}

		/// Withdraw a pending contribution as its owner; the root may be registered again.
		/// The deposit is released, or slashed like a rejection's once any current or former
		/// verifier attested `HashMismatch`, `CardMismatch` or `Unreachable`: bytes that
		/// failed a check cannot be taken back for free.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, id: ContributionId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut contribution =
				Contributions::<T>::get(id).ok_or(Error::<T>::UnknownContribution)?;
			ensure!(contribution.owner == who, Error::<T>::NotOwner);
			ensure!(
				contribution.status == ContributionStatus::Pending,
				Error::<T>::NotPending
			);

			let contested = contribution
				.attestations
				.iter()
				.any(|a| !a.verdict.is_valid());
			let slashed = if contested {
				let slashed = Self::slash_deposit(&contribution, contribution.deposit);
				Self::finish(&mut contribution, ContributionStatus::Withdrawn);
				slashed
			} else {
				let deposit = contribution.deposit;
				Self::close(
					id,
					&mut contribution,
					deposit,
					ContributionStatus::Withdrawn,
				);
				Zero::zero()
			};
			Contributions::<T>::insert(id, contribution);
			Self::deposit_event(Event::ContributionWithdrawn {
				id,
				owner: who,
				slashed,
			});
			Ok(())
		}

		/// Set quorum, verification period and deposits (governance). Applies to
		/// contributions submitted from now on; the quorum applies to every pending one.
		///
		/// Besides its benchmark, it pays a read and a write of another deadline's count and
		/// of its last page: with a new verification period, the block's later submissions
		/// go under another deadline than the one `on_initialize` charged for, possibly onto
		/// a page an earlier block opened.
		#[pallet::call_index(4)]
		#[pallet::weight(
			T::WeightInfo::set_parameters().saturating_add(T::DbWeight::get().reads_writes(2, 2))
		)]
		pub fn set_parameters(origin: OriginFor<T>, parameters: ParametersOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(
				Self::parameters_are_valid(&parameters),
				Error::<T>::InvalidParameters
			);
			Params::<T>::put(parameters);
			Self::deposit_event(Event::ParametersSet { parameters });
			Ok(())
		}

		/// Decide a pending contribution regardless of attestations (governance, for appeals).
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::force_decide().saturating_add(T::OnVerified::weight())
		)]
		pub fn force_decide(
			origin: OriginFor<T>,
			id: ContributionId,
			decision: Decision,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			if let Decision::Verified { score } = decision {
				ensure!(score <= T::MaxScore::get(), Error::<T>::ScoreOutOfRange);
			}
			let mut contribution =
				Contributions::<T>::get(id).ok_or(Error::<T>::UnknownContribution)?;
			ensure!(
				contribution.status == ContributionStatus::Pending,
				Error::<T>::NotPending
			);
			let as_verdict = match decision {
				Decision::Verified { score } => Some(Verdict::Valid { score }),
				Decision::Measured { counts, sketch } => Some(Verdict::Measured { counts, sketch }),
				Decision::Rejected | Decision::Unavailable => None,
			};
			if let Some(verdict) = as_verdict {
				Self::ensure_verdict_fits(&contribution, &verdict)?;
			}

			Self::decide(id, &mut contribution, decision);
			Contributions::<T>::insert(id, contribution);
			Self::deposit_event(Event::ContributionForceDecided { id, decision });
			Ok(())
		}

		/// List `license` (an SPDX identifier) as accepted with `terms`, or change its terms;
		/// with `terms` `None`, take it off the list (governance). Contributions already
		/// registered under a withdrawn license keep it, but cannot go into new releases.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_license())]
		pub fn set_license(
			origin: OriginFor<T>,
			license: Vec<u8>,
			terms: Option<LicenseTerms>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			match terms {
				Some(terms) => {
					let license = Self::list_license(license, terms)?;
					Self::deposit_event(Event::LicenseAccepted { license, terms });
				}
				None => {
					let license = Self::unlist_license(license)?;
					Self::deposit_event(Event::LicenseWithdrawn { license });
				}
			}
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// What the keys every submission of a block shares cost the block: one read and one
		/// write each of [`NextContributionId`], [`Params`] and the block's deadline's
		/// [`ExpiringCount`]. A block reads a key from the database once and writes it back
		/// once, however many of its transactions touch it, so this is charged once per
		/// block in `on_initialize`, and benchmarks leave the keys out of every call's weight.
		pub fn shared_keys_weight() -> Weight {
			T::DbWeight::get().reads_writes(3, 3)
		}

		/// What a submission costs besides the page of the expiry list it goes on: the
		/// benchmark of its kind, run on a page the block has touched already.
		pub fn submission_weight(kind: ContributionKind, uri_len: u32, license_len: u32) -> Weight {
			match kind {
				ContributionKind::Dataset => T::WeightInfo::submit_dataset(uri_len, license_len),
				ContributionKind::FineTune { .. } => {
					T::WeightInfo::submit_fine_tune(uri_len, license_len)
				}
			}
		}

		/// Ids per page of the expiry list: `ExpiryPageSize`, and at least one.
		pub fn expiry_page_size() -> u32 {
			T::ExpiryPageSize::get().max(1)
		}

		/// What opening a page of the expiry list costs: a read and a write, paid by the
		/// submission that opens it and refunded to the next ones on it in the same block,
		/// since a block reads and writes a key once.
		pub fn expiry_page_weight() -> Weight {
			T::DbWeight::get().reads_writes(1, 1)
		}

		/// Whether governance may set these parameters.
		pub fn parameters_are_valid(parameters: &ParametersOf<T>) -> bool {
			let schemes = parameters.uri_schemes;
			!parameters.quorum.is_zero()
				&& parameters.min_attestations > 0
				&& !parameters.verification_period.is_zero()
				&& (schemes.https || schemes.http || schemes.file)
				&& parameters.storage_fee <= parameters.deposit_base
				&& parameters.unevaluated_score <= T::MaxScore::get()
		}

		fn validate_uri(
			uri: Vec<u8>,
			schemes: &UriSchemes,
		) -> Result<BoundedVec<u8, T::MaxUriLen>, DispatchError> {
			ensure!(!uri.is_empty(), Error::<T>::EmptyUri);
			let uri: BoundedVec<u8, T::MaxUriLen> =
				uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
			ensure!(schemes.accepts(&uri), Error::<T>::UnsupportedUriScheme);
			Ok(uri)
		}

		/// Fails unless `owner` may register `root` at block `now`: nothing holds it, or it
		/// is reserved for `owner`, or its reservation ended.
		fn ensure_root_free_for(
			root: &ContentHash,
			owner: &T::AccountId,
			now: BlockNumberFor<T>,
		) -> DispatchResult {
			match ByHash::<T>::get(root) {
				None => Ok(()),
				Some(RootClaim::Contribution(_)) => Err(Error::<T>::DuplicateContent.into()),
				Some(RootClaim::ModelVersion(_)) => Err(Error::<T>::RootIsModelVersion.into()),
				Some(RootClaim::Reserved {
					owner: reserved_for,
					until,
					..
				}) => {
					ensure!(
						reserved_for == *owner || now > until,
						Error::<T>::RootReserved
					);
					Ok(())
				}
			}
		}

		/// Lists `license` as accepted with `terms` (or changes its terms), unless it is not
		/// a valid identifier or the list is full; the stored identifier.
		pub(crate) fn list_license(
			license: Vec<u8>,
			terms: LicenseTerms,
		) -> Result<LicenseOf<T>, DispatchError> {
			let license = Self::validate_license(license)?;
			if !Licenses::<T>::contains_key(&license) {
				let count = LicenseCount::<T>::get();
				ensure!(count < T::MaxLicenses::get(), Error::<T>::TooManyLicenses);
				LicenseCount::<T>::put(count.saturating_add(1));
			}
			Licenses::<T>::insert(&license, terms);
			Ok(license)
		}

		/// Takes `license` off the accepted list, unless it is not a valid identifier or not
		/// listed; the stored identifier.
		fn unlist_license(license: Vec<u8>) -> Result<LicenseOf<T>, DispatchError> {
			let license = Self::validate_license(license)?;
			ensure!(
				Licenses::<T>::take(&license).is_some(),
				Error::<T>::LicenseNotListed
			);
			LicenseCount::<T>::mutate(|count| *count = count.saturating_sub(1));
			Ok(license)
		}

		fn validate_license(license: Vec<u8>) -> Result<LicenseOf<T>, DispatchError> {
			let printable = !license.is_empty() && license.iter().all(|b| b.is_ascii_graphic());
			ensure!(printable, Error::<T>::InvalidLicense);
			Ok(license.try_into().map_err(|_| Error::<T>::LicenseTooLong)?)
		}
	}
}
