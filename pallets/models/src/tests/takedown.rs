//! Revoked and taken-down ingredients: their revenue goes to the pot, and releases that build
//! on a taken-down one are flagged down their lineage.

use frame_support::{assert_noop, assert_ok};
use pallet_contributions::{ContributionRegistry, Revocation};
use sp_runtime::DispatchError;

use super::*;

/// base (1, 3) ← tuned (5, 2) ← chat (6); contribution 3 is taken down.
fn lineage_with_a_takedown() -> (ReleaseId, ReleaseId, ReleaseId) {
	let base = release(&[], &[(1, 1), (3, 1)]);
	let tuned = release(&[base], &[(5, 3), (2, 1)]);
	let chat = release(&[tuned], &[(6, 1)]);
	assert_eq!(
		TestContributions::revoke(3, Revocation::TakeDown),
		Some(BOB)
	);
	(base, tuned, chat)
}

#[test]
fn a_taken_down_ingredients_revenue_is_swept_to_the_pot_not_claimed() {
	ExtBuilder::build_and_execute(|| {
		let (base, _, chat) = lineage_with_a_takedown();
		pay(chat, 1_000);
		assert_eq!(Models::claimable(base, 3), 22);
		// Its owner can no longer claim it.
		assert_noop!(
			Models::claim_revenue(RuntimeOrigin::signed(BOB), base, 3),
			Error::<Test>::NotTheOwner
		);
		let pot_before = free(POT);
		assert_ok!(Models::sweep_revenue(
			RuntimeOrigin::signed(CHARLIE),
			base,
			3
		));
		assert_eq!(free(POT), pot_before + 22);
		assert_eq!(Models::claimable(base, 3), 0);
		System::assert_last_event(
			Event::RevenueSwept {
				release: base,
				contribution: 3,
				amount: 22,
			}
			.into(),
		);
		// The other holders are untouched.
		assert_eq!(Models::claimable(base, 1), 22);
		assert_noop!(
			Models::sweep_revenue(RuntimeOrigin::signed(CHARLIE), base, 3),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn only_a_withdrawn_ingredients_revenue_is_swept() {
	ExtBuilder::build_and_execute(|| {
		let (base, _, chat) = lineage_with_a_takedown();
		pay(chat, 1_000);
		// The attack: sweep an honest holder's revenue away from them.
		assert_noop!(
			Models::sweep_revenue(RuntimeOrigin::signed(CHARLIE), base, 1),
			Error::<Test>::StillInUse
		);
		assert_noop!(
			Models::sweep_revenue(RuntimeOrigin::signed(CHARLIE), base, 6),
			Error::<Test>::NotAnIngredient
		);
		assert_noop!(
			Models::sweep_revenue(RuntimeOrigin::none(), base, 3),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn releases_that_build_on_a_taken_down_ingredient_are_flagged() {
	ExtBuilder::build_and_execute(|| {
		let (base, tuned, chat) = lineage_with_a_takedown();
		let other = release(&[], &[(4, 1)]);
		assert_eq!(Models::taken_down_in(base), vec![(base, 3)]);
		assert_eq!(Models::taken_down_in(tuned), vec![(base, 3)]);
		assert_eq!(Models::taken_down_in(chat), vec![(base, 3)]);
		assert_eq!(Models::taken_down_in(other), vec![]);
		// A revoked (not taken down) ingredient stops earning but does not flag releases.
		assert_eq!(
			TestContributions::revoke(5, Revocation::Revoke),
			Some(CHARLIE)
		);
		assert_eq!(Models::taken_down_in(chat), vec![(base, 3)]);
		// Nor can it go into a new release.
		assert_noop!(
			Models::register_release(
				RuntimeOrigin::root(),
				b"new".to_vec(),
				[0x99; 32],
				[0xf1; 32],
				vec![],
				WIDEST_USE,
				vec![(3, Some(1))],
			),
			Error::<Test>::IngredientNotVerified
		);
	});
}
