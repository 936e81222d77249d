//! How other pallets learn about and read contributions, without this pallet knowing them.

use frame_support::weights::Weight;

#[cfg(feature = "runtime-benchmarks")]
use crate::{ByHash, Contribution, NextContributionId, Owners, RootClaim};
use crate::{
	Config, ContributionId, ContributionKind, ContributionStatus, Contributions, Pallet, Score,
};

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

	fn reward_weight(id: ContributionId) -> Option<u64> {
		Self::verified_owner(id)?;
		crate::Receipts::<T>::get(id)
			.map(|receipt| u64::from(receipt.score).saturating_mul(receipt.rewarded_bytes))
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
		ByHash::<T>::insert([0xbe; 32], RootClaim::Contribution(id));
		Owners::<T>::mutate(owner, |record| record.latest = Some(id));
		NextContributionId::<T>::put(next);
		Some(id)
	}
}
