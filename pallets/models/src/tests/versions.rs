//! Model versions: registration by governance, its errors and origins, the registry the
//! contributions pallet reads, genesis, and the move from the contributions pallet.

use frame_support::{
	assert_noop, assert_ok,
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};
use pallet_contributions::{
	migrations::model_versions::{ArchitectureV6, ModelVersionV6},
	ModelVersionRegistry,
};
use sp_runtime::{BuildStorage, DispatchError};

use super::*;
use crate::migrations::v1::{old, MoveModelVersions};

const URI: &[u8] = b"https://models.example/base/";

fn register(
	name: &[u8],
	root: u8,
	parent: Option<u32>,
	architecture: Option<(u8, &[u8])>,
) -> sp_runtime::DispatchResult {
	Models::register_model_version(
		RuntimeOrigin::root(),
		name.to_vec(),
		[root; 32],
		parent,
		architecture.map(|(fingerprint, uri)| ([fingerprint; 32], uri.to_vec())),
	)
}

#[test]
fn governance_registers_a_version_and_claims_its_root() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(register(b"base-v1", 1, None, None));
		assert_ok!(register(b"base-v2", 2, Some(0), Some((0xf2, URI))));

		let version = ModelVersions::<Test>::get(1).unwrap();
		assert_eq!(version.name.to_vec(), b"base-v2".to_vec());
		assert_eq!(version.weights_root, [2; 32]);
		assert_eq!(version.parent, Some(0));
		assert_eq!(version.registered_at, 1);
		let architecture = version.architecture.unwrap();
		assert_eq!(architecture.fingerprint, [0xf2; 32]);
		assert_eq!(architecture.uri.to_vec(), URI.to_vec());
		assert_eq!(NextModelVersionId::<Test>::get(), 2);
		System::assert_last_event(
			Event::ModelVersionRegistered {
				id: 1,
				weights_root: [2; 32],
				parent: Some(0),
				fingerprint: Some([0xf2; 32]),
			}
			.into(),
		);
		// The root is claimed as the contributions pallet's `ByHash` would hold it.
		assert_eq!(
			ClaimedRoots::get().get(&[2; 32]),
			Some(&ClaimedBy::ModelVersion(1))
		);
		// What the contributions pallet reads: fine-tunes build only on version 1.
		assert_eq!(Models::has_architecture(0), Some(false));
		assert_eq!(Models::has_architecture(1), Some(true));
		assert_eq!(Models::has_architecture(2), None);
		assert_eq!(Models::weights_root(1), Some([2; 32]));
		assert_eq!(Models::weights_root(2), None);
		assert_eq!(
			Models::model_version_info(1)
				.unwrap()
				.architecture
				.unwrap()
				.uri,
			URI.to_vec()
		);
	});
}

#[test]
fn bad_versions_are_refused_and_change_nothing() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(register(b"", 1, None, None), Error::<Test>::InvalidName);
		assert_noop!(
			register(&[b'n'; 17], 1, None, None),
			Error::<Test>::InvalidName
		);
		assert_noop!(
			register(b"v", 1, Some(0), None),
			Error::<Test>::UnknownParentVersion
		);
		// The weights URI must be one verifiers fetch: not empty, not too long, of an
		// enabled scheme (here `https` only).
		let long = [URI, &[b'a'; 48][..]].concat();
		for uri in [
			&b""[..],
			&long,
			b"file:///proc/self/",
			b"ftp://models.example/v/",
		] {
			assert_noop!(
				register(b"v", 1, None, Some((0xf1, uri))),
				Error::<Test>::InvalidModelUri
			);
		}
	});
}

#[test]
fn a_root_someone_holds_cannot_become_a_models_weights() {
	ExtBuilder::build_and_execute(|| {
		// Attack: registering a contribution's bytes as a model's weights would take the
		// root from its owner (and the other way round, `RootIsModelVersion` in the
		// contributions pallet).
		assert_noop!(
			Models::register_model_version(
				RuntimeOrigin::root(),
				b"v".to_vec(),
				CONTRIBUTION_ROOT,
				None,
				None
			),
			Error::<Test>::WeightsRootTaken
		);
		assert_ok!(register(b"v1", 1, None, None));
		// Nor can two versions share weights.
		assert_noop!(
			register(b"v2", 1, Some(0), None),
			Error::<Test>::WeightsRootTaken
		);
	});
}

#[test]
fn only_governance_registers_versions() {
	ExtBuilder::build_and_execute(|| {
		for origin in [RuntimeOrigin::signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(
				Models::register_model_version(origin, b"v".to_vec(), [1; 32], None, None),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn genesis_registers_a_lineage_of_versions() {
	let storage = crate::GenesisConfig::<Test> {
		model_versions: vec![
			(b"base-v1".to_vec(), [1; 32], None),
			(
				b"base-v2".to_vec(),
				[2; 32],
				Some(([0xf2; 32], URI.to_vec())),
			),
		],
		..Default::default()
	}
	.build_storage()
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(NextModelVersionId::<Test>::get(), 2);
		assert_eq!(ModelVersions::<Test>::get(0).unwrap().parent, None);
		let second = ModelVersions::<Test>::get(1).unwrap();
		assert_eq!(second.parent, Some(0));
		assert_eq!(second.architecture.unwrap().fingerprint, [0xf2; 32]);
	});
}

#[test]
fn versions_move_from_the_contributions_pallet_unchanged() {
	ExtBuilder::build_and_execute(|| {
		let base = ModelVersionV6 {
			name: b"base-v1".to_vec(),
			weights_root: [1; 32],
			parent: None,
			registered_at: 1u64,
			architecture: None,
		};
		let tuned = ModelVersionV6 {
			name: b"base-v2".to_vec(),
			weights_root: [2; 32],
			parent: Some(0),
			registered_at: 5,
			architecture: Some(ArchitectureV6 {
				fingerprint: [0xf2; 32],
				uri: URI.to_vec(),
			}),
		};
		old::ModelVersions::<Test>::insert(0, base);
		old::ModelVersions::<Test>::insert(1, tuned);
		old::NextModelVersionId::put(2);
		StorageVersion::new(0).put::<Models>();

		MoveModelVersions::<Test>::on_runtime_upgrade();

		assert_eq!(Models::on_chain_storage_version(), 1);
		assert_eq!(NextModelVersionId::<Test>::get(), 2);
		let moved = ModelVersions::<Test>::get(1).unwrap();
		assert_eq!(moved.name.to_vec(), b"base-v2".to_vec());
		assert_eq!(moved.weights_root, [2; 32]);
		assert_eq!(moved.parent, Some(0));
		assert_eq!(moved.registered_at, 5);
		let architecture = moved.architecture.unwrap();
		assert_eq!(architecture.fingerprint, [0xf2; 32]);
		assert_eq!(architecture.uri.to_vec(), URI.to_vec());
		assert!(ModelVersions::<Test>::get(0)
			.unwrap()
			.architecture
			.is_none());
		// Nothing stays behind, and a second run changes nothing.
		assert_eq!(old::ModelVersions::<Test>::iter_keys().count(), 0);
		assert!(!old::NextModelVersionId::exists());
		MoveModelVersions::<Test>::on_runtime_upgrade();
		assert_eq!(ModelVersions::<Test>::iter_keys().count(), 2);
	});
}
