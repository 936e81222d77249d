//! How disputes move on: decisions, the deadlines that stand in for a decision, and closing,
//! which settles bonds and acts on the contribution and its rewards.

use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_contributions::ContributionRegistry;
use pallet_rewards::RewardClawback;
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

use crate::{
	BalanceOf, Config, Deadlines, DisputeId, DisputeOf, Disputes, Event, HoldReason, OpenDisputeOf,
	Pallet, Params, Party, Settlement, Stage,
};

impl<T: Config> Pallet<T> {
	/// Moves on every dispute whose stage ends at `now`: an undecided dispute is dismissed
	/// (and may be appealed), an unappealed decision and an undecided appeal become final.
	/// Returns how many it looked at.
	pub(crate) fn settle_due(now: BlockNumberFor<T>) -> u32 {
		let due = Deadlines::<T>::take(now);
		let count = due.len() as u32;
		for id in due {
			let Some(dispute) = Disputes::<T>::get(id) else {
				continue;
			};
			if dispute.stage.deadline() != Some(now) {
				continue;
			}
			match dispute.stage {
				Stage::Open { .. } => match Self::appeal_slot() {
					Ok(appeal_until) => {
						Self::record_decision(id, dispute, false, true, appeal_until)
					}
					// No room for an appeal deadline: the dismissal is final at once.
					Err(_) => Self::close(id, dispute, false),
				},
				Stage::Decided { upheld, .. } => Self::close(id, dispute, upheld),
				Stage::Appealed { first_upheld, .. } => Self::close(id, dispute, first_upheld),
				Stage::Closed { .. } => {}
			}
		}
		count
	}

	/// Records the first decision of open dispute `id` (listed under `deadline`). Fails, with
	/// nothing changed, when no block has room for the appeal deadline.
	pub(crate) fn enter_decision(
		id: DisputeId,
		dispute: DisputeOf<T>,
		deadline: BlockNumberFor<T>,
		upheld: bool,
		undecided: bool,
	) -> DispatchResult {
		let appeal_until = Self::appeal_slot()?;
		Self::unschedule(deadline, id);
		Self::record_decision(id, dispute, upheld, undecided, appeal_until);
		Ok(())
	}

	/// Where a first decision taken now waits for appeal: `None` when the appeal period is
	/// zero (the decision is final at once), else the appeal deadline's slot
	/// ([`Self::deadline_slot`]), an error when no block has room for it.
	fn appeal_slot() -> Result<Option<BlockNumberFor<T>>, DispatchError> {
		let appeal_period = Params::<T>::get().appeal_period;
		if appeal_period.is_zero() {
			return Ok(None);
		}
		Self::deadline_slot(appeal_period).map(Some)
	}

	/// Records a first decision, listed for appeal until `appeal_until` (a slot from
	/// [`Self::appeal_slot`]); final at once when there is none.
	fn record_decision(
		id: DisputeId,
		mut dispute: DisputeOf<T>,
		upheld: bool,
		undecided: bool,
		appeal_until: Option<BlockNumberFor<T>>,
	) {
		let Some(appeal_until) = appeal_until else {
			Self::deposit_event(Event::DisputeDecided {
				id,
				upheld,
				undecided,
				appeal_until: frame_system::Pallet::<T>::block_number(),
			});
			Self::close(id, dispute, upheld);
			return;
		};
		Self::schedule(appeal_until, id);
		dispute.stage = Stage::Decided {
			upheld,
			appeal_until,
		};
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(Event::DisputeDecided {
			id,
			upheld,
			undecided,
			appeal_until,
		});
	}

	/// Closes dispute `id` for good: settles the bonds, and revokes the contribution and
	/// takes back its rewards (upheld) or lets them vest (dismissed).
	pub(crate) fn close(id: DisputeId, mut dispute: DisputeOf<T>, upheld: bool) {
		let now = frame_system::Pallet::<T>::block_number();
		let mut settlement = Settlement::<BalanceOf<T>>::default();
		OpenDisputeOf::<T>::remove(dispute.contribution);

		if upheld {
			Self::release_bond(&dispute.challenger, dispute.bond);
		} else {
			let (to_owner, to_pot) = Self::split(&dispute.challenger, dispute.bond, &dispute.owner);
			settlement.to_winner = to_owner;
			settlement.to_pot = to_pot;
		}
		if let Stage::Appealed {
			first_upheld, by, ..
		} = dispute.stage
		{
			let (appellant, other) = match by {
				Party::Owner => (&dispute.owner, &dispute.challenger),
				Party::Challenger => (&dispute.challenger, &dispute.owner),
			};
			if upheld != first_upheld {
				Self::release_bond(appellant, dispute.appeal_bond);
			} else {
				let (to_other, to_pot) = Self::split(appellant, dispute.appeal_bond, other);
				settlement.to_winner = settlement.to_winner.saturating_add(to_other);
				settlement.to_pot = settlement.to_pot.saturating_add(to_pot);
			}
		}

		if upheld {
			T::Contributions::revoke(dispute.contribution, dispute.reason.revocation());
			let clawed = T::Rewards::claw_back(&dispute.owner, dispute.contribution);
			let bounty = Params::<T>::get().bounty.mul_floor(clawed.returned);
			settlement.returned = clawed.returned;
			settlement.debt = clawed.debt;
			settlement.bounty = T::Rewards::pay_from_pot(&dispute.challenger, bounty);
		} else {
			T::Rewards::release(&dispute.owner, dispute.contribution);
		}

		let contribution = dispute.contribution;
		dispute.stage = Stage::Closed { upheld, at: now };
		Disputes::<T>::insert(id, dispute);
		Self::deposit_event(if upheld {
			Event::DisputeUpheld {
				id,
				contribution,
				settlement,
			}
		} else {
			Event::DisputeDismissed {
				id,
				contribution,
				settlement,
			}
		});
	}

	/// Pays `loser`'s held `bond` half to `winner` and the rest to the pot (all of it to the
	/// pot if `winner` cannot receive it); returns (to winner, to pot).
	fn split(
		loser: &T::AccountId,
		bond: BalanceOf<T>,
		winner: &T::AccountId,
	) -> (BalanceOf<T>, BalanceOf<T>) {
		let reason = HoldReason::DisputeBond.into();
		let half = Perbill::from_percent(50).mul_floor(bond);
		let to_winner = T::Currency::transfer_on_hold(
			&reason,
			loser,
			winner,
			half,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Polite,
		)
		.unwrap_or_else(|_| Zero::zero());
		let rest = bond.saturating_sub(to_winner);
		let to_pot = T::Currency::transfer_on_hold(
			&reason,
			loser,
			&T::Pot::get(),
			rest,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Polite,
		)
		.unwrap_or_else(|_| {
			frame_support::defensive!("the pot could not receive a bond");
			Zero::zero()
		});
		(to_winner, to_pot)
	}
}
