//! How other pallets learn about and read contributions, without this pallet knowing them.

use frame_support::weights::Weight;

use crate::{
	terms, ByHash, Config, ContentHash, ContributionId, ContributionKind, ContributionOf,
	ContributionStatus, Contributions, IntendedUse, Licenses, ModelVersionId, Pallet, Params,
	Revocation, RootClaim, Score, UseRefusal,
};
#[cfg(feature = "runtime-benchmarks")]
use crate::{Contribution, NextContributionId, Owners};

/// Told when a contribution is verified, so that other pallets (rewards) can act on it
/// without this pallet knowing them.
pub trait OnContributionVerified<AccountId> {
	/// Contribution `id` of `owner`, of `kind`, was verified with `score` and is rewarded
	/// for `size` bytes: a fine-tune's registered size, a dataset's useful bytes (the bytes of
	/// its valid, unique, in-language records; see [`crate::quality`]).
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

	/// What verified contribution `id` is worth, as its receipt says: its score times the
	/// bytes it is rewarded for (a dataset's useful, novel bytes; a fine-tune's size). `None`
	/// when it is not verified or has no receipt.
	fn reward_weight(_id: ContributionId) -> Option<u64> {
		None
	}

	/// Why contribution `id` may not go into a model release for `intended` use, by its
	/// license's terms and its owner's consent ([`terms::use_refusal`]); `None` when it may
	/// (or when there is no such contribution: check [`Self::verified_owner`] first).
	fn use_refusal(id: ContributionId, intended: IntendedUse) -> Option<UseRefusal>;

	/// Whether contribution `id` may go into a model release for `intended` use, and if so
	/// its shares in the release: `declared` when given, otherwise its
	/// [`Self::reward_weight`] (`None` without a receipt). The three checks a release makes
	/// of each ingredient, which the contributions pallet answers from one read of the
	/// contribution (and of its receipt only when no shares are declared).
	fn ingredient(
		id: ContributionId,
		intended: IntendedUse,
		declared: Option<u64>,
	) -> Result<Option<u64>, IngredientRefusal> {
		Self::verified_owner(id).ok_or(IngredientRefusal::NotVerified)?;
		match Self::use_refusal(id, intended) {
			Some(refusal) => Err(IngredientRefusal::Use(refusal)),
			None => Ok(declared.or_else(|| Self::reward_weight(id))),
		}
	}

	/// Whether `submit` would accept `uri`'s scheme (the governance-set list), so that a
	/// model version's weights are published where verifiers can read them.
	fn accepts_uri(uri: &[u8]) -> bool;

	/// Claims content root `root` for model version `version`, so that no contribution can
	/// register a model's weights as its own. `false`, changing nothing, when a contribution,
	/// a reservation or another model version holds it.
	fn claim_model_root(root: ContentHash, version: ModelVersionId) -> bool;

	/// How an upheld dispute withdrew contribution `id` from use (revoked or taken down), or
	/// `None` when none did.
	fn withdrawn(_id: ContributionId) -> Option<Revocation> {
		None
	}

	/// Marks verified contribution `id` revoked or taken down, as an upheld dispute decides;
	/// returns its owner, or `None`, changing nothing, when it is not verified.
	fn revoke(_id: ContributionId, _how: Revocation) -> Option<AccountId> {
		None
	}

	/// Creates a verified contribution of `owner` for benchmarks; its id.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_verified(owner: &AccountId) -> Option<ContributionId>;
}

/// Why a contribution may not go into a model release ([`ContributionRegistry::ingredient`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IngredientRefusal {
	/// It does not exist or is not verified.
	NotVerified,
	/// Its license's terms or its owner's consent refuse the release's intended use.
	Use(UseRefusal),
}

/// The model versions fine-tunes build on, kept by another pallet (models).
pub trait ModelVersionRegistry {
	/// Whether version `id` is registered, and if so whether it records an architecture
	/// (fine-tunes can build only on a version verifiers can check them against): `None`
	/// when there is no such version.
	fn has_architecture(id: ModelVersionId) -> Option<bool>;

	/// The root of version `id`'s weights, if it is registered.
	fn weights_root(id: ModelVersionId) -> Option<ContentHash>;

	/// Registers a version with an architecture for benchmarks; its id.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_base() -> Option<ModelVersionId>;
}

impl<T: Config> ContributionRegistry<T::AccountId> for Pallet<T> {
	fn verified_owner(id: ContributionId) -> Option<T::AccountId> {
		Self::verified_contribution(id).map(|c| c.owner)
	}

	fn reward_weight(id: ContributionId) -> Option<u64> {
		Self::verified_owner(id)?;
		Self::receipt_weight(id)
	}

	fn use_refusal(id: ContributionId, intended: IntendedUse) -> Option<UseRefusal> {
		Self::refusal_of(&Contributions::<T>::get(id)?, intended)
	}

	fn ingredient(
		id: ContributionId,
		intended: IntendedUse,
		declared: Option<u64>,
	) -> Result<Option<u64>, IngredientRefusal> {
		let contribution = Self::verified_contribution(id).ok_or(IngredientRefusal::NotVerified)?;
		match Self::refusal_of(&contribution, intended) {
			Some(refusal) => Err(IngredientRefusal::Use(refusal)),
			None => Ok(declared.or_else(|| Self::receipt_weight(id))),
		}
	}

	fn accepts_uri(uri: &[u8]) -> bool {
		Params::<T>::get().uri_schemes.accepts(uri)
	}

	fn withdrawn(id: ContributionId) -> Option<Revocation> {
		match Contributions::<T>::get(id)?.status {
			ContributionStatus::Revoked => Some(Revocation::Revoke),
			ContributionStatus::TakenDown => Some(Revocation::TakeDown),
			_ => None,
		}
	}

	fn revoke(id: ContributionId, how: Revocation) -> Option<T::AccountId> {
		Contributions::<T>::try_mutate(id, |entry| {
			let contribution = entry
				.as_mut()
				.filter(|c| matches!(c.status, ContributionStatus::Verified { .. }))
				.ok_or(())?;
			contribution.status = how.status();
			Ok::<_, ()>(contribution.owner.clone())
		})
		.ok()
		.inspect(|owner| {
			Pallet::<T>::deposit_event(crate::Event::ContributionRevoked {
				id,
				owner: owner.clone(),
				status: how.status(),
			});
		})
	}

	fn claim_model_root(root: ContentHash, version: ModelVersionId) -> bool {
		if ByHash::<T>::contains_key(root) {
			return false;
		}
		ByHash::<T>::insert(root, RootClaim::ModelVersion(version));
		true
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_verified(owner: &T::AccountId) -> Option<ContributionId> {
		let id = NextContributionId::<T>::get();
		let next = id.checked_add(1)?;
		let now = frame_system::Pallet::<T>::block_number();
		// A license of its own while the list has room, so that a release's check of its
		// ingredients reads as many license entries as it can; then any open one.
		let license = Pallet::<T>::list_license(
			alloc::format!("LicenseRef-bench-{id}").into_bytes(),
			crate::LicenseTerms::OPEN,
		)
		.ok()
		.or_else(|| {
			Licenses::<T>::iter()
				.find(|(_, terms)| *terms == crate::LicenseTerms::OPEN)
				.map(|(license, _)| license)
		})?;
		Contributions::<T>::insert(
			id,
			Contribution {
				owner: owner.clone(),
				kind: ContributionKind::Dataset,
				root: [0xbe; 32],
				bytes: 1,
				uri: Default::default(),
				license,
				consent: crate::Consent::all(crate::ConsentLevel::Allowed),
				description_hash: None,
				deposit: Default::default(),
				submitted_at: now,
				deadline: now,
				status: ContributionStatus::Verified { score: 1 },
				attestations: Default::default(),
				previous_of_owner: Owners::<T>::get(owner).latest,
			},
		);
		ByHash::<T>::insert([0xbe; 32], RootClaim::Contribution(id));
		Owners::<T>::mutate(owner, |record| record.latest = Some(id));
		NextContributionId::<T>::put(next);
		Some(id)
	}
}

impl<T: Config> Pallet<T> {
	/// Contribution `id` if it is verified.
	fn verified_contribution(id: ContributionId) -> Option<ContributionOf<T>> {
		Contributions::<T>::get(id)
			.filter(|c| matches!(c.status, ContributionStatus::Verified { .. }))
	}

	/// Why `contribution` may not go into a release for `intended`, by its license's terms
	/// on the chain's list and its owner's consent.
	fn refusal_of(contribution: &ContributionOf<T>, intended: IntendedUse) -> Option<UseRefusal> {
		terms::use_refusal(
			Licenses::<T>::get(&contribution.license),
			&contribution.consent,
			intended,
		)
	}

	/// What contribution `id`'s receipt says it is worth: its score times its rewarded bytes.
	fn receipt_weight(id: ContributionId) -> Option<u64> {
		crate::Receipts::<T>::get(id)
			.map(|receipt| u64::from(receipt.score).saturating_mul(receipt.rewarded_bytes))
	}
}
