//! The arithmetic of usage revenue: how a payment splits across a release and its
//! ancestors, and what each ingredient has accrued.
//!
//! Each release keeps `per_share`, the revenue credited per share since it was registered,
//! times [`SCALE`]. Crediting `x` to holders adds `⌊x · SCALE / total_shares⌋`; an ingredient
//! with `s` shares has accrued `⌊s · per_share / SCALE⌋`, and claims that less what it
//! claimed before. So paying touches one ledger per release reached, whatever the number of
//! holders, and the holders' accruals never add up to more than was credited: the
//! difference is the ledger's `dust`, recomputed at every payment as
//! `to_holders − ⌊total_shares · per_share / SCALE⌋`.

use alloc::{collections::btree_map::BTreeMap, collections::vec_deque::VecDeque, vec::Vec};
use frame_support::{pallet_prelude::*, traits::Get};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{CheckedAdd, CheckedDiv, Zero},
	Rounding, SaturatedConversion, Saturating,
};

use crate::{
	BalanceOf, Config, Error, Ledgers, ReleaseId, ReleaseLedger, Releases, RevenueSplit, Shares,
};

/// Fixed-point scale of `per_share`.
pub const SCALE: u128 = 1_000_000_000_000;

/// One release a payment reached, and what it did there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop<Balance> {
	/// The release.
	pub release: ReleaseId,
	/// Generations above the paid release (0 for it).
	pub depth: u32,
	/// What it received in this hop.
	pub received: Balance,
	/// Credited to its holders.
	pub to_holders: Balance,
	/// Passed to its parents.
	pub to_parents: Balance,
	/// Sent to the pot.
	pub to_pot: Balance,
}

/// Everything a payment changes, computed before anything is written.
pub struct Plan<T: Config> {
	/// The releases reached, in the order reached.
	pub hops: Vec<Hop<BalanceOf<T>>>,
	/// The ledgers of those releases after the payment.
	pub ledgers: BTreeMap<ReleaseId, ReleaseLedger<BalanceOf<T>>>,
	/// What goes to the pot in all.
	pub to_pot: BalanceOf<T>,
}

/// What `shares` shares have accrued in `ledger`.
pub fn accrued<T: Config>(shares: Shares, ledger: &ReleaseLedger<BalanceOf<T>>) -> BalanceOf<T> {
	// At most `to_holders`, so it fits.
	multiply_by_rational_with_rounding(u128::from(shares), ledger.per_share, SCALE, Rounding::Down)
		.unwrap_or_default()
		.saturated_into()
}

/// The hops, ledgers and pot share of paying `amount` to `release` under `split`:
/// breadth first up the lineage, at most `MaxHops` parent hops (a parent share that would
/// need more goes to the pot, as does what equal division among parents leaves over).
pub fn plan_payment<T: Config>(
	release: ReleaseId,
	amount: BalanceOf<T>,
	split: RevenueSplit,
) -> Result<Plan<T>, DispatchError> {
	let mut hops_left = T::MaxHops::get();
	let mut queue: VecDeque<(ReleaseId, BalanceOf<T>, u32)> = VecDeque::new();
	queue.push_back((release, amount, 0));
	let mut hops = Vec::new();
	let mut ledgers: BTreeMap<ReleaseId, ReleaseLedger<BalanceOf<T>>> = BTreeMap::new();
	let mut to_pot_total: BalanceOf<T> = Zero::zero();
	while let Some((id, received, depth)) = queue.pop_front() {
		let release = Releases::<T>::get(id).ok_or(Error::<T>::UnknownRelease)?;
		let to_holders = split.holders.mul_floor(received);
		let parents_share = if release.parents.is_empty() {
			Zero::zero()
		} else {
			split.parents.mul_floor(received)
		};
		let count: BalanceOf<T> = (release.parents.len() as u32).into();
		let each = parents_share.checked_div(&count).unwrap_or_default();
		let mut to_parents: BalanceOf<T> = Zero::zero();
		for parent in release.parents.iter() {
			if hops_left == 0 || each.is_zero() {
				break;
			}
			hops_left = hops_left.saturating_sub(1);
			queue.push_back((*parent, each, depth.saturating_add(1)));
			to_parents = to_parents.saturating_add(each);
		}
		let to_pot = received
			.saturating_sub(to_holders)
			.saturating_sub(to_parents);
		let ledger = match ledgers.get(&id) {
			Some(ledger) => *ledger,
			None => Ledgers::<T>::get(id),
		};
		let ledger = credit::<T>(
			ledger,
			release.total_shares,
			received,
			to_holders,
			to_parents,
			to_pot,
		)?;
		ledgers.insert(id, ledger);
		to_pot_total = to_pot_total.saturating_add(to_pot);
		hops.push(Hop {
			release: id,
			depth,
			received,
			to_holders,
			to_parents,
			to_pot,
		});
	}
	Ok(Plan {
		hops,
		ledgers,
		to_pot: to_pot_total,
	})
}

/// `ledger` after one hop.
fn credit<T: Config>(
	mut ledger: ReleaseLedger<BalanceOf<T>>,
	total_shares: Shares,
	received: BalanceOf<T>,
	to_holders: BalanceOf<T>,
	to_parents: BalanceOf<T>,
	to_pot: BalanceOf<T>,
) -> Result<ReleaseLedger<BalanceOf<T>>, DispatchError> {
	let too_large = || Error::<T>::PaymentTooLarge;
	let total = u128::from(total_shares).max(1);
	let increase = multiply_by_rational_with_rounding(
		to_holders.saturated_into::<u128>(),
		SCALE,
		total,
		Rounding::Down,
	)
	.ok_or_else(too_large)?;
	ledger.per_share = ledger
		.per_share
		.checked_add(increase)
		.ok_or_else(too_large)?;
	ledger.received = ledger
		.received
		.checked_add(&received)
		.ok_or_else(too_large)?;
	ledger.to_holders = ledger
		.to_holders
		.checked_add(&to_holders)
		.ok_or_else(too_large)?;
	ledger.to_parents = ledger
		.to_parents
		.checked_add(&to_parents)
		.ok_or_else(too_large)?;
	ledger.to_pot = ledger.to_pot.checked_add(&to_pot).ok_or_else(too_large)?;
	let credited: BalanceOf<T> =
		multiply_by_rational_with_rounding(total, ledger.per_share, SCALE, Rounding::Down)
			.ok_or_else(too_large)?
			.saturated_into();
	ledger.dust = ledger.to_holders.saturating_sub(credited);
	Ok(ledger)
}
