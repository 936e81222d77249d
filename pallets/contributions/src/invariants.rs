//! The pallet's invariants, checked by `try_state` and after every unit test.

use frame_support::{ensure, traits::Get};
use sp_runtime::traits::Saturating;

use crate::{
	novelty, BalanceOf, Bands, ByHash, Config, ContributionKind, ContributionStatus, Contributions,
	Expiring, ExpiringCount, HoldReason, LicenseCount, Licenses, ModelVersionRegistry,
	NextContributionId, NextExpiryDeadline, NextExpiryPage, Owners, Pallet, Receipts, RootClaim,
	Sketches,
};

impl<T: Config> Pallet<T> {
	/// Checks the pallet's invariants: held deposits equal the deposits of pending
	/// contributions; the hash index, the expiry lists and pending counts agree with the
	/// records (each pending contribution listed once, under its deadline); expiry has
	/// passed no deadline still listed; the license list is counted and bounded.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
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
				ensure!(
					previous < id,
					"an owner's list must run from newer to older"
				);
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
						ByHash::<T>::get(c.root) == Some(RootClaim::Contribution(id)),
						"pending root not indexed"
					);
					ensure!(
						Expiring::<T>::iter_prefix_values(c.deadline).any(|ids| ids.contains(&id)),
						"a pending contribution is not listed under its deadline"
					);
				}
				status if status.was_verified() => {
					ensure!(
						ByHash::<T>::get(c.root) == Some(RootClaim::Contribution(id)),
						"verified root not indexed"
					);
				}
				_ => {}
			}
		}
		// Every page is at or after where expiry resumes and within its deadline's count,
		// and the pages list each pending contribution once; their other entries are
		// decided ones, left for expiry to skip.
		let next_deadline = NextExpiryDeadline::<T>::get();
		let next_page = NextExpiryPage::<T>::get();
		let page_size = Pallet::<T>::expiry_page_size();
		let mut listed_pending: u32 = 0;
		for (deadline, page, ids) in Expiring::<T>::iter() {
			ensure!(
				(deadline, page) >= (next_deadline, next_page),
				"a page of the expiry list was passed by expiry"
			);
			ensure!(
				page < ExpiringCount::<T>::get(deadline).div_ceil(page_size),
				"a page of the expiry list beyond its deadline's count"
			);
			ensure!(!ids.is_empty(), "an empty page in the expiry list");
			for id in ids {
				let c = Contributions::<T>::get(id).ok_or("the expiry list points nowhere")?;
				if c.status == ContributionStatus::Pending && c.deadline == deadline {
					listed_pending = listed_pending.saturating_add(1);
				}
			}
		}
		for (deadline, count) in ExpiringCount::<T>::iter() {
			ensure!(
				deadline >= next_deadline,
				"a deadline's count outlived its expiry"
			);
			ensure!(
				count <= T::MaxSubmissionsPerDeadline::get(),
				"a deadline lists more than MaxSubmissionsPerDeadline"
			);
		}
		ensure!(
			listed_pending == pending.values().fold(0u32, |sum, n| sum.saturating_add(*n)),
			"the expiry list and the pending contributions differ"
		);
		for (root, claim) in ByHash::<T>::iter() {
			match claim {
				RootClaim::Contribution(id) => {
					let c = Contributions::<T>::get(id).ok_or("hash index points nowhere")?;
					ensure!(c.root == root, "hash index points at another root");
					ensure!(
						c.status == ContributionStatus::Pending || c.status.was_verified(),
						"a closed contribution still holds its root"
					);
				}
				RootClaim::Reserved { id, owner, .. } => {
					let c = Contributions::<T>::get(id).ok_or("a reservation points nowhere")?;
					ensure!(
						c.root == root && c.owner == owner,
						"a reservation names another root or owner"
					);
					ensure!(
						c.status == ContributionStatus::Unavailable,
						"only unavailable contributions reserve roots"
					);
				}
				RootClaim::ModelVersion(id) => {
					let weights_root =
						T::ModelVersions::weights_root(id).ok_or("a model root points nowhere")?;
					ensure!(weights_root == root, "a model root points at other weights");
				}
			}
		}
		let mut listed: u64 = 0;
		for (owner, record) in Owners::<T>::iter() {
			// Every account this pallet ever held from has an owner record: none holds more or
			// less than its pending deposits, so no hold is left without a contribution.
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ContributionDeposit.into(), &owner)
					== held.get(&owner).copied().unwrap_or_default(),
				"held deposits differ from pending deposits"
			);
			ensure!(
				pending.get(&owner).copied().unwrap_or_default() == record.pending,
				"pending count differs"
			);
			// Every contribution of the owner is on their list, newest first.
			let mut next = record.latest;
			while let Some(id) = next {
				let c = Contributions::<T>::get(id).ok_or("an owner's list points nowhere")?;
				ensure!(
					c.owner == owner,
					"an owner's list holds another's contribution"
				);
				listed = listed.saturating_add(1);
				next = c.previous_of_owner;
			}
		}
		ensure!(
			pending.keys().all(Owners::<T>::contains_key),
			"pending contributions of an account without a record"
		);
		ensure!(
			listed == Contributions::<T>::iter().count() as u64,
			"a contribution is on no owner's list"
		);
		Self::check_license_list()?;
		Self::check_novelty_index()
	}

	/// The license list is counted right, within its bound, and holds valid identifiers only.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	fn check_license_list() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut count: u32 = 0;
		for license in Licenses::<T>::iter_keys() {
			ensure!(
				!license.is_empty() && license.iter().all(|b| b.is_ascii_graphic()),
				"an accepted license is not a printable identifier"
			);
			count = count.saturating_add(1);
		}
		ensure!(
			count == LicenseCount::<T>::get(),
			"the license count differs from the list"
		);
		ensure!(
			count <= T::MaxLicenses::get(),
			"more licenses listed than MaxLicenses"
		);
		Ok(())
	}

	/// Receipts and the novelty index hold verified contributions only: every receipt and
	/// sketch belongs to one, and every bucket lists indexed datasets, oldest first, under
	/// their own band keys.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	fn check_novelty_index() -> Result<(), sp_runtime::TryRuntimeError> {
		for (id, _) in Receipts::<T>::iter() {
			let c = Contributions::<T>::get(id).ok_or("a receipt of no contribution")?;
			ensure!(
				c.status.was_verified(),
				"a receipt of a contribution that was not verified"
			);
		}
		for (id, _) in Sketches::<T>::iter() {
			let c = Contributions::<T>::get(id).ok_or("a sketch of no contribution")?;
			ensure!(
				c.kind == ContributionKind::Dataset && c.status.was_verified(),
				"a sketch of something other than a verified dataset"
			);
		}
		for ((band, key), bucket) in Bands::<T>::iter() {
			ensure!(
				usize::from(band) < novelty::BANDS,
				"a bucket of a band that does not exist"
			);
			ensure!(
				bucket.windows(2).all(|pair| pair.first() < pair.get(1)),
				"a bucket out of order"
			);
			for id in bucket {
				let entry = Sketches::<T>::get(id).ok_or("a bucket lists an unindexed dataset")?;
				ensure!(
					novelty::band_key(&entry.sketch, usize::from(band)) == key,
					"a bucket lists a dataset under another band key"
				);
			}
		}
		Ok(())
	}
}
