//! Unit tests of pallet-network-admission.

#![allow(clippy::arithmetic_side_effects)]

use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError::BadOrigin;

use crate::{mock::*, AdmittedNodes, Error, Event, PeerIdOf};

fn council() -> RuntimeOrigin {
	RuntimeOrigin::signed(42)
}

fn id(byte: u8) -> Vec<u8> {
	vec![byte; 38]
}

fn bounded(byte: u8) -> PeerIdOf<Test> {
	id(byte).try_into().unwrap()
}

#[test]
fn genesis_admits_nodes() {
	build_and_execute(|| {
		let nodes = AdmittedNodes::<Test>::get();
		assert_eq!(nodes.get(&bounded(1)), Some(&1));
		assert_eq!(nodes.get(&bounded(2)), Some(&2));
	});
}

#[test]
fn council_admits_and_removes_nodes() {
	build_and_execute(|| {
		assert_ok!(NetworkAdmission::admit_node(council(), id(3), 7));
		assert_eq!(AdmittedNodes::<Test>::get().get(&bounded(3)), Some(&7));
		System::assert_last_event(
			Event::NodeAdmitted {
				peer_id: bounded(3),
				operator: 7,
			}
			.into(),
		);

		assert_ok!(NetworkAdmission::remove_node(council(), id(1)));
		assert!(!AdmittedNodes::<Test>::get().contains_key(&bounded(1)));
		System::assert_last_event(
			Event::NodeRemoved {
				peer_id: bounded(1),
			}
			.into(),
		);
	});
}

#[test]
fn admission_errors() {
	build_and_execute(|| {
		assert_noop!(
			NetworkAdmission::admit_node(council(), id(1), 1),
			Error::<Test>::AlreadyAdmitted
		);
		assert_noop!(
			NetworkAdmission::admit_node(council(), vec![], 1),
			Error::<Test>::InvalidPeerId
		);
		assert_noop!(
			NetworkAdmission::admit_node(council(), vec![9; 41], 1),
			Error::<Test>::InvalidPeerId
		);
		assert_noop!(
			NetworkAdmission::remove_node(council(), id(9)),
			Error::<Test>::NotAdmitted
		);
		assert_ok!(NetworkAdmission::admit_node(council(), id(3), 3));
		assert_noop!(
			NetworkAdmission::admit_node(council(), id(4), 4),
			Error::<Test>::TooManyNodes
		);
	});
}

#[test]
fn only_the_council_manages_nodes() {
	build_and_execute(|| {
		for origin in [
			RuntimeOrigin::signed(1),
			RuntimeOrigin::root(),
			RuntimeOrigin::none(),
		] {
			assert_noop!(
				NetworkAdmission::admit_node(origin.clone(), id(3), 3),
				BadOrigin
			);
			assert_noop!(NetworkAdmission::remove_node(origin, id(1)), BadOrigin);
		}
	});
}

/// The bug: emptying the list left every node enforcing the last list it saw (offchain
/// workers only hand a non-empty list to the network), with no way to change it.
#[test]
fn the_last_admitted_node_cannot_be_removed() {
	build_and_execute(|| {
		assert_ok!(NetworkAdmission::remove_node(council(), id(1)));
		assert_noop!(
			NetworkAdmission::remove_node(council(), id(2)),
			Error::<Test>::LastNode
		);
		assert!(AdmittedNodes::<Test>::get().contains_key(&bounded(2)));
		// With a successor admitted first, it can go.
		assert_ok!(NetworkAdmission::admit_node(council(), id(3), 3));
		assert_ok!(NetworkAdmission::remove_node(council(), id(2)));
	});
}

#[test]
fn the_peers_a_node_allows_follow_every_admission_and_removal() {
	build_and_execute(|| {
		assert_eq!(NetworkAdmission::admitted_peer_ids(), vec![id(1), id(2)]);
		assert_ok!(NetworkAdmission::admit_node(council(), id(3), 7));
		assert_ok!(NetworkAdmission::remove_node(council(), id(1)));
		assert_eq!(NetworkAdmission::admitted_peer_ids(), vec![id(2), id(3)]);
	});
}

#[test]
fn a_chain_with_no_admitted_node_gives_no_peers_to_enforce() {
	build_and_execute(|| {
		AdmittedNodes::<Test>::kill();
		assert!(NetworkAdmission::admitted_peer_ids().is_empty());
	});
}
