//! Reads for the runtime API (not for dispatchables: they may read many items).

use alloc::vec::Vec;
use frame_support::traits::SortedMembers;
use frame_system::pallet_prelude::BlockNumberFor;

use crate::{
	BalanceOf, Config, ContributionId, ContributionInfo, ContributionStatus, Contributions,
	ExpiryCursor, NextContributionId, Owners, Pallet,
};

impl<T: Config> Pallet<T> {
	/// A read-only view of contribution `id` for the runtime API.
	pub fn contribution_info(
		id: ContributionId,
	) -> Option<ContributionInfo<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		Contributions::<T>::get(id).map(|c| c.into_info(id))
	}

	/// Pending contributions still open for attestation that `verifier` has not attested
	/// and does not own, oldest first, at most `limit`; nothing when `verifier` is not in
	/// the verifier set. Scans only the window of ids that may be pending (from the expiry
	/// cursor on): for runtime API calls, not for dispatchables.
	pub fn awaiting_attestation(
		verifier: &T::AccountId,
		limit: u32,
	) -> Vec<ContributionInfo<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut found = Vec::new();
		if !T::Verifiers::contains(verifier) {
			return found;
		}
		let mut id = ExpiryCursor::<T>::get();
		while id < NextContributionId::<T>::get() && found.len() < limit as usize {
			let awaiting = Contributions::<T>::get(id).is_some_and(|c| {
				c.status == ContributionStatus::Pending
					&& c.deadline >= now
					&& c.owner != *verifier
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
}
