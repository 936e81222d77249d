//! # Contributions pallet
//!
//! Records contributions to Gongyu's shared language model — datasets and fine-tunes — by the
//! BLAKE3 root of their published bytes, and decides them by a quorum of governance-approved
//! verifiers.
//!
//! ## Lifecycle
//! 1. [`Pallet::submit`]: the owner registers kind, root, size in bytes, URI and license; a deposit is
//!    held. A root can be registered once while pending or verified (first registrant wins).
//! 2. [`Pallet::attest`]: verifiers (members of [`Config::Verifiers`]) fetch the bytes,
//!    re-hash them and attest `Valid { score }`, `HashMismatch` or `Unreachable`.
//! 3. When the agreeing attestations of current verifiers reach the quorum
//!    ([`Parameters::quorum`] of the verifier set, at least one), the same call decides:
//!    `Verified` with the median score (deposit released, [`Config::OnVerified`] told) or
//!    `Rejected` (deposit slashed to [`Config::OnSlash`], the reward pot).
//! 4. Pending contributions past their deadline expire in `on_initialize`, a bounded number
//!    per block; their deposit is released.
//!
//! Governance ([`Config::GovernanceOrigin`]) registers model versions, sets [`Parameters`]
//! and may [`Pallet::force_decide`] a pending contribution on appeal.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod quorum;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use frame_support::weights::Weight;

/// Told when a contribution is verified, so that other pallets (rewards) can act on it
/// without this pallet knowing them.
pub trait OnContributionVerified<AccountId> {
	/// Contribution `id` of `owner`, of `kind` and `size` bytes, was verified with `score`.
	fn on_contribution_verified(
		id: ContributionId,
		owner: &AccountId,
		kind: ContributionKind,
		size: u64,
		score: Score,
	);

	/// An upper bound of the weight of [`Self::on_contribution_verified`].
	fn weight() -> Weight {
		Weight::zero()
	}
}

impl<AccountId> OnContributionVerified<AccountId> for () {
	fn on_contribution_verified(
		_: ContributionId,
		_: &AccountId,
		_: ContributionKind,
		_: u64,
		_: Score,
	) {
	}
}

/// Read access to contributions for other pallets (rewards grants bonuses to verified ones).
pub trait ContributionRegistry<AccountId> {
	/// The owner of contribution `id` if it is verified.
	fn verified_owner(id: ContributionId) -> Option<AccountId>;

	/// Creates a verified contribution of `owner` for benchmarks; its id.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_verified(owner: &AccountId) -> Option<ContributionId>;
}

impl<T: Config> ContributionRegistry<T::AccountId> for Pallet<T> {
	fn verified_owner(id: ContributionId) -> Option<T::AccountId> {
		Contributions::<T>::get(id)
			.filter(|c| matches!(c.status, ContributionStatus::Verified { .. }))
			.map(|c| c.owner)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_verified(owner: &T::AccountId) -> Option<ContributionId> {
		let id = NextContributionId::<T>::get();
		let next = id.checked_add(1)?;
		let now = frame_system::Pallet::<T>::block_number();
		Contributions::<T>::insert(
			id,
			Contribution {
				owner: owner.clone(),
				kind: ContributionKind::Dataset,
				root: [0xbe; 32],
				bytes: 1,
				uri: Default::default(),
				license: Default::default(),
				description_hash: None,
				deposit: Default::default(),
				submitted_at: now,
				deadline: now,
				status: ContributionStatus::Verified { score: 1 },
				attestations: Default::default(),
				previous_of_owner: Owners::<T>::get(owner).latest,
			},
		);
		ByHash::<T>::insert([0xbe; 32], id);
		Owners::<T>::mutate(owner, |record| record.latest = Some(id));
		NextContributionId::<T>::put(next);
		Some(id)
	}
}

#[frame_support::pallet]
pub mod pallet {
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{self, BalancedHold, Inspect, MutateHold},
			tokens::Precision,
			Imbalance, OnUnbalanced, SortedMembers,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{Saturating, Zero};

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
	/// A model version as this runtime stores it.
	pub type ModelVersionOf<T> = ModelVersion<BlockNumberFor<T>, <T as Config>::MaxModelNameLen>;
	/// The governance parameters as this runtime stores them.
	pub type ParametersOf<T> = Parameters<BalanceOf<T>, BlockNumberFor<T>>;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

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

		/// Registers model versions, sets parameters and decides appeals.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives slashed deposits (the reward pot).
		type OnSlash: OnUnbalanced<CreditOf<Self>>;

		/// Told about every verified contribution.
		type OnVerified: OnContributionVerified<Self::AccountId>;

		/// Parameters in force until governance sets others.
		type DefaultParameters: Get<ParametersOf<Self>>;

		/// Longest URI, in bytes.
		#[pallet::constant]
		type MaxUriLen: Get<u32>;

		/// Longest license identifier, in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;

		/// Longest model version name, in bytes.
		#[pallet::constant]
		type MaxModelNameLen: Get<u32>;

		/// Most attestations one contribution keeps (at least the size of the verifier set).
		#[pallet::constant]
		type MaxAttestations: Get<u32>;

		/// Most contributions one account may have pending at once.
		#[pallet::constant]
		type MaxPendingPerAccount: Get<u32>;

		/// Highest score a verifier may give.
		#[pallet::constant]
		type MaxScore: Get<Score>;

		/// Most contributions `on_initialize` examines for expiry in one block.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

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

	/// The id the next contribution gets.
	#[pallet::storage]
	pub type NextContributionId<T> = StorageValue<_, ContributionId, ValueQuery>;

	/// Every contribution, by id.
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, ContributionOf<T>, OptionQuery>;

	/// The contribution that holds a content root (pending or verified ones only).
	#[pallet::storage]
	pub type ByHash<T> = StorageMap<_, Blake2_128Concat, ContentHash, ContributionId, OptionQuery>;

	/// Per contributor: pending count and newest contribution (the head of their list).
	#[pallet::storage]
	pub type Owners<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OwnerRecord, ValueQuery>;

	/// Registered model versions, by id.
	#[pallet::storage]
	pub type ModelVersions<T: Config> =
		StorageMap<_, Twox64Concat, ModelVersionId, ModelVersionOf<T>, OptionQuery>;

	/// The id the next model version gets.
	#[pallet::storage]
	pub type NextModelVersionId<T> = StorageValue<_, ModelVersionId, ValueQuery>;

	/// Parameters in force.
	#[pallet::storage]
	pub type Params<T: Config> =
		StorageValue<_, ParametersOf<T>, ValueQuery, <T as Config>::DefaultParameters>;

	/// Lowest contribution id that may still be pending: where expiry resumes.
	#[pallet::storage]
	pub type ExpiryCursor<T> = StorageValue<_, ContributionId, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Parameters at genesis; `None` keeps [`Config::DefaultParameters`].
		pub parameters: Option<ParametersOf<T>>,
		/// Model versions registered at genesis: (name, BLAKE3 root of the weights), each
		/// derived from the one before it.
		pub model_versions: Vec<(Vec<u8>, ContentHash)>,
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
			let mut parent = None;
			for (name, root) in &self.model_versions {
				let name: BoundedVec<u8, T::MaxModelNameLen> = name
					.clone()
					.try_into()
					.expect("genesis model name too long");
				let id = Pallet::<T>::insert_model_version(name, *root, parent)
					.expect("genesis model versions are few");
				parent = Some(id);
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
		/// The owner withdrew a pending contribution; its deposit was released.
		ContributionWithdrawn {
			id: ContributionId,
			owner: T::AccountId,
		},
		/// Governance decided a pending contribution.
		ContributionForceDecided {
			id: ContributionId,
			decision: Decision,
		},
		/// Governance registered a model version.
		ModelVersionRegistered {
			id: ModelVersionId,
			weights_root: ContentHash,
			parent: Option<ModelVersionId>,
		},
		/// Governance set new parameters.
		ParametersSet { parameters: ParametersOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The size is zero: register the exact byte count of the published artifact.
		ZeroSize,
		/// The URI is empty.
		EmptyUri,
		/// The URI is longer than `MaxUriLen`.
		UriTooLong,
		/// The URI scheme is not supported: use `https://`, `http://` or `file://`.
		UnsupportedUriScheme,
		/// The license is empty or not a printable ASCII SPDX identifier.
		InvalidLicense,
		/// The license is longer than `MaxLicenseLen`.
		LicenseTooLong,
		/// The fine-tune's base model version is not registered.
		UnknownBaseModel,
		/// This content root is already registered by a pending or verified contribution.
		DuplicateContent,
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
		/// The score is above `MaxScore`.
		ScoreOutOfRange,
		/// The contribution holds `MaxAttestations` attestations already.
		TooManyAttestations,
		/// The verification period of this contribution is over.
		VerificationPeriodOver,
		/// Only the owner may withdraw a contribution.
		NotOwner,
		/// The parameters are invalid: quorum and verification period must be above zero.
		InvalidParameters,
		/// The model version name is empty or longer than `MaxModelNameLen`.
		InvalidModelName,
		/// The parent model version is not registered.
		UnknownParentModel,
		/// No more ids are available.
		IdsExhausted,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::expire_due(now)
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
		/// `license` an SPDX identifier.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::submit(uri.len() as u32, license.len() as u32))]
		pub fn submit(
			origin: OriginFor<T>,
			kind: ContributionKind,
			root: ContentHash,
			bytes: u64,
			uri: Vec<u8>,
			license: Vec<u8>,
			description_hash: Option<[u8; 32]>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;

			ensure!(bytes > 0, Error::<T>::ZeroSize);
			let uri = Self::validate_uri(uri)?;
			let license = Self::validate_license(license)?;
			if let ContributionKind::FineTune { base } = kind {
				ensure!(
					ModelVersions::<T>::contains_key(base),
					Error::<T>::UnknownBaseModel
				);
			}
			ensure!(
				!ByHash::<T>::contains_key(root),
				Error::<T>::DuplicateContent
			);
			let mut record = Owners::<T>::get(&owner);
			ensure!(
				record.pending < T::MaxPendingPerAccount::get(),
				Error::<T>::TooManyPending
			);
			let id = NextContributionId::<T>::get();
			let next_id = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;

			let params = Params::<T>::get();
			let deposit = params.submission_deposit(
				uri.len() as u32,
				license.len() as u32,
				description_hash.is_some(),
			);
			let now = frame_system::Pallet::<T>::block_number();

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
					description_hash,
					deposit,
					submitted_at: now,
					deadline: now.saturating_add(params.verification_period),
					status: ContributionStatus::Pending,
					attestations: BoundedVec::new(),
					previous_of_owner: record.latest,
				},
			);
			ByHash::<T>::insert(root, id);
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
			Ok(())
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
			ensure!(
				contribution.status == ContributionStatus::Pending,
				Error::<T>::NotPending
			);
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
				Some(Decision::Verified { score }) => {
					Self::verify(id, &mut contribution, score);
					None
				}
				Some(Decision::Rejected) => {
					Self::reject(id, &mut contribution);
					None
				}
				None => Some(T::WeightInfo::attest_recorded(recorded)),
			};
			Contributions::<T>::insert(id, contribution);
			Ok(actual_weight.into())
		}

		/// Withdraw a pending contribution as its owner; the deposit is released and the root
		/// may be registered again.
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

			Self::close(&mut contribution, ContributionStatus::Withdrawn);
			Contributions::<T>::insert(id, contribution);
			Self::deposit_event(Event::ContributionWithdrawn { id, owner: who });
			Ok(())
		}

		/// Register a model version fine-tunes can build on (governance).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::register_model_version())]
		pub fn register_model_version(
			origin: OriginFor<T>,
			name: Vec<u8>,
			weights_root: ContentHash,
			parent: Option<ModelVersionId>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!name.is_empty(), Error::<T>::InvalidModelName);
			let name: BoundedVec<u8, T::MaxModelNameLen> =
				name.try_into().map_err(|_| Error::<T>::InvalidModelName)?;
			if let Some(parent) = parent {
				ensure!(
					ModelVersions::<T>::contains_key(parent),
					Error::<T>::UnknownParentModel
				);
			}
			let id = Self::insert_model_version(name, weights_root, parent)?;
			Self::deposit_event(Event::ModelVersionRegistered {
				id,
				weights_root,
				parent,
			});
			Ok(())
		}

		/// Set quorum, verification period and deposits (governance). Applies to
		/// contributions submitted from now on; the quorum applies to every pending one.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_parameters())]
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

			match decision {
				Decision::Verified { score } => Self::verify(id, &mut contribution, score),
				Decision::Rejected => Self::reject(id, &mut contribution),
			}
			Contributions::<T>::insert(id, contribution);
			Self::deposit_event(Event::ContributionForceDecided { id, decision });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether governance may set these parameters.
		pub fn parameters_are_valid(parameters: &ParametersOf<T>) -> bool {
			!parameters.quorum.is_zero() && !parameters.verification_period.is_zero()
		}

		fn validate_uri(uri: Vec<u8>) -> Result<BoundedVec<u8, T::MaxUriLen>, DispatchError> {
			ensure!(!uri.is_empty(), Error::<T>::EmptyUri);
			let uri: BoundedVec<u8, T::MaxUriLen> =
				uri.try_into().map_err(|_| Error::<T>::UriTooLong)?;
			let supported = [&b"https://"[..], b"http://", b"file://"]
				.iter()
				.any(|scheme| uri.len() > scheme.len() && uri.starts_with(scheme));
			ensure!(supported, Error::<T>::UnsupportedUriScheme);
			Ok(uri)
		}

		fn validate_license(
			license: Vec<u8>,
		) -> Result<BoundedVec<u8, T::MaxLicenseLen>, DispatchError> {
			let printable = !license.is_empty() && license.iter().all(|b| b.is_ascii_graphic());
			ensure!(printable, Error::<T>::InvalidLicense);
			Ok(license.try_into().map_err(|_| Error::<T>::LicenseTooLong)?)
		}

		pub(crate) fn insert_model_version(
			name: BoundedVec<u8, T::MaxModelNameLen>,
			weights_root: ContentHash,
			parent: Option<ModelVersionId>,
		) -> Result<ModelVersionId, DispatchError> {
			let id = NextModelVersionId::<T>::get();
			let next = id.checked_add(1).ok_or(Error::<T>::IdsExhausted)?;
			let registered_at = frame_system::Pallet::<T>::block_number();
			ModelVersions::<T>::insert(
				id,
				ModelVersion {
					name,
					weights_root,
					parent,
					registered_at,
				},
			);
			NextModelVersionId::<T>::put(next);
			Ok(id)
		}

		/// The decision the attestations of current verifiers reach, if any.
		pub fn tally(contribution: &ContributionOf<T>) -> Option<Decision> {
			let verifiers = T::Verifiers::sorted_members();
			let required = quorum::required_votes(
				Params::<T>::get().quorum,
				u32::try_from(verifiers.len()).unwrap_or(u32::MAX),
			);
			let current = contribution
				.attestations
				.iter()
				.filter(|a| verifiers.binary_search(&a.verifier).is_ok());
			let mut scores = Vec::new();
			let mut negative: u32 = 0;
			for attestation in current {
				match attestation.verdict {
					Verdict::Valid { score } => scores.push(score),
					Verdict::HashMismatch | Verdict::Unreachable => {
						negative = negative.saturating_add(1)
					}
				}
			}
			if u32::try_from(scores.len()).unwrap_or(u32::MAX) >= required {
				return quorum::median(&mut scores).map(|score| Decision::Verified { score });
			}
			(negative >= required).then_some(Decision::Rejected)
		}

		/// Marks `contribution` verified, releases its deposit and tells `OnVerified`.
		fn verify(id: ContributionId, contribution: &mut ContributionOf<T>, score: Score) {
			Self::close(contribution, ContributionStatus::Verified { score });
			T::OnVerified::on_contribution_verified(
				id,
				&contribution.owner,
				contribution.kind,
				contribution.bytes,
				score,
			);
			Self::deposit_event(Event::ContributionVerified {
				id,
				owner: contribution.owner.clone(),
				score,
			});
		}

		/// Marks `contribution` rejected and slashes its deposit to `OnSlash`.
		fn reject(id: ContributionId, contribution: &mut ContributionOf<T>) {
			let (credit, _missing) = T::Currency::slash(
				&HoldReason::ContributionDeposit.into(),
				&contribution.owner,
				contribution.deposit,
			);
			let slashed = credit.peek();
			T::OnSlash::on_unbalanced(credit);
			Self::finish(contribution, ContributionStatus::Rejected);
			Self::deposit_event(Event::ContributionRejected {
				id,
				owner: contribution.owner.clone(),
				slashed,
			});
		}

		/// Releases the deposit of a pending contribution and gives it its final `status`.
		fn close(contribution: &mut ContributionOf<T>, status: ContributionStatus) {
			let released = T::Currency::release(
				&HoldReason::ContributionDeposit.into(),
				&contribution.owner,
				contribution.deposit,
				Precision::BestEffort,
			);
			if released.ok() != Some(contribution.deposit) {
				frame_support::defensive!("a pending contribution's deposit was not fully held");
			}
			Self::finish(contribution, status);
		}

		/// Leaves the pending state: counts, hash index and status.
		fn finish(contribution: &mut ContributionOf<T>, status: ContributionStatus) {
			Owners::<T>::mutate(&contribution.owner, |record| {
				record.pending = record.pending.saturating_sub(1);
			});
			if !matches!(status, ContributionStatus::Verified { .. }) {
				ByHash::<T>::remove(contribution.root);
			}
			contribution.status = status;
		}

		/// Expires pending contributions whose deadline is before `now`, examining at most
		/// `MaxExpiriesPerBlock` contributions from the cursor on.
		pub(crate) fn expire_due(now: BlockNumberFor<T>) -> Weight {
			let mut cursor = ExpiryCursor::<T>::get();
			let end = NextContributionId::<T>::get();
			let mut examined: u32 = 0;
			while cursor < end && examined < T::MaxExpiriesPerBlock::get() {
				examined = examined.saturating_add(1);
				let Some(mut contribution) = Contributions::<T>::get(cursor) else {
					cursor = cursor.saturating_add(1);
					continue;
				};
				if contribution.status == ContributionStatus::Pending {
					if contribution.deadline >= now {
						break;
					}
					Self::close(&mut contribution, ContributionStatus::Expired);
					let owner = contribution.owner.clone();
					Contributions::<T>::insert(cursor, contribution);
					Self::deposit_event(Event::ContributionExpired { id: cursor, owner });
				}
				cursor = cursor.saturating_add(1);
			}
			ExpiryCursor::<T>::put(cursor);
			T::WeightInfo::on_initialize(examined)
		}

		/// A read-only view of contribution `id` for the runtime API.
		pub fn contribution_info(
			id: ContributionId,
		) -> Option<ContributionInfo<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
			Contributions::<T>::get(id).map(|c| ContributionInfo {
				id,
				owner: c.owner,
				kind: c.kind,
				root: c.root,
				bytes: c.bytes,
				uri: c.uri.into_inner(),
				license: c.license.into_inner(),
				description_hash: c.description_hash,
				deposit: c.deposit,
				submitted_at: c.submitted_at,
				deadline: c.deadline,
				status: c.status,
				attestations: c.attestations.into_inner(),
			})
		}

		/// Pending contributions still open for attestation that `verifier` has not attested,
		/// oldest first, at most `limit`. Scans only the window of ids that may be pending
		/// (from the expiry cursor on): for runtime API calls, not for dispatchables.
		pub fn awaiting_attestation(
			verifier: &T::AccountId,
			limit: u32,
		) -> Vec<ContributionInfo<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
			let now = frame_system::Pallet::<T>::block_number();
			let mut found = Vec::new();
			let mut id = ExpiryCursor::<T>::get();
			while id < NextContributionId::<T>::get() && found.len() < limit as usize {
				let awaiting = Contributions::<T>::get(id).is_some_and(|c| {
					c.status == ContributionStatus::Pending
						&& c.deadline >= now
						&& !c.attestations.iter().any(|a| a.verifier == *verifier)
				});
				if awaiting {
					found.extend(Self::contribution_info(id));
				}
				id = id.saturating_add(1);
			}
			found
		}

		/// The `limit` oldest of `owner`'s contributions, oldest first. Walks the owner's whole
		/// list: for runtime API calls, not for dispatchables.
		pub fn contributions_of(owner: &T::AccountId, limit: u32) -> Vec<ContributionId> {
			let mut ids = Vec::new();
			let mut next = Owners::<T>::get(owner).latest;
			while let Some(id) = next {
				ids.push(id);
				next = Contributions::<T>::get(id).and_then(|c| c.previous_of_owner);
			}
			ids.reverse();
			ids.truncate(limit as usize);
			ids
		}

		/// Checks the pallet's invariants: held deposits equal the deposits of pending
		/// contributions, the hash index and pending counts agree with the records.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;

			let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut pending: BTreeMap<T::AccountId, u32> = BTreeMap::new();
			for (id, c) in Contributions::<T>::iter() {
				ensure!(
					id < NextContributionId::<T>::get(),
					"contribution id beyond the counter"
				);
				if let Some(previous) = c.previous_of_owner {
					ensure!(previous < id, "an owner's list must run from newer to older");
					let earlier = Contributions::<T>::get(previous)
						.ok_or("an owner's list points at no contribution")?;
					ensure!(earlier.owner == c.owner, "an owner's list crosses owners");
				}
				match c.status {
					ContributionStatus::Pending => {
						let entry = held.entry(c.owner.clone()).or_default();
						*entry = entry.saturating_add(c.deposit);
						let count = pending.entry(c.owner.clone()).or_default();
						*count = count.saturating_add(1);
						ensure!(
							ByHash::<T>::get(c.root) == Some(id),
							"pending root not indexed"
						);
					}
					ContributionStatus::Verified { .. } => {
						ensure!(
							ByHash::<T>::get(c.root) == Some(id),
							"verified root not indexed"
						);
					}
					_ => {}
				}
			}
			for (root, id) in ByHash::<T>::iter() {
				let c = Contributions::<T>::get(id).ok_or("hash index points nowhere")?;
				ensure!(c.root == root, "hash index points at another root");
			}
			for (owner, amount) in &held {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::ContributionDeposit.into(), owner)
						== *amount,
					"held deposits differ from pending deposits"
				);
			}
			let mut listed: u64 = 0;
			for (owner, record) in Owners::<T>::iter() {
				ensure!(
					pending.get(&owner).copied().unwrap_or_default() == record.pending,
					"pending count differs"
				);
				// Every contribution of the owner is on their list, newest first.
				let mut next = record.latest;
				while let Some(id) = next {
					let c = Contributions::<T>::get(id).ok_or("an owner's list points nowhere")?;
					ensure!(c.owner == owner, "an owner's list holds another's contribution");
					listed = listed.saturating_add(1);
					next = c.previous_of_owner;
				}
			}
			ensure!(
				pending.keys().all(|owner| Owners::<T>::contains_key(owner)),
				"pending contributions of an account without a record"
			);
			ensure!(
				listed == Contributions::<T>::iter().count() as u64,
				"a contribution is on no owner's list"
			);
			Ok(())
		}
	}
}
