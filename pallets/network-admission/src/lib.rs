//! # Network admission pallet
//!
//! Which nodes may take part in Gongyu's network is decided by governance. The admitted
//! nodes' libp2p `PeerId`s, each with the account of its operator, live on chain; every node
//! running offchain workers (validators do by default, other nodes with
//! `--offchain-worker always`) hands that list to its networking as its reserved peers and
//! turns reserved-only mode on. A node whose `PeerId` is not admitted then finds every peer
//! refusing to sync with it; once the council admits it, the peers' next offchain-worker run
//! lets it in.
//!
//! With no admitted nodes at all (the single-node `dev` chain) admission is not enforced.
//! Once nodes are admitted the list never becomes empty again: removing the last one fails
//! with [`Error::LastNode`], since nodes would otherwise keep the old list in force.
//!
//! Storage is one bounded map (at most [`Config::MaxNodes`] nodes, `PeerId`s of at most
//! [`Config::MaxPeerIdLength`] bytes).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod weights;

pub use weights::WeightInfo;

// FRAME's pallet macros expand to `expect()` calls on spans of this module: the lint is
// allowed here only; code outside the `pallet` module is held to it.
#[frame_support::pallet]
#[allow(clippy::expect_used)]
pub mod pallet {
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, BoundedBTreeMap};
	use frame_system::pallet_prelude::*;
	use sp_core::OpaquePeerId;

	use super::*;

	/// A libp2p `PeerId` in its binary (multihash) form.
	pub type PeerIdOf<T> = BoundedVec<u8, <T as Config>::MaxPeerIdLength>;

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Admits and removes nodes.
		type ManageOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most admitted nodes.
		#[pallet::constant]
		type MaxNodes: Get<u32>;

		/// The longest `PeerId`, in bytes.
		#[pallet::constant]
		type MaxPeerIdLength: Get<u32>;

		/// Weights of this pallet, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// The admitted nodes and the accounts of their operators.
	#[pallet::storage]
	pub type AdmittedNodes<T: Config> =
		StorageValue<_, BoundedBTreeMap<PeerIdOf<T>, T::AccountId, T::MaxNodes>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Nodes admitted at genesis: (`PeerId` bytes, operator account).
		pub nodes: Vec<(Vec<u8>, T::AccountId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		// An invalid genesis must stop the chain from being built at all.
		#[allow(clippy::expect_used)]
		fn build(&self) {
			let mut nodes = BoundedBTreeMap::new();
			for (peer, owner) in &self.nodes {
				let peer: PeerIdOf<T> = peer.clone().try_into().expect("genesis PeerId too long");
				nodes
					.try_insert(peer, owner.clone())
					.expect("more genesis nodes than MaxNodes");
			}
			AdmittedNodes::<T>::put(nodes);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A node was admitted to the network.
		NodeAdmitted {
			peer_id: PeerIdOf<T>,
			operator: T::AccountId,
		},
		/// A node was removed from the network.
		NodeRemoved { peer_id: PeerIdOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The node is admitted already.
		AlreadyAdmitted,
		/// The node is not admitted.
		NotAdmitted,
		/// The node is the last one admitted. With none admitted, nodes would stop enforcing
		/// admission while keeping the old list as their only peers: admit its successor
		/// first.
		LastNode,
		/// `MaxNodes` nodes are admitted already.
		TooManyNodes,
		/// The `PeerId` is empty or longer than `MaxPeerIdLength`: pass its binary form (the
		/// base58 `12D3KooW…` string decoded).
		InvalidPeerId,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		/// Hands the admitted nodes to this node's networking as its only allowed peers. With
		/// no admitted nodes (the `dev` chain), admission is not enforced.
		fn offchain_worker(_now: BlockNumberFor<T>) {
			let peers = Self::admitted_peer_ids();
			if peers.is_empty() {
				return;
			}
			sp_io::offchain::set_authorized_nodes(
				peers.into_iter().map(OpaquePeerId).collect(),
				true,
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit the node `peer_id` (binary form), operated by `operator`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::admit_node(T::MaxNodes::get()))]
		pub fn admit_node(
			origin: OriginFor<T>,
			peer_id: Vec<u8>,
			operator: T::AccountId,
		) -> DispatchResult {
			T::ManageOrigin::ensure_origin(origin)?;
			let peer_id = Self::bounded(peer_id)?;
			let mut nodes = AdmittedNodes::<T>::get();
			ensure!(!nodes.contains_key(&peer_id), Error::<T>::AlreadyAdmitted);
			nodes
				.try_insert(peer_id.clone(), operator.clone())
				.map_err(|_| Error::<T>::TooManyNodes)?;
			AdmittedNodes::<T>::put(nodes);
			Self::deposit_event(Event::NodeAdmitted { peer_id, operator });
			Ok(())
		}

		/// Remove the node `peer_id` from the network; the last admitted node cannot be
		/// removed.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_node(T::MaxNodes::get()))]
		pub fn remove_node(origin: OriginFor<T>, peer_id: Vec<u8>) -> DispatchResult {
			T::ManageOrigin::ensure_origin(origin)?;
			let peer_id = Self::bounded(peer_id)?;
			let mut nodes = AdmittedNodes::<T>::get();
			nodes.remove(&peer_id).ok_or(Error::<T>::NotAdmitted)?;
			ensure!(!nodes.is_empty(), Error::<T>::LastNode);
			AdmittedNodes::<T>::put(nodes);
			Self::deposit_event(Event::NodeRemoved { peer_id });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The admitted nodes' `PeerId`s (binary form), in order: what a node allows as its
		/// peers, both from its offchain worker and, through
		/// [`runtime_api::NetworkAdmissionApi`], when it starts. Empty when admission is not
		/// enforced.
		pub fn admitted_peer_ids() -> Vec<Vec<u8>> {
			AdmittedNodes::<T>::get()
				.into_iter()
				.map(|(peer, _)| peer.into_inner())
				.collect()
		}

		/// Checks the pallet's invariants: no admitted PeerId is empty.
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(
				AdmittedNodes::<T>::get()
					.keys()
					.all(|peer| !peer.is_empty()),
				"an admitted PeerId is empty"
			);
			Ok(())
		}

		fn bounded(peer_id: Vec<u8>) -> Result<PeerIdOf<T>, Error<T>> {
			ensure!(!peer_id.is_empty(), Error::<T>::InvalidPeerId);
			peer_id.try_into().map_err(|_| Error::<T>::InvalidPeerId)
		}
	}
}
