//! Revocation by an upheld dispute: a verified contribution becomes revoked or taken down,
//! keeps its root and receipt, and no longer counts as verified for bonuses or releases.

use frame_support::assert_ok;

use super::*;

/// Submits a fine-tune as `who` (root `[seed; 32]`) and has V1 and V2 verify it.
fn verified_fine_tune(who: AccountId, seed: u8) -> ContributionId {
	let id = submit_fine_tune(who, seed);
	assert_ok!(attest(V1, id, Verdict::Valid { score: 80 }));
	assert_ok!(attest(V2, id, Verdict::Valid { score: 80 }));
	id
}

#[test]
fn an_upheld_dispute_revokes_a_verified_contribution_and_keeps_its_root() {
	ExtBuilder::build_and_execute(|| {
		let id = verified_fine_tune(ALICE, 1);
		assert_eq!(
			<ContributionsPallet as ContributionRegistry<_>>::revoke(id, Revocation::Revoke),
			Some(ALICE)
		);
		assert_eq!(status(id), ContributionStatus::Revoked);
		assert_eq!(ContributionsPallet::withdrawn(id), Some(Revocation::Revoke));
		System::assert_last_event(
			Event::ContributionRevoked {
				id,
				owner: ALICE,
				status: ContributionStatus::Revoked,
			}
			.into(),
		);
		// No longer verified: no bonus, no release, no reward weight.
		assert_eq!(ContributionsPallet::verified_owner(id), None);
		assert_eq!(ContributionsPallet::reward_weight(id), None);
		// Its root stays claimed: the same bytes cannot be registered again to earn anew.
		assert_eq!(
			ByHash::<Test>::get([1; 32]),
			Some(RootClaim::Contribution(id))
		);
		assert!(Receipts::<Test>::contains_key(id));
	});
}

#[test]
fn a_takedown_marks_it_taken_down() {
	ExtBuilder::build_and_execute(|| {
		let id = verified_fine_tune(BOB, 2);
		assert_eq!(
			<ContributionsPallet as ContributionRegistry<_>>::revoke(id, Revocation::TakeDown),
			Some(BOB)
		);
		assert_eq!(status(id), ContributionStatus::TakenDown);
		assert!(status(id).was_verified());
		assert_eq!(
			ContributionsPallet::withdrawn(id),
			Some(Revocation::TakeDown)
		);
	});
}

#[test]
fn only_a_verified_contribution_can_be_revoked_and_only_once() {
	ExtBuilder::build_and_execute(|| {
		let pending = submit_dataset(ALICE, 3);
		assert_eq!(ContributionsPallet::withdrawn(pending), None);
		let revoke =
			|id| <ContributionsPallet as ContributionRegistry<_>>::revoke(id, Revocation::Revoke);
		assert_eq!(revoke(pending), None);
		assert_eq!(status(pending), ContributionStatus::Pending);
		assert_eq!(revoke(999), None);
		let id = verified_fine_tune(ALICE, 4);
		assert_eq!(revoke(id), Some(ALICE));
		System::reset_events();
		assert_eq!(revoke(id), None);
		assert_eq!(
			<ContributionsPallet as ContributionRegistry<_>>::revoke(id, Revocation::TakeDown),
			None
		);
		assert_eq!(status(id), ContributionStatus::Revoked);
		assert!(System::events().is_empty());
	});
}
