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
	v2::{v1, MigrateV1ToV2},
	v3::{self, MigrateV2ToV3},
	v4::{self, MigrateV3ToV4},
	v5::{self, MigrateV4ToV5},
	v6::{self, MigrateV5ToV6},
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

fn v1_contribution(
	owner: AccountId,
	seed: u8,
	status: ContributionStatus,
) -> v1::ContributionV1Of<Test> {
	v1::ContributionV1 {
		owner,
		kind: ContributionKind::Dataset,
		root: [seed; 32],
		size: 1_000,
		uri: URI.to_vec().try_into().unwrap(),
		license: LICENSE.to_vec().try_into().unwrap(),
		description_hash: None,
		deposit: 0,
		submitted_at: 1,
		deadline: 100,
		status,
		attestations: Default::default(),
	}
}

#[test]
fn v1_storage_becomes_owner_records_and_linked_contributions() {
	ExtBuilder::build_and_execute(|| {
		StorageVersion::new(1).put::<ContributionsPallet>();
		// Before version 3 model roots were not indexed.
		ByHash::<Test>::remove([7; 32]);
		// Version 1: Alice has 0 (verified) and 2 (rejected), Bob has 1 (verified); no
		// deposits are held, so nothing is pending.
		let verified = ContributionStatus::Verified { score: 90 };
		v1::Contributions::<Test>::insert(0, v1_contribution(ALICE, 1, verified));
		v1::Contributions::<Test>::insert(1, v1_contribution(BOB, 2, verified));
		v1::Contributions::<Test>::insert(
			2,
			v1_contribution(ALICE, 3, ContributionStatus::Rejected),
		);
		for (owner, id) in [(ALICE, 0), (BOB, 1), (ALICE, 2)] {
			v1::ContributionsByOwner::<Test>::insert(owner, id, ());
		}
		v3::v2::ByHash::<Test>::insert([1; 32], 0);
		v3::v2::ByHash::<Test>::insert([2; 32], 1);
		NextContributionId::<Test>::put(3);

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(ContributionsPallet::on_chain_storage_version(), 2);
		assert_eq!(
			Owners::<Test>::get(ALICE),
			OwnerRecord {
				pending: 0,
				latest: Some(2)
			}
		);
		assert_eq!(Owners::<Test>::get(BOB).latest, Some(1));
		assert_eq!(
			Contributions::<Test>::get(2).unwrap().previous_of_owner,
			Some(0)
		);
		assert_eq!(
			Contributions::<Test>::get(0).unwrap().previous_of_owner,
			None
		);
		assert_eq!(
			ContributionsPallet::contributions_of(&ALICE, 10),
			vec![0, 2]
		);
		assert_eq!(v1::ContributionsByOwner::<Test>::iter().count(), 0);
		assert_eq!(v1::PendingCount::<Test>::iter().count(), 0);

		// The runtime runs version 2 to 3 next.
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(ContributionsPallet::on_chain_storage_version(), 3);
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(ContributionsPallet::on_chain_storage_version(), 4);
		assert_ok!(ContributionsPallet::do_try_state());

		// A second run does nothing: the version is past 1 already.
		let before = Contributions::<Test>::get(2).encode();
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Contributions::<Test>::get(2).encode(), before);
	});
}

#[test]
fn pending_counts_carry_over() {
	ExtBuilder::build_and_execute(|| {
		// A pending v2 submission gives a held deposit; rewrite it as version 1 storage.
		let id = submit_dataset(ALICE, 8);
		let c = Contributions::<Test>::take(id).unwrap();
		Owners::<Test>::remove(ALICE);
		let mut old = v1_contribution(ALICE, 8, ContributionStatus::Pending);
		old.deposit = c.deposit;
		old.deadline = c.deadline;
		v1::Contributions::<Test>::insert(id, old);
		v1::ContributionsByOwner::<Test>::insert(ALICE, id, ());
		v1::PendingCount::<Test>::insert(ALICE, 1);
		StorageVersion::new(1).put::<ContributionsPallet>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();

		assert_eq!(Owners::<Test>::get(ALICE).pending, 1);
		assert_eq!(status(id), ContributionStatus::Pending);
		assert_ok!(ContributionsPallet::do_try_state());
	});
}

#[test]
fn v2_roots_become_claims_and_v2_parameters_gain_the_new_fields() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		// Rewrite as version 2: a bare id per root, the model root unindexed, old parameters.
		model_versions::ModelVersions::<Test>::insert(0, legacy_base_version());
		ByHash::<Test>::remove([1; 32]);
		ByHash::<Test>::remove([7; 32]);
		v3::v2::ByHash::<Test>::insert([1; 32], id);
		v3::v2::Params::<Test>::put(v3::v2::ParametersV2 {
			quorum: Perbill::from_percent(60),
			verification_period: 30,
			deposit_base: 5,
			deposit_per_byte: 3,
		});
		StorageVersion::new(2).put::<ContributionsPallet>();

		MigrateV2ToV3::<Test>::on_runtime_upgrade();

		assert_eq!(ContributionsPallet::on_chain_storage_version(), 3);
		assert_eq!(
			ByHash::<Test>::get([1; 32]),
			Some(RootClaim::Contribution(id))
		);
		assert_eq!(
			ByHash::<Test>::get([7; 32]),
			Some(RootClaim::ModelVersion(0))
		);
		assert_eq!(
			Params::<Test>::get(),
			Parameters {
				quorum: Perbill::from_percent(60),
				verification_period: 30,
				deposit_base: 5,
				deposit_per_byte: 3,
				..DefaultParams::get()
			}
		);
		assert_ok!(ContributionsPallet::do_try_state());
	});
}

#[test]
fn v3_pending_contributions_are_listed_by_deadline() {
	ExtBuilder::build_and_execute(|| {
		let done = submit_dataset(ALICE, 1);
		run_to_block(3);
		let pending = submit_dataset(BOB, 2);
		assert_ok!(ContributionsPallet::withdraw(
			RuntimeOrigin::signed(ALICE),
			done
		));
		// Rewrite as version 3: no expiry list, a cursor at the oldest id.
		let _ = Expiring::<Test>::clear(u32::MAX, None);
		NextExpiryDeadline::<Test>::kill();
		v4::v3::ExpiryCursor::<Test>::put(done);
		// Version 3 parameters: no storage fee.
		let defaults = DefaultParams::get();
		v4::v3::Params::<Test>::put(v4::v3::ParametersV3 {
			quorum: Perbill::from_percent(60),
			min_attestations: 3,
			verification_period: defaults.verification_period,
			deposit_base: 5,
			deposit_per_byte: 2,
			unavailable_slash: defaults.unavailable_slash,
			unavailable_cooldown: defaults.unavailable_cooldown,
			uri_schemes: UriSchemes::WITH_FILE,
		});
		StorageVersion::new(3).put::<ContributionsPallet>();

		MigrateV3ToV4::<Test>::on_runtime_upgrade();

		assert_eq!(
			Params::<Test>::get(),
			Parameters {
				quorum: Perbill::from_percent(60),
				min_attestations: 3,
				deposit_base: 5,
				deposit_per_byte: 2,
				uri_schemes: UriSchemes::WITH_FILE,
				..defaults
			}
		);

		assert_eq!(ContributionsPallet::on_chain_storage_version(), 4);
		assert_eq!(
			Expiring::<Test>::iter_keys().collect::<Vec<_>>(),
			vec![(deadline(pending), pending)]
		);
		assert_eq!(NextExpiryDeadline::<Test>::get(), 3);
		assert!(!v4::v3::ExpiryCursor::<Test>::exists());
		run_to_block(deadline(pending) + 1);
		assert_eq!(status(pending), ContributionStatus::Expired);
	});
}

#[test]
fn v4_measured_attestations_without_a_sketch_are_dropped_and_attested_again() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		let now = Contributions::<Test>::get(id).unwrap();
		let counts = RecordCounts {
			records: 10,
			valid: 10,
			duplicates: 0,
			in_language: 10,
			useful_bytes: 100,
		};
		// Version 4: V1 attested counts without a sketch, V2 a mismatch.
		let old = v5::v4::ContributionV4 {
			owner: now.owner,
			kind: now.kind,
			root: now.root,
			bytes: now.bytes,
			uri: now.uri.clone(),
			license: now.license.clone(),
			description_hash: now.description_hash,
			deposit: now.deposit,
			submitted_at: now.submitted_at,
			deadline: now.deadline,
			status: now.status,
			attestations: vec![
				v5::v4::AttestationV4 {
					verifier: V1,
					verdict: v5::v4::VerdictV4::Measured { counts },
				},
				v5::v4::AttestationV4 {
					verifier: V2,
					verdict: v5::v4::VerdictV4::HashMismatch,
				},
			],
			previous_of_owner: now.previous_of_owner,
		};
		frame_support::storage::unhashed::put_raw(
			&Contributions::<Test>::hashed_key_for(id),
			&old.encode(),
		);
		StorageVersion::new(4).put::<ContributionsPallet>();

		MigrateV4ToV5::<Test>::on_runtime_upgrade();

		assert_eq!(ContributionsPallet::on_chain_storage_version(), 5);
		let migrated = Contributions::<Test>::get(id).unwrap();
		assert_eq!(
			migrated.attestations.to_vec(),
			vec![Attestation {
				verifier: V2,
				verdict: Verdict::HashMismatch
			}]
		);
		assert_eq!(migrated.status, ContributionStatus::Pending);
		// V1 may attest again, now with a sketch, and with V3 verify the dataset.
		let sketch = [7; crate::novelty::SKETCH_SIZE];
		assert_ok!(attest(V1, id, Verdict::Measured { counts, sketch }));
		assert_ok!(attest(V3, id, Verdict::Measured { counts, sketch }));
		assert!(matches!(status(id), ContributionStatus::Verified { .. }));
	});
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
