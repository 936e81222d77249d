//! Registering and deprecating releases, the split, and who may.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

use pallet_contributions::{Consent, ConsentLevel, IntendedUse, LicenseTerms};

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
		WIDEST_USE,
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
				intended_use: WIDEST_USE,
				ingredients: 2,
				total_shares: 4,
			}
			.into(),
		);
		assert_eq!(r.intended_use, WIDEST_USE);
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
					WIDEST_USE,
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

/// A non-commercial chat model: trains on the data, publishes weights, generates text.
const RESEARCH_CHAT: IntendedUse = IntendedUse {
	commercial: false,
	generative: true,
};

/// Registers a release named `name` for `intended` use with one share of each ingredient.
fn register_for(
	name: &[u8],
	parents: Vec<ReleaseId>,
	intended: IntendedUse,
	ingredients: &[u64],
) -> frame_support::dispatch::DispatchResult {
	Models::register_release(
		RuntimeOrigin::root(),
		name.to_vec(),
		[1; 32],
		[0xf1; 32],
		parents,
		intended,
		ingredients.iter().map(|c| (*c, Some(1))).collect(),
	)
}

/// Contribution `id` is under `terms` (`None`: a license taken off the list) with `consent`.
fn set_usage_terms(id: u64, terms: Option<LicenseTerms>, consent: Consent) {
	UsageTerms::mutate(|all| all.insert(id, (terms, consent)));
}

#[test]
fn an_ingredient_whose_license_forbids_the_use_keeps_the_release_out() {
	ExtBuilder::build_and_execute(|| {
		// Contribution 2 is under a non-commercial license.
		let non_commercial = LicenseTerms {
			commercial: false,
			..OPEN_TERMS
		};
		set_usage_terms(2, Some(non_commercial), Consent::all(ConsentLevel::Allowed));
		let next = NextReleaseId::<Test>::get();
		// Attack: a commercial release that quietly includes non-commercial data.
		assert_noop!(
			register_for(b"shop", vec![], WIDEST_USE, &[1, 2]),
			Error::<Test>::IngredientLicenseForbids
		);
		assert_eq!(NextReleaseId::<Test>::get(), next);
		assert!(UsedBy::<Test>::get(1).is_empty());
		// The same data in a non-commercial release is fine.
		assert_ok!(register_for(b"research", vec![], RESEARCH_CHAT, &[1, 2]));
		// A license that does not allow publishing weights keeps data out of every release.
		let no_derivatives = LicenseTerms {
			weights_redistribution: false,
			..non_commercial
		};
		set_usage_terms(3, Some(no_derivatives), Consent::all(ConsentLevel::Allowed));
		assert_noop!(
			register_for(b"any", vec![], IntendedUse::default(), &[3]),
			Error::<Test>::IngredientLicenseForbids
		);
	});
}

#[test]
fn an_ingredient_under_a_withdrawn_license_is_refused() {
	ExtBuilder::build_and_execute(|| {
		set_usage_terms(1, None, Consent::all(ConsentLevel::Allowed));
		assert_noop!(
			register_for(b"r", vec![], IntendedUse::default(), &[1]),
			Error::<Test>::IngredientLicenseNotAccepted
		);
	});
}

#[test]
fn an_ingredient_whose_owner_withholds_consent_keeps_the_release_out() {
	ExtBuilder::build_and_execute(|| {
		// Contribution 3's owner allows training but not generative training.
		let no_generation = Consent {
			ai_generative_training: ConsentLevel::NotAllowed,
			..Consent::all(ConsentLevel::Allowed)
		};
		set_usage_terms(3, Some(OPEN_TERMS), no_generation);
		assert_noop!(
			register_for(b"chat", vec![], RESEARCH_CHAT, &[3]),
			Error::<Test>::IngredientConsentForbids
		);
		// A model that does not generate may use it.
		assert_ok!(register_for(
			b"classifier",
			vec![],
			IntendedUse::default(),
			&[3]
		));
		// Constrained consent (conditions the chain cannot check) rules out commercial use.
		set_usage_terms(5, Some(OPEN_TERMS), Consent::all(ConsentLevel::Constrained));
		assert_noop!(
			register_for(b"shop", vec![], WIDEST_USE, &[5]),
			Error::<Test>::IngredientConsentForbids
		);
		assert_ok!(register_for(b"research", vec![], RESEARCH_CHAT, &[5]));
	});
}

#[test]
fn a_release_may_not_be_used_more_widely_than_its_parents() {
	ExtBuilder::build_and_execute(|| {
		let research = NextReleaseId::<Test>::get();
		assert_ok!(register_for(b"research", vec![], RESEARCH_CHAT, &[1]));
		// Attack: launder non-commercial lineage into a commercial release through a parent,
		// adding only open ingredients of its own.
		assert_noop!(
			register_for(b"shop", vec![research], WIDEST_USE, &[3]),
			Error::<Test>::UseBeyondParent
		);
		let classifier = NextReleaseId::<Test>::get();
		assert_ok!(register_for(
			b"classifier",
			vec![],
			IntendedUse::default(),
			&[3]
		));
		assert_noop!(
			register_for(b"chat", vec![classifier], RESEARCH_CHAT, &[5]),
			Error::<Test>::UseBeyondParent
		);
		// A narrower use than the parent's is fine.
		assert_ok!(register_for(
			b"tuned",
			vec![research],
			IntendedUse::default(),
			&[5]
		));
	});
}

#[test]
fn releases_registered_before_uses_were_declared_become_non_commercial_chat_models() {
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	use crate::migrations::v2::{v1, MigrateV1ToV2, USE_OF_EARLIER_RELEASES};

	ExtBuilder::build_and_execute(|| {
		let base = release(&[], &[(1, 1)]);
		let stored = Releases::<Test>::get(base).unwrap();
		// The same release as version 1 stored it.
		v1::Releases::<Test>::insert(
			base,
			v1::ReleaseV1 {
				name: stored.name.clone(),
				weights_root: stored.weights_root,
				fingerprint: stored.fingerprint,
				parents: stored.parents.clone(),
				ingredients: stored.ingredients,
				total_shares: stored.total_shares,
				deprecated: stored.deprecated,
				registered_at: stored.registered_at,
			},
		);
		StorageVersion::new(1).put::<Models>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(Models::on_chain_storage_version(), 2);
		let migrated = Releases::<Test>::get(base).unwrap();
		assert_eq!(migrated.intended_use, USE_OF_EARLIER_RELEASES);
		// Everything else is as it was.
		let as_before = Release {
			intended_use: WIDEST_USE,
			..migrated
		};
		assert_eq!(
			codec::Encode::encode(&as_before),
			codec::Encode::encode(&stored)
		);
		// A commercial release cannot build on it; a non-commercial one can.
		assert_noop!(
			register_for(b"shop", vec![base], WIDEST_USE, &[3]),
			Error::<Test>::UseBeyondParent
		);
		assert_ok!(register_for(b"research", vec![base], RESEARCH_CHAT, &[3]));
	});
}
