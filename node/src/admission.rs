//! Network admission from a node's first moment.
//!
//! The network-admission pallet's offchain worker hands the admitted nodes to the node's
//! networking on every new best block. A node that has just started (or restarted, and is
//! catching up, when import notifications and so offchain workers are skipped) would accept
//! any peer until that first run. So at startup the node reads the admitted nodes from its
//! best block's state and enforces them at once; the offchain worker keeps them current.
//!
//! A node still at genesis has no blocks to serve, and the genesis list may be long out of
//! date, so it starts open and enforces the list from its first offchain-worker run, as
//! before. A node whose stored list names no node still running must catch up with a fresh
//! database (or be started after its operator restores a peer it lists).

use std::collections::HashSet;

use codec::Decode;
use gongyu_runtime::AccountId;
use sc_client_api::StorageProvider;
use sc_network::{service::traits::NetworkService, PeerId};
use sp_blockchain::HeaderBackend;
use sp_core::storage::StorageKey;
use sp_io::hashing::twox_128;

use crate::client::FullClient;

/// The storage key of `NetworkAdmission::AdmittedNodes`.
fn admitted_nodes_key() -> StorageKey {
	let mut key = twox_128(b"NetworkAdmission").to_vec();
	key.extend_from_slice(&twox_128(b"AdmittedNodes"));
	StorageKey(key)
}

/// The admitted nodes in the best block's state; empty when none are (the `dev` chain, where
/// admission is not enforced), when the node is still at genesis, or when the state cannot be
/// read.
pub fn admitted_peers(client: &FullClient) -> HashSet<PeerId> {
	let info = client.info();
	if info.best_number == 0 {
		return HashSet::new();
	}
	let best = info.best_hash;
	let Ok(Some(data)) = client.storage(best, &admitted_nodes_key()) else {
		return HashSet::new();
	};
	// A bounded map encodes as its (PeerId bytes, operator) pairs.
	let Ok(nodes) = Vec::<(Vec<u8>, AccountId)>::decode(&mut &data.0[..]) else {
		log::warn!("network admission: the admitted nodes in the state do not decode");
		return HashSet::new();
	};
	nodes
		.into_iter()
		.filter_map(|(peer, _)| PeerId::from_bytes(&peer).ok())
		.collect()
}

/// Allows only the admitted nodes as peers, from now on, if the chain admits any.
pub fn enforce_at_start(client: &FullClient, network: &dyn NetworkService) {
	let peers = admitted_peers(client);
	if peers.is_empty() {
		return;
	}
	log::info!(
		"network admission: {} admitted node(s); other peers are refused",
		peers.len()
	);
	network.set_authorized_peers(peers);
	network.set_authorized_only(true);
}
