//! Reads for the runtime API (not for dispatchables: they may read many items).

use alloc::vec::Vec;
use frame_support::traits::SortedMembers;
use frame_system::pallet_prelude::BlockNumberFor;

use crate::{
	BalanceOf, Config, ContributionId, ContributionInfo, ContributionStatus, Contributions,
	Expiring, LicenseTerms, Licenses, Owners, Pallet,
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
	/// the verifier set. Reads the whole expiry list (every pending contribution): for
	/// runtime API calls, not for dispatchables.
	pub fn awaiting_attestation(
		verifier: &T::AccountId,
		limit: u32,
	) -> Vec<ContributionInfo<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		if !T::Verifiers::contains(verifier) {
			return Vec::new();
		}
		let now = frame_system::Pallet::<T>::block_number();
		let mut open: Vec<ContributionId> = Expiring::<T>::iter()
			.filter(|(deadline, _, _)| *deadline >= now)
			.flat_map(|(_, _, ids)| ids.into_inner())
			.collect();
		open.sort_unstable();
		open.into_iter()
			.filter_map(|id| Contributions::<T>::get(id).map(|c| (id, c)))
			.filter(|(_, c)| {
				c.status == ContributionStatus::Pending
					&& c.owner != *verifier
					&& !c.attestations.iter().any(|a| a.verifier == *verifier)
			})
			.take(limit as usize)
			.map(|(id, c)| c.into_info(id))
			.collect()
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

	/// The accepted licenses with their terms, sorted by identifier (at most
	/// [`Config::MaxLicenses`]).
	pub fn licenses() -> Vec<(Vec<u8>, LicenseTerms)> {
		let mut licenses: Vec<(Vec<u8>, LicenseTerms)> = Licenses::<T>::iter()
			.map(|(license, terms)| (license.into_inner(), terms))
			.collect();
		licenses.sort_unstable_by(|a, b| a.0.cmp(&b.0));
		licenses
	}
}
