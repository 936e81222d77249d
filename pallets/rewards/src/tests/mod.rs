//! Unit tests of pallet-rewards, by feature.
#![allow(clippy::arithmetic_side_effects)]

mod caps;
mod clawback;
mod governance;
mod payouts;
mod split;
mod vesting;

use crate::mock::*;

/// The free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// All events of the rewards pallet so far.
pub fn reward_events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::RewardsPallet(e) => Some(e),
			_ => None,
		})
		.collect()
}
