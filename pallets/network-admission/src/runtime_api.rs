//! Runtime API through which a node reads the admitted nodes when it starts
//! (`api.call.networkAdmissionApi.*` in polkadot.js).

use alloc::vec::Vec;

sp_api::decl_runtime_apis! {
	/// Reads of the network-admission pallet.
	pub trait NetworkAdmissionApi {
		/// The admitted nodes' `PeerId`s in binary (multihash) form; empty when admission is
		/// not enforced (no node admitted, as on the `dev` chain).
		fn admitted_peer_ids() -> Vec<Vec<u8>>;
	}
}
