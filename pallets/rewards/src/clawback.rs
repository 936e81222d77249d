//! How a dispute holds, releases and takes back a contribution's rewards.
//!
//! While a dispute against a contribution is open its rewards do not vest (the dispute pallet
//! answers [`VestingHold::is_held`]). Dismissed, they vest as they would have, or at once if
//! their block has passed ([`RewardClawback::release`]). Upheld, [`RewardClawback::claw_back`]
//! takes everything the contribution earned back: the reward not yet credited is dropped
//! from its epoch, the unvested part returns to the pot, and what had vested (or could not
//! be taken from the owner's balance) becomes the owner's debt, recovered from their later
//! rewards and bonuses before anything is credited to them.

use frame_support::traits::{
	fungible::{Inspect, Mutate},
	tokens::{Fortitude, Preservation},
};
use pallet_contributions::ContributionId;
use sp_runtime::traits::{Saturating, Zero};

use crate::{
	AccountRewardsOf, BalanceOf, ClawBack, ClawedBack, Closing, Config, ContributionRewards,
	CurrentEpoch, Debts, EpochEntries, EpochTallies, Event, Pallet, Totals, Unvested,
};

/// Whether a contribution's rewards must wait before vesting (an open dispute); the
/// runtime's dispute pallet answers.
pub trait VestingHold {
	/// Contribution `id`'s unvested rewards stay frozen past their block.
	fn is_held(id: ContributionId) -> bool;
}

impl VestingHold for () {
	fn is_held(_: ContributionId) -> bool {
		false
	}
}

/// What a dispute pallet asks of the rewards ledger.
pub trait RewardClawback<AccountId, Balance> {
	/// Whether contribution `id` of `owner` is in its challenge window: its reward waits for
	/// its epoch to close, or is credited and still unvested.
	fn in_challenge_window(owner: &AccountId, id: ContributionId) -> bool;

	/// A dispute was dismissed: what its hold kept frozen past its block vests now.
	fn release(owner: &AccountId, id: ContributionId);

	/// A dispute was upheld: takes back everything contribution `id` earned (see the module
	/// documentation).
	fn claw_back(owner: &AccountId, id: ContributionId) -> ClawBack<Balance>;

	/// Pays `amount` from the pot to `to` (a challenger's bounty), or what the pot can
	/// commit if less; returns what it paid.
	fn pay_from_pot(to: &AccountId, amount: Balance) -> Balance;

	/// Credits `owner` an unvested reward of `amount` for contribution `id`, paid and frozen,
	/// with the pot funded beyond it, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_unvested(owner: &AccountId, id: ContributionId, amount: Balance);
}

impl<T: Config> RewardClawback<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn in_challenge_window(owner: &T::AccountId, id: ContributionId) -> bool {
		Unvested::<T>::contains_key(owner, id)
			|| EpochEntries::<T>::contains_key(CurrentEpoch::<T>::get().index, id)
			|| Closing::<T>::get()
				.is_some_and(|payout| EpochEntries::<T>::contains_key(payout.epoch, id))
	}

	fn release(owner: &T::AccountId, id: ContributionId) {
		let now = frame_system::Pallet::<T>::block_number();
		if let Some(entry) = Unvested::<T>::get(owner, id) {
			// A reward whose block is still to come is still queued for it.
			if entry.vests_at <= now {
				Self::vest(owner.clone(), id, entry.amount);
			}
		}
	}

	fn claw_back(owner: &T::AccountId, id: ContributionId) -> ClawBack<BalanceOf<T>> {
		Self::drop_entry(id);
		let earned = ContributionRewards::<T>::get(id);
		let total = earned.reward.saturating_add(earned.bonus);
		let unvested = Unvested::<T>::take(owner, id)
			.map(|entry| entry.amount)
			.unwrap_or_else(Zero::zero);

		// What was credited but never transferred leaves the ledger; it never left the pot.
		let mut account = AccountRewardsOf::<T>::get(owner);
		account.unvested = account.unvested.saturating_sub(unvested);
		let uncredited = unvested.min(account.earned.saturating_sub(account.paid));
		account.earned = account.earned.saturating_sub(uncredited);
		AccountRewardsOf::<T>::insert(owner, account);
		Totals::<T>::mutate(|t| {
			t.credited = t.credited.saturating_sub(uncredited);
			t.committed = t.committed.saturating_sub(uncredited);
		});
		Self::set_freeze(owner, account.unvested);

		// The rest of the unvested part is in the owner's balance, now thawed; what they
		// have moved under a hold since (a freeze overlaps holds) cannot be taken.
		let wanted = unvested.saturating_sub(uncredited);
		let takeable =
			T::Currency::reducible_balance(owner, Preservation::Expendable, Fortitude::Polite)
				.min(wanted);
		let taken = T::Currency::transfer(
			owner,
			&Self::pot_account(),
			takeable,
			Preservation::Expendable,
		)
		.unwrap_or_else(|_| Zero::zero());

		let returned = uncredited.saturating_add(taken);
		let debt = total.saturating_sub(returned);
		if !debt.is_zero() {
			Debts::<T>::mutate(owner, |owed| *owed = owed.saturating_add(debt));
		}
		let clawed = ClawBack { returned, debt };
		ClawedBack::<T>::insert(id, clawed);
		Self::deposit_event(Event::RewardClawedBack {
			id,
			owner: owner.clone(),
			returned,
			debt,
		});
		clawed
	}

	fn pay_from_pot(to: &T::AccountId, amount: BalanceOf<T>) -> BalanceOf<T> {
		let amount = amount.min(Self::pot_available());
		if amount.is_zero() {
			return amount;
		}
		T::Currency::transfer(&Self::pot_account(), to, amount, Preservation::Preserve)
			.unwrap_or_else(|_| Zero::zero())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_unvested(owner: &T::AccountId, id: ContributionId, amount: BalanceOf<T>) {
		let pot = Self::pot_account();
		let endowment = amount.saturating_mul(4u32.into());
		if T::Currency::mint_into(&pot, endowment).is_ok() {
			Totals::<T>::mutate(|t| t.minted = t.minted.saturating_add(endowment));
		}
		Totals::<T>::mutate(|t| t.committed = t.committed.saturating_add(amount));
		ContributionRewards::<T>::mutate(id, |r| r.reward = r.reward.saturating_add(amount));
		AccountRewardsOf::<T>::mutate(owner, |r| r.earned = r.earned.saturating_add(amount));
		Totals::<T>::mutate(|t| t.credited = t.credited.saturating_add(amount));
		Self::try_pay(owner);
		if let Some(vests_at) = Self::vesting_slot(owner, id) {
			Self::freeze_until(owner, id, amount, vests_at);
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Drops contribution `id`'s reward that its epoch has not credited yet: from the open
	/// epoch's tally, or from the closing epoch's payout (whose share then stays in the pot).
	pub(crate) fn drop_entry(id: ContributionId) {
		let current = CurrentEpoch::<T>::get().index;
		if let Some(entry) = EpochEntries::<T>::take(current, id) {
			EpochTallies::<T>::mutate(current, |tally| {
				tally.total_weight = tally.total_weight.saturating_sub(entry.weight);
				tally.entry_count = tally.entry_count.saturating_sub(1);
			});
		}
		if let Some(mut payout) = Closing::<T>::get() {
			if EpochEntries::<T>::take(payout.epoch, id).is_some() {
				payout.remaining = payout.remaining.saturating_sub(1);
				Closing::<T>::put(payout);
			}
		}
	}

	/// Takes what `owner` owes from `amount` about to be credited to them for contribution
	/// `id`; returns what is left to credit. The part taken stays in the pot.
	pub(crate) fn recover_debt(
		owner: &T::AccountId,
		id: ContributionId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		let owed = Debts::<T>::get(owner);
		let recovered = owed.min(amount);
		if recovered.is_zero() {
			return amount;
		}
		let left = owed.saturating_sub(recovered);
		if left.is_zero() {
			Debts::<T>::remove(owner);
		} else {
			Debts::<T>::insert(owner, left);
		}
		Self::deposit_event(Event::DebtRecovered {
			id,
			owner: owner.clone(),
			amount: recovered,
			left,
		});
		amount.saturating_sub(recovered)
	}
}
