//! The storage migrations, each from the layout before it.

use codec::Encode;
use frame_support::{
	assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};

use sp_runtime::Perbill;

use super::*;
use crate::migrations::{
	model_versions::{self, ModelVersionV6},
	v6::{self, MigrateV5ToV6},
	v7::{self, MigrateV6ToV7},
	v8::{self, MigrateV7ToV8},
};

/// Version 0 as storage versions 3 to 6 kept it, in this pallet.
fn legacy_base_version() -> ModelVersionV6<Vec<u8>, u64> {
	ModelVersionV6 {
		name: b"base-v1".to_vec(),
		weights_root: BASE_ROOT,
		parent: None,
		registered_at: 1,
		architecture: None,
	}
}

#[test]
fn v5_to_v6_keeps_model_versions_without_an_architecture_and_adds_the_default_score() {
	ExtBuilder::build_and_execute(|| {
		// Version 5 stored model versions without an architecture...
		let old = v6::v5::ModelVersionV5 {
			name: b"base-v1".to_vec(),
			weights_root: [7; 32],
			parent: None::<ModelVersionId>,
			registered_at: 1u64,
		};
		frame_support::storage::unhashed::put_raw(
			&model_versions::ModelVersions::<Test>::hashed_key_for(0),
			&old.encode(),
		);
		// ...and parameters without the unevaluated score.
		let defaults = DefaultParams::get();
		v6::v5::Params::<Test>::put(v6::v5::ParametersV5 {
			quorum: Perbill::from_percent(60),
			min_attestations: 3,
			verification_period: defaults.verification_period,
			deposit_base: 5,
			deposit_per_byte: 2,
			unavailable_slash: defaults.unavailable_slash,
			unavailable_cooldown: defaults.unavailable_cooldown,
			uri_schemes: UriSchemes::WITH_FILE,
			storage_fee: 1,
		});
		StorageVersion::new(5).put::<ContributionsPallet>();

		MigrateV5ToV6::<Test>::on_runtime_upgrade();

		assert_eq!(ContributionsPallet::on_chain_storage_version(), 6);
		assert_eq!(
			model_versions::ModelVersions::<Test>::get(0),
			Some(legacy_base_version())
		);
		assert_eq!(
			Params::<Test>::get(),
			Parameters {
				quorum: Perbill::from_percent(60),
				min_attestations: 3,
				deposit_base: 5,
				deposit_per_byte: 2,
				uri_schemes: UriSchemes::WITH_FILE,
				storage_fee: 1,
				..defaults
			}
		);
		// Run once: a second upgrade changes nothing.
		MigrateV5ToV6::<Test>::on_runtime_upgrade();
		assert_eq!(ContributionsPallet::on_chain_storage_version(), 6);
	});
}

frame_support::parameter_types! {
	/// The license list a migrated chain starts with in these tests.
	pub MigratedLicenses: Vec<(Vec<u8>, LicenseTerms)> =
		vec![(b"MIT".to_vec(), OPEN_TERMS), (b"CC-BY-NC-4.0".to_vec(), NON_COMMERCIAL_TERMS)];
}

fn v6_contribution(seed: u8, status: ContributionStatus) -> v7::v6::ContributionV6Of<Test> {
	v7::v6::ContributionV6 {
		owner: ALICE,
		kind: ContributionKind::Dataset,
		root: [seed; 32],
		bytes: 1_000,
		uri: URI.to_vec().try_into().unwrap(),
		license: LICENSE.to_vec().try_into().unwrap(),
		description_hash: Some([seed; 32]),
		deposit: 0,
		submitted_at: 1,
		deadline: 100,
		status,
		attestations: Default::default(),
		previous_of_owner: seed.checked_sub(1).map(u64::from),
	}
}

#[test]
fn v6_to_v7_gives_old_contributions_constrained_consent_and_lists_the_default_licenses() {
	ExtBuilder::build_and_execute(|| {
		// A version 6 chain: two verified contributions, no license list.
		let _ = Licenses::<Test>::clear(u32::MAX, None);
		LicenseCount::<Test>::kill();
		for seed in 0..2u8 {
			let old = v6_contribution(seed, ContributionStatus::Verified { score: 50 });
			v7::v6::Contributions::<Test>::insert(u64::from(seed), old);
			ByHash::<Test>::insert([seed; 32], RootClaim::Contribution(u64::from(seed)));
		}
		Owners::<Test>::insert(
			ALICE,
			OwnerRecord {
				pending: 0,
				latest: Some(1),
			},
		);
		NextContributionId::<Test>::put(2);
		StorageVersion::new(6).put::<ContributionsPallet>();

		MigrateV6ToV7::<Test, MigratedLicenses>::on_runtime_upgrade();

		assert_eq!(ContributionsPallet::on_chain_storage_version(), 7);
		for seed in 0..2u8 {
			let c = Contributions::<Test>::get(u64::from(seed)).unwrap();
			assert_eq!(c.consent, Consent::all(ConsentLevel::Constrained));
			assert_eq!(c.root, [seed; 32]);
			assert_eq!(c.description_hash, Some([seed; 32]));
			assert_eq!(c.previous_of_owner, seed.checked_sub(1).map(u64::from));
			assert_eq!(c.status, ContributionStatus::Verified { score: 50 });
		}
		assert_eq!(
			ContributionsPallet::licenses(),
			vec![
				(b"CC-BY-NC-4.0".to_vec(), NON_COMMERCIAL_TERMS),
				(b"MIT".to_vec(), OPEN_TERMS),
			]
		);
		assert_eq!(LicenseCount::<Test>::get(), 2);

		// Run once: a second upgrade changes nothing.
		assert_ok!(ContributionsPallet::set_license(
			RuntimeOrigin::root(),
			b"MIT".to_vec(),
			None
		));
		MigrateV6ToV7::<Test, MigratedLicenses>::on_runtime_upgrade();
		assert_eq!(LicenseCount::<Test>::get(), 1);
	});
}

#[test]
fn v6_to_v7_keeps_a_license_list_governance_already_set() {
	ExtBuilder::build_and_execute(|| {
		StorageVersion::new(6).put::<ContributionsPallet>();
		MigrateV6ToV7::<Test, MigratedLicenses>::on_runtime_upgrade();
		assert_eq!(
			ContributionsPallet::licenses(),
			vec![
				(b"CC-BY-4.0".to_vec(), OPEN_TERMS),
				(b"CC-BY-NC-4.0".to_vec(), NON_COMMERCIAL_TERMS),
			]
		);
	});
}

/// Version 7 listed each pending contribution under its deadline in a double map, with no
/// bound per deadline; version 8 keeps one bounded list per deadline.
#[test]
fn v7_to_v8_lists_each_deadline_in_one_bounded_list() {
	ExtBuilder::build_and_execute(|| {
		// Nine pending contributions: seven of block 1 and two of block 2, which a version 7
		// chain had listed under one deadline, and one of block 3.
		let mut ids = Vec::new();
		for (seed, who) in (11..).zip([ALICE, ALICE, ALICE, BOB, BOB, BOB, CHARLIE]) {
			ids.push(submit_fine_tune(who, seed));
		}
		run_to_block(2);
		ids.push(submit_fine_tune(CHARLIE, 8));
		ids.push(submit_fine_tune(CHARLIE, 9));
		run_to_block(3);
		let last = submit_fine_tune(V1, 10);
		let shared = 1 + PERIOD;
		let _ = Expiring::<Test>::clear(u32::MAX, None);
		for id in &ids {
			Contributions::<Test>::mutate(id, |c| c.as_mut().unwrap().deadline = shared);
			v8::v7::Expiring::<Test>::insert(shared, id, ());
			ExpiringCount::<Test>::remove(deadline(*id));
		}
		v8::v7::Expiring::<Test>::insert(3 + PERIOD, last, ());
		StorageVersion::new(7).put::<ContributionsPallet>();

		MigrateV7ToV8::<Test>::on_runtime_upgrade();

		assert_eq!(ContributionsPallet::on_chain_storage_version(), 8);
		// MaxSubmissionsPerDeadline is 7 in the mock: the newest two expire a block later.
		assert_eq!(listed(shared), ids[..7].to_vec());
		assert_eq!(listed(shared + 1), ids[7..].to_vec());
		assert_eq!(deadline(ids[6]), shared);
		assert_eq!(deadline(ids[7]), shared + 1);
		assert_eq!(listed(3 + PERIOD), vec![last]);
		// Pages of two in the mock: four, one and one.
		assert_eq!(Expiring::<Test>::iter_keys().count(), 6);
		assert_eq!(ExpiringCount::<Test>::get(shared), 7);
		assert_eq!(ExpiringCount::<Test>::iter_keys().count(), 3);

		run_to_block(shared + 1);
		assert_eq!(status(ids[1]), ContributionStatus::Expired);
		assert_eq!(status(ids[7]), ContributionStatus::Pending);
		run_to_block(shared + 7);
		assert!(ids
			.iter()
			.all(|id| status(*id) == ContributionStatus::Expired));
		assert_eq!(status(last), ContributionStatus::Expired);

		// Run once: a second upgrade changes nothing.
		let before = Expiring::<Test>::iter().collect::<Vec<_>>();
		MigrateV7ToV8::<Test>::on_runtime_upgrade();
		assert_eq!(Expiring::<Test>::iter().collect::<Vec<_>>(), before);
	});
}
