//! Unit tests of pallet-disputes, by stage.
#![allow(clippy::arithmetic_side_effects)]

mod appeal;
mod decide;
mod governance;
mod open;

use frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectFreeze, InspectHold},
};

use crate::{mock::*, *};

/// The contribution the tests dispute: OWNER's dataset 0.
pub const CONTRIBUTION: pallet_contributions::ContributionId = 0;
/// A hash of evidence.
pub const EVIDENCE: EvidenceHash = [7; 32];

/// OWNER's contribution 0, alone in the first epoch: 1,000 credited and frozen at `EPOCH`,
/// vesting at `EPOCH + WINDOW`.
pub fn owner_earns_the_first_epoch() {
	verified(CONTRIBUTION, OWNER, 1_000);
	run_to_block(EPOCH);
	assert_eq!(frozen(OWNER), 1_000);
}

/// CHALLENGER disputes contribution 0 for plagiarism; the dispute's id.
pub fn challenge() -> DisputeId {
	let id = NextDisputeId::<Test>::get();
	assert_ok!(DisputesPallet::open_dispute(
		RuntimeOrigin::signed(CHALLENGER),
		CONTRIBUTION,
		DisputeReason::Plagiarism,
		EVIDENCE
	));
	id
}

/// What `who` has frozen for unvested rewards.
pub fn frozen(who: AccountId) -> Balance {
	Balances::balance_frozen(
		&RuntimeFreezeReason::Rewards(pallet_rewards::FreezeReason::UnvestedReward),
		&who,
	)
}

/// What `who` holds in dispute bonds.
pub fn bonded(who: AccountId) -> Balance {
	Balances::balance_on_hold(
		&RuntimeHoldReason::DisputesPallet(HoldReason::DisputeBond),
		&who,
	)
}

/// `who`'s whole balance (free and held).
pub fn total(who: AccountId) -> Balance {
	Balances::total_balance(&who)
}

/// The stage of dispute `id`.
pub fn stage(id: DisputeId) -> Stage<u64> {
	Disputes::<Test>::get(id).unwrap().stage
}

/// The events of this pallet so far.
pub fn dispute_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::DisputesPallet(event) => Some(event),
			_ => None,
		})
		.collect()
}
