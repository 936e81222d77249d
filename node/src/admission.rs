//! Network admission from a node's first moment.
//!
//! The network-admission pallet's offchain worker hands the admitted nodes to the node's
//! networking on every new best block. A node that has just started (or restarted, and is
//! catching up, when import notifications and so offchain workers are skipped) would accept
//! any peer until that first run. So before its network starts the node asks its best
//! block's runtime for the admitted nodes (`NetworkAdmissionApi::admitted_peer_ids`, the list
//! the offchain worker uses). When there are any, the network starts with its sync peer set
//! closed to all but reserved peers, and [`enforce`] makes the admitted nodes those peers as
//! soon as the network exists; the offchain worker keeps them current.
//!
//! A node still at genesis has no blocks to serve, and the genesis list may be long out of
//! date, so it starts open and enforces the list from its first offchain-worker run. A node
//! that cannot read the list refuses to start rather than accept any peer. A node whose
//! stored list names no node still running must catch up with a fresh database (or be
//! started after its operator restores a peer it lists).

use std::collections::HashSet;

use pallet_network_admission::runtime_api::NetworkAdmissionApi;
use sc_network::{service::traits::NetworkService, PeerId};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;

use crate::client::FullClient;

/// The admitted nodes in the best block's state: empty when none are (the `dev` chain, where
/// admission is not enforced) or when the node is still at genesis. An error says why the
/// list could not be read.
pub fn admitted_peers(client: &FullClient) -> Result<HashSet<PeerId>, String> {
	let info = client.info();
	if info.best_number == 0 {
		return Ok(HashSet::new());
	}
	let best = info.best_hash;
	let peers = client
		.runtime_api()
		.admitted_peer_ids(best)
		.map_err(|error| {
			format!(
				"network admission: cannot read the admitted nodes at block #{} ({best}): \
				 {error}. The node does not start rather than accept any peer; check that its \
				 database is intact, or start it with a fresh one (`--base-path`)",
				info.best_number
			)
		})?;
	Ok(peers
		.into_iter()
		.filter_map(|peer| match PeerId::from_bytes(&peer) {
			Ok(peer) => Some(peer),
			Err(error) => {
				log::warn!("network admission: an admitted PeerId does not parse: {error}");
				None
			}
		})
		.collect())
}

/// Allows only `peers` (from [`admitted_peers`], read before the network started) from now
/// on, if the chain admits any.
pub fn enforce(network: &dyn NetworkService, peers: HashSet<PeerId>) {
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
