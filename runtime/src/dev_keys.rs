//! Finds the well-known development keys in a chain's state: the keys anyone can sign with
//! (`//Alice` and the other `sp-keyring` accounts) and the node keys `0x…01` to `0x…04` of
//! the `local` preset. A node runs this on the genesis of any chain that is not a
//! development chain and refuses to start when something is found, unless told it is a
//! test network.

use alloc::{format, string::String, vec::Vec};
use sp_core::crypto::{ByteArray, Ss58Codec};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{genesis_config_presets::LOCAL_NODE_PEER_IDS, AccountId, Runtime};

/// The well-known key whose public key is `public`, by name (`Alice`, `AliceStash`, ...).
fn well_known(public: &[u8]) -> Option<String> {
	let sr25519 = Sr25519Keyring::iter().map(|k| (k.public().to_raw_vec(), format!("{k:?}")));
	let ed25519 = Ed25519Keyring::iter().map(|k| (k.public().to_raw_vec(), format!("{k:?}")));
	sr25519
		.chain(ed25519)
		.find(|(key, _)| key[..] == *public)
		.map(|(_, name)| name)
}

fn account_finding(role: &str, account: &AccountId) -> Option<String> {
	well_known(account.as_slice())
		.map(|name| format!("{role} {} is the dev key {name}", account.to_ss58check()))
}

/// Every use of a well-known key in the state of the current externalities: authorities
/// (Aura, GRANDPA, session keys), validators, council, verifiers, the sudo key and admitted
/// nodes. Empty when the chain uses none.
pub fn dev_keys_in_state() -> Vec<String> {
	let mut found = Vec::new();
	for authority in pallet_aura::Authorities::<Runtime>::get() {
		if let Some(name) = well_known(authority.as_slice()) {
			found.push(format!("Aura authority is the dev key {name}"));
		}
	}
	for (authority, _weight) in pallet_grandpa::Authorities::<Runtime>::get() {
		if let Some(name) = well_known(authority.as_slice()) {
			found.push(format!("GRANDPA authority is the dev key {name}"));
		}
	}
	for validator in pallet_validator_set::Validators::<Runtime>::get() {
		found.extend(account_finding("validator", &validator));
	}
	// Instance 2 is the council's membership, instance 1 the verifier set.
	for member in pallet_membership::Members::<Runtime, pallet_membership::Instance2>::get() {
		found.extend(account_finding("council member", &member));
	}
	for member in pallet_membership::Members::<Runtime, pallet_membership::Instance1>::get() {
		found.extend(account_finding("verifier", &member));
	}
	if let Some(key) = pallet_sudo::Key::<Runtime>::get() {
		found.extend(account_finding("sudo key", &key));
	}
	for (peer, _operator) in pallet_network_admission::AdmittedNodes::<Runtime>::get() {
		if LOCAL_NODE_PEER_IDS
			.iter()
			.any(|known| known[..] == peer[..])
		{
			found.push("an admitted node has a well-known node key (0x…01 to 0x…04)".into());
		}
	}
	found
}
