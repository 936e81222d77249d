//! The pallet's invariants, checked by `try_state` after every unit test and on live state.

use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::traits::{CheckedAdd, Zero};

use crate::{
	BalanceOf, ByAccount, ByContribution, Config, Deadlines, Disputes, HoldReason, NextDisputeId,
	OpenDisputeOf, Pallet, Party, Stage,
};

impl<T: Config> Pallet<T> {
	/// Checks that every undecided dispute is its contribution's one open dispute and is
	/// listed under the block its stage ends in, which is still to come; that ids are below
	/// the next id and listed for their contribution and both sides; and that each account's
	/// held bonds are exactly the bonds of its disputes still open.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let now = frame_system::Pallet::<T>::block_number();
		let next = NextDisputeId::<T>::get();
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut add = |who: &T::AccountId, amount: BalanceOf<T>| -> Result<(), &'static str> {
			let entry = held.entry(who.clone()).or_insert_with(Zero::zero);
			*entry = entry.checked_add(&amount).ok_or("held bonds overflow")?;
			Ok(())
		};
		for (id, dispute) in Disputes::<T>::iter() {
			ensure!(id < next, "a dispute id at or above the next id");
			ensure!(
				dispute.stage.is_closed()
					|| ByContribution::<T>::get(dispute.contribution).contains(&id),
				"an undecided dispute not listed for its contribution"
			);
			ensure!(
				ByAccount::<T>::contains_key(&dispute.challenger, id)
					&& ByAccount::<T>::contains_key(&dispute.owner, id),
				"a dispute not listed for both sides"
			);
			let open = OpenDisputeOf::<T>::get(dispute.contribution) == Some(id);
			match dispute.stage.deadline() {
				Some(deadline) => {
					ensure!(
						open,
						"an undecided dispute is not its contribution's open one"
					);
					ensure!(deadline > now, "an undecided dispute's deadline has passed");
					ensure!(
						Deadlines::<T>::get(deadline).contains(&id),
						"an undecided dispute is not listed under its deadline"
					);
					add(&dispute.challenger, dispute.bond)?;
				}
				None => ensure!(
					!open,
					"a closed dispute is still its contribution's open one"
				),
			}
			if let Stage::Appealed { by, .. } = dispute.stage {
				let appellant = match by {
					Party::Owner => &dispute.owner,
					Party::Challenger => &dispute.challenger,
				};
				add(appellant, dispute.appeal_bond)?;
			}
		}
		for (contribution, id) in OpenDisputeOf::<T>::iter() {
			let dispute = Disputes::<T>::get(id).ok_or("an open dispute that does not exist")?;
			ensure!(
				dispute.contribution == contribution && !dispute.stage.is_closed(),
				"an open dispute of another contribution, or closed"
			);
		}
		for (at, due) in Deadlines::<T>::iter() {
			ensure!(at > now, "deadlines of a past block");
			for id in due {
				let dispute = Disputes::<T>::get(id).ok_or("a deadline of no dispute")?;
				ensure!(
					dispute.stage.deadline() == Some(at),
					"a deadline listed for a dispute that ends elsewhere"
				);
			}
		}
		let reason = HoldReason::DisputeBond.into();
		for (who, bonds) in &held {
			ensure!(
				T::Currency::balance_on_hold(&reason, who) == *bonds,
				"an account's held bonds differ from its open disputes"
			);
		}
		for (who, _) in ByAccount::<T>::iter_keys() {
			if !held.contains_key(&who) {
				ensure!(
					T::Currency::balance_on_hold(&reason, &who).is_zero(),
					"an account holds a bond without an open dispute"
				);
			}
		}
		Ok(())
	}
}
