//! Registering and deprecating releases, the split, and who may.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

use super::*;

fn register(
	name: &[u8],
	parents: Vec<ReleaseId>,
	ingredients: Vec<(u64, Option<u64>)>,
) -> frame_support::dispatch::DispatchResult {
	Models::register_release(
		RuntimeOrigin::root(),
		name.to_vec(),
		[1; 32],
		[0xf1; 32],
		parents,
		ingredients,
	)
}

#[test]
fn governance_registers_a_release_with_its_lineage_and_ingredients() {
	ExtBuilder::build_and_execute(|| {
		let base = release(&[], &[(1, 1), (3, 1)]);
		assert_ok!(register(
			b"tuned",
			vec![base],
			vec![(5, Some(3)), (2, None)]
		));
		let tuned = base + 1;
		let r = Releases::<Test>::get(tuned).unwrap();
		assert_eq!(r.parents.to_vec(), vec![base]);
		assert_eq!((r.ingredients, r.total_shares, r.deprecated), (2, 4, false));
		assert_eq!(Ingredients::<Test>::get(tuned, 5), Some(3));
		// Without a receipt, an ingredient's share defaults to one.
		assert_eq!(Ingredients::<Test>::get(tuned, 2), Some(1));
		assert_eq!(r.fingerprint, [0xf1; 32]);
		assert_eq!(UsedBy::<Test>::get(2).to_vec(), vec![tuned]);
		assert_eq!(Models::lineage(tuned, 8), vec![base]);
		System::assert_last_event(
			Event::ReleaseRegistered {
				id: tuned,
				weights_root: [1; 32],
				parents: vec![base],
				ingredients: 2,
				total_shares: 4,
			}
			.into(),
		);
	});
}

#[test]
fn releases_are_a_dag_of_earlier_releases_and_every_bound_holds() {
	ExtBuilder::build_and_execute(|| {
		let base = release(&[], &[(1, 1)]);
		let next = NextReleaseId::<Test>::get();
		let one = || vec![(3, None)];
		assert_noop!(register(b"", vec![], one()), Error::<Test>::InvalidName);
		assert_noop!(
			register(&[b'n'; 17], vec![], one()),
			Error::<Test>::InvalidName
		);
		// A cycle would need a parent that is the release itself or registered after it.
		assert_noop!(
			register(b"r", vec![next], one()),
			Error::<Test>::UnknownParent
		);
		assert_noop!(register(b"r", vec![9], one()), Error::<Test>::UnknownParent);
		assert_noop!(
			register(b"r", vec![base, base], one()),
			Error::<Test>::InvalidParents
		);
		let parents = vec![
			base,
			release(&[], &[(2, 1)]),
			release(&[], &[(4, 1)]),
			release(&[], &[(6, 1)]),
		];
		assert_noop!(
			register(b"r", parents, one()),
			Error::<Test>::InvalidParents
		);
		assert_noop!(
			register(b"r", vec![], vec![]),
			Error::<Test>::InvalidIngredients
		);
		assert_noop!(
			register(b"r", vec![], vec![(3, None), (3, Some(2))]),
			Error::<Test>::InvalidIngredients
		);
		let five = (1..=5).map(|c| (c, None)).collect();
		assert_noop!(
			register(b"r", vec![], five),
			Error::<Test>::InvalidIngredients
		);
		// Attack: an unverified contribution (pending, rejected or unknown) takes a share.
		assert_noop!(
			register(b"r", vec![], vec![(77, None)]),
			Error::<Test>::IngredientNotVerified
		);
		assert_noop!(
			register(b"r", vec![], vec![(3, Some(0))]),
			Error::<Test>::ZeroShares
		);
		// Contribution 1 is in two releases already (the mock's bound).
		release(&[], &[(1, 1)]);
		assert_noop!(
			register(b"r", vec![], vec![(1, None)]),
			Error::<Test>::TooManyReleasesForContribution
		);
	});
}

#[test]
fn only_governance_registers_deprecates_and_splits() {
	ExtBuilder::build_and_execute(|| {
		let base = release(&[], &[(1, 1)]);
		let split = RevenueSplit {
			holders: Perbill::from_percent(60),
			parents: Perbill::from_percent(20),
		};
		for origin in [RuntimeOrigin::signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(
				Models::register_release(
					origin.clone(),
					b"r".to_vec(),
					[1; 32],
					[2; 32],
					vec![],
					vec![(3, None)]
				),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Models::deprecate_release(origin.clone(), base),
				DispatchError::BadOrigin
			);
			assert_noop!(Models::set_split(origin, split), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn a_deprecated_release_takes_no_fees_but_its_descendants_still_pay_it() {
	ExtBuilder::build_and_execute(|| {
		let base = release(&[], &[(1, 1)]);
		let tuned = release(&[base], &[(3, 1)]);
		assert_ok!(Models::deprecate_release(RuntimeOrigin::root(), base));
		System::assert_last_event(Event::ReleaseDeprecated { id: base }.into());
		assert!(Releases::<Test>::get(base).unwrap().deprecated);
		assert_noop!(
			Models::pay_usage(RuntimeOrigin::signed(PAYER), base, 100, [0; 32]),
			Error::<Test>::ReleaseDeprecated
		);
		pay(tuned, 1_000);
		// 30 % of 1,000 reaches the base; half of that is its holder's.
		assert_eq!(Models::claimable(base, 1), 150);
		assert_noop!(
			Models::deprecate_release(RuntimeOrigin::root(), 9),
			Error::<Test>::UnknownRelease
		);
	});
}

#[test]
fn governance_sets_a_split_that_adds_up_to_at_most_the_whole() {
	ExtBuilder::build_and_execute(|| {
		let split = RevenueSplit {
			holders: Perbill::from_percent(60),
			parents: Perbill::from_percent(40),
		};
		assert_ok!(Models::set_split(RuntimeOrigin::root(), split));
		assert_eq!(Split::<Test>::get(), split);
		System::assert_last_event(Event::SplitSet { split }.into());
		let too_much = RevenueSplit {
			holders: Perbill::from_percent(60),
			parents: Perbill::from_percent(41),
		};
		assert_noop!(
			Models::set_split(RuntimeOrigin::root(), too_much),
			Error::<Test>::InvalidSplit
		);
	});
}

#[test]
fn shares_default_to_the_reward_weight_and_a_worthless_copy_gets_none() {
	ExtBuilder::build_and_execute(|| {
		// Receipts: contribution 3 scored 90 for 1,000 bytes, 4 is a copy rewarded for nothing.
		RewardWeights::set([(3, 90_000), (4, 0)].into_iter().collect());
		let id = NextReleaseId::<Test>::get();
		assert_ok!(register(b"r", vec![], vec![(3, None), (5, Some(7))]));
		assert_eq!(Ingredients::<Test>::get(id, 3), Some(90_000));
		assert_eq!(Releases::<Test>::get(id).unwrap().total_shares, 90_007);
		// Attack: a verified copy listed without shares takes none of the revenue.
		assert_noop!(
			register(b"r", vec![], vec![(4, None)]),
			Error::<Test>::ZeroShares
		);
		// Governance may still give it shares explicitly.
		assert_ok!(register(b"r", vec![], vec![(4, Some(1))]));
	});
}
