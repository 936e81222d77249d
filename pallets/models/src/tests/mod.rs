//! Unit tests of pallet-models.
#![allow(clippy::arithmetic_side_effects)]

mod payments;
mod releases;
mod takedown;
mod versions;

use frame_support::assert_ok;

use pallet_contributions::IntendedUse;

use crate::{mock::*, *};

/// The widest use a release may declare: commercial and generative.
pub const WIDEST_USE: IntendedUse = IntendedUse {
	commercial: true,
	generative: true,
};

/// Registers a release for [`WIDEST_USE`] with `parents` and `ingredients` (contribution,
/// shares) as governance; its id.
pub fn release(parents: &[ReleaseId], ingredients: &[(u64, u64)]) -> ReleaseId {
	let id = NextReleaseId::<Test>::get();
	assert_ok!(Models::register_release(
		RuntimeOrigin::root(),
		format!("r{id}").into_bytes(),
		[id as u8; 32],
		[0xf1; 32],
		parents.to_vec(),
		WIDEST_USE,
		ingredients.iter().map(|(c, s)| (*c, Some(*s))).collect(),
	));
	id
}

/// `PAYER` pays `amount` to `release`.
pub fn pay(release: ReleaseId, amount: Balance) {
	assert_ok!(Models::pay_usage(
		RuntimeOrigin::signed(PAYER),
		release,
		amount,
		[7; 32]
	));
}

/// The free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// The pallet's account balance.
pub fn held() -> Balance {
	Balances::free_balance(Models::account_id())
}
