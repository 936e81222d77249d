//! `gongyu-node new-network`: everything a consortium needs to start its own network with
//! fresh keys. It generates the validators' account, Aura, GRANDPA and node keys, the
//! council's and the verifiers' accounts (each verifier with a node of its own), builds the
//! raw chain spec whose genesis admits exactly those nodes, and fills each node's base path
//! with its keystore and node key. Nothing in it is a well-known dev key, so the node starts
//! it without `--allow-dev-keys`.
//!
//! What it writes into `--out`:
//! - `chain-spec.json`: the raw chain spec every node starts with (`--chain`);
//! - `network.json`: the public facts: accounts, session keys, PeerIds, base paths;
//! - `secrets.json` (readable by its owner only): the secret phrases of every account and
//!   session key, for the operators to take away;
//! - `validator-<n>/` and `verifier-<n>/`: base paths (`--base-path`) with the keystore and
//!   the node key in place.

use std::{
	fs,
	path::{Path, PathBuf},
};

use gongyu_runtime::{
	genesis_config_presets::{consortium_genesis, peer_id, ConsortiumSetup, ConsortiumValidator},
	AccountId, Balance, UNIT,
};
use sc_network::config::MultiaddrWithPeerId;
use sc_service::ChainType;
use sp_core::{
	crypto::{KeyTypeId, Ss58Codec},
	ed25519, sr25519, Pair,
};
use sp_keystore::Keystore;

use crate::chain_spec::{self, ChainSpec};

/// `gongyu-node new-network`.
#[derive(Debug, clap::Parser)]
pub struct NewNetworkCmd {
	/// Directory to write the network into; it must not exist yet or be empty.
	#[arg(long, value_name = "DIR")]
	pub out: PathBuf,

	/// The chain's name, as wallets show it.
	#[arg(long, default_value = "Gongyu Consortium")]
	pub name: String,

	/// The chain's id: it names the chain's directory under every base path.
	#[arg(long, default_value = "gongyu_consortium")]
	pub id: String,

	/// How many validators (GRANDPA finalizes while more than two thirds are up).
	#[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=32))]
	pub validators: u32,

	/// How many council members.
	#[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=16))]
	pub council: u32,

	/// How many verifiers (each gets a node of its own, admitted to the network).
	#[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=32))]
	pub verifiers: u32,

	/// Whole GYU each generated account starts with, for the fees of motions and
	/// attestations.
	#[arg(long, default_value_t = 1_000)]
	pub endowment: u64,

	/// A validator's libp2p address without its PeerId (`/ip4/10.0.0.1/tcp/30333` or
	/// `/dns/v1.example.org/tcp/30333`), one per validator in order; they become the
	/// spec's boot nodes. Without them, nodes are given `--bootnodes` when they start.
	#[arg(long = "address", value_name = "MULTIADDR")]
	pub addresses: Vec<String>,
}

/// A generated key: its secret phrase and its public key.
struct Generated<P: Pair> {
	phrase: String,
	pair: P,
}

fn generate<P: Pair>() -> Generated<P> {
	let (pair, phrase, _) = P::generate_with_phrase(None);
	Generated { phrase, pair }
}

/// A node's libp2p key: its secret (hex, as `--node-key-file` reads it) and its PeerId.
struct NodeKey {
	secret_hex: String,
	peer_id: Vec<u8>,
	peer_id_base58: String,
}

fn generate_node_key() -> Result<NodeKey, String> {
	let (pair, seed) = ed25519::Pair::generate();
	let peer_id = peer_id(pair.public().0).to_vec();
	let peer_id_base58 = sc_network::PeerId::from_bytes(&peer_id)
		.map_err(|e| format!("a generated node key has no PeerId: {e}"))?
		.to_base58();
	Ok(NodeKey {
		secret_hex: hex::encode(seed),
		peer_id,
		peer_id_base58,
	})
}

fn account_of(pair: &sr25519::Pair) -> AccountId {
	AccountId::from(pair.public().0)
}

/// One node's directory: its keystore and node key, where a node started with
/// `--base-path <dir> --chain chain-spec.json` looks for them.
fn write_base_path(
	dir: &Path,
	chain_id: &str,
	node_key: &NodeKey,
	keys: &[(KeyTypeId, &str, Vec<u8>)],
) -> Result<(), String> {
	let chain_dir = dir.join("chains").join(chain_id);
	let network_dir = chain_dir.join("network");
	fs::create_dir_all(&network_dir)
		.map_err(|e| format!("cannot create {}: {e}", network_dir.display()))?;
	write_private(&network_dir.join("secret_ed25519"), &node_key.secret_hex)?;
	let keystore = sc_keystore::LocalKeystore::open(chain_dir.join("keystore"), None)
		.map_err(|e| format!("cannot open the keystore in {}: {e}", chain_dir.display()))?;
	for (key_type, phrase, public) in keys {
		keystore
			.insert(*key_type, phrase, public)
			.map_err(|()| format!("cannot insert a key into the keystore of {}", dir.display()))?;
	}
	Ok(())
}

/// Writes `contents` to a new file only its owner may read.
fn write_private(path: &Path, contents: &str) -> Result<(), String> {
	use std::{io::Write, os::unix::fs::OpenOptionsExt};
	let mut file = fs::OpenOptions::new()
		.write(true)
		.create_new(true)
		.mode(0o600)
		.open(path)
		.map_err(|e| format!("cannot create {}: {e}", path.display()))?;
	file.write_all(contents.as_bytes())
		.map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn write_json(path: &Path, value: &serde_json::Value) -> Result<(), String> {
	let text = serde_json::to_string_pretty(value)
		.map_err(|e| format!("cannot encode {}: {e}", path.display()))?;
	fs::write(path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
}

impl NewNetworkCmd {
	/// Generates the keys, writes the chain spec, the base paths and the summaries.
	pub fn run(&self) -> Result<(), String> {
		if self.out.exists()
			&& fs::read_dir(&self.out)
				.map_err(|e| format!("cannot read {}: {e}", self.out.display()))?
				.next()
				.is_some()
		{
			return Err(format!(
				"{} is not empty: name a new directory with --out",
				self.out.display()
			));
		}
		if !self.addresses.is_empty() && self.addresses.len() != self.validators as usize {
			return Err(format!(
				"give one --address per validator: {} addresses for {} validators",
				self.addresses.len(),
				self.validators
			));
		}
		if self.id.is_empty()
			|| !self
				.id
				.chars()
				.all(|c| c.is_ascii_alphanumeric() || c == '_')
		{
			return Err("--id may hold only letters, digits and `_`".into());
		}
		fs::create_dir_all(&self.out)
			.map_err(|e| format!("cannot create {}: {e}", self.out.display()))?;

		let endowment = Balance::from(self.endowment).saturating_mul(UNIT);
		let mut validators = Vec::new();
		let mut endowed = Vec::new();
		let mut public = serde_json::json!({
			"name": self.name, "id": self.id, "validators": [], "council": [], "verifiers": [],
		});
		let mut secrets = serde_json::json!({ "validators": [], "council": [], "verifiers": [] });
		let mut boot_nodes = Vec::new();

		for n in 1..=self.validators {
			let account = generate::<sr25519::Pair>();
			let aura = generate::<sr25519::Pair>();
			let grandpa = generate::<ed25519::Pair>();
			let node_key = generate_node_key()?;
			let base_path = self.out.join(format!("validator-{n}"));
			write_base_path(
				&base_path,
				&self.id,
				&node_key,
				&[
					(
						KeyTypeId(*b"aura"),
						&aura.phrase,
						aura.pair.public().0.to_vec(),
					),
					(
						KeyTypeId(*b"gran"),
						&grandpa.phrase,
						grandpa.pair.public().0.to_vec(),
					),
				],
			)?;
			let account_id = account_of(&account.pair);
			if let Some(address) = self.addresses.get((n as usize).saturating_sub(1)) {
				let full = format!("{address}/p2p/{}", node_key.peer_id_base58);
				boot_nodes
					.push(full.parse::<MultiaddrWithPeerId>().map_err(|e| {
						format!("--address {address} is not a libp2p address: {e}")
					})?);
			}
			push(
				&mut public["validators"],
				serde_json::json!({
					"account": account_id.to_ss58check(),
					"aura": aura.pair.public().to_ss58check(),
					"grandpa": grandpa.pair.public().to_ss58check(),
					"peer_id": node_key.peer_id_base58,
					"base_path": base_path.display().to_string(),
				}),
			);
			push(
				&mut secrets["validators"],
				serde_json::json!({
					"account": account.phrase, "aura": aura.phrase, "grandpa": grandpa.phrase,
				}),
			);
			endowed.push((account_id.clone(), endowment));
			validators.push(ConsortiumValidator {
				account: account_id,
				aura: aura.pair.public().into(),
				grandpa: grandpa.pair.public().into(),
				peer_id: node_key.peer_id,
			});
		}

		let mut council = Vec::new();
		for _ in 0..self.council {
			let member = generate::<sr25519::Pair>();
			let account = account_of(&member.pair);
			push(
				&mut public["council"],
				serde_json::json!(account.to_ss58check()),
			);
			push(&mut secrets["council"], serde_json::json!(member.phrase));
			endowed.push((account.clone(), endowment));
			council.push(account);
		}

		let mut verifiers = Vec::new();
		let mut verifier_nodes = Vec::new();
		for n in 1..=self.verifiers {
			let verifier = generate::<sr25519::Pair>();
			let account = account_of(&verifier.pair);
			let node_key = generate_node_key()?;
			let base_path = self.out.join(format!("verifier-{n}"));
			write_base_path(
				&base_path,
				&self.id,
				&node_key,
				&[(
					crate::verifier::KEY_TYPE,
					&verifier.phrase,
					verifier.pair.public().0.to_vec(),
				)],
			)?;
			push(
				&mut public["verifiers"],
				serde_json::json!({
					"account": account.to_ss58check(),
					"peer_id": node_key.peer_id_base58,
					"base_path": base_path.display().to_string(),
				}),
			);
			push(
				&mut secrets["verifiers"],
				serde_json::json!(verifier.phrase),
			);
			endowed.push((account.clone(), endowment));
			verifier_nodes.push((node_key.peer_id, account.clone()));
			verifiers.push(account);
		}

		let patch = consortium_genesis(ConsortiumSetup {
			validators,
			council,
			verifiers,
			endowed,
			other_nodes: verifier_nodes,
		});
		let spec = ChainSpec::builder(chain_spec::wasm_binary()?, None)
			.with_name(&self.name)
			.with_id(&self.id)
			.with_chain_type(ChainType::Live)
			.with_genesis_config_patch(patch)
			.with_properties(chain_spec::properties())
			.with_boot_nodes(boot_nodes)
			.build();
		let raw = sc_service::ChainSpec::as_json(&spec, true)?;
		fs::write(self.out.join("chain-spec.json"), raw)
			.map_err(|e| format!("cannot write the chain spec: {e}"))?;
		write_json(&self.out.join("network.json"), &public)?;
		let secrets_text = serde_json::to_string_pretty(&secrets)
			.map_err(|e| format!("cannot encode the secrets: {e}"))?;
		write_private(&self.out.join("secrets.json"), &(secrets_text + "\n"))?;
		eprintln!(
			"wrote {}: chain-spec.json, network.json, secrets.json (keep it safe), {} validator \
			 and {} verifier base paths",
			self.out.display(),
			self.validators,
			self.verifiers
		);
		Ok(())
	}
}

fn push(list: &mut serde_json::Value, item: serde_json::Value) {
	if let Some(list) = list.as_array_mut() {
		list.push(item);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn command(out: &Path) -> NewNetworkCmd {
		<NewNetworkCmd as clap::Parser>::parse_from([
			"new-network",
			"--out",
			&out.display().to_string(),
			"--validators",
			"2",
			"--council",
			"3",
			"--verifiers",
			"1",
			"--address",
			"/ip4/10.0.0.1/tcp/30333",
			"--address",
			"/dns/v2.example.org/tcp/30333",
		])
	}

	#[test]
	fn a_new_network_has_fresh_keys_in_place_and_passes_the_dev_key_check() {
		use std::os::unix::fs::PermissionsExt;
		let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
		let out = dir.path().join("net");
		command(&out).run().unwrap_or_else(|e| panic!("{e}"));

		let spec = ChainSpec::from_json_file(out.join("chain-spec.json"))
			.unwrap_or_else(|e| panic!("{e}"));
		assert_eq!(sc_service::ChainSpec::chain_type(&spec), ChainType::Live);
		assert_eq!(sc_service::ChainSpec::boot_nodes(&spec).len(), 2);
		assert_eq!(chain_spec::refuse_dev_keys(&spec), Ok(()));

		let network: serde_json::Value =
			serde_json::from_slice(&fs::read(out.join("network.json")).unwrap_or_default())
				.unwrap_or_default();
		assert_eq!(network["validators"].as_array().map(Vec::len), Some(2));
		assert_eq!(network["council"].as_array().map(Vec::len), Some(3));
		let secrets = fs::metadata(out.join("secrets.json")).unwrap_or_else(|e| panic!("{e}"));
		assert_eq!(secrets.permissions().mode() & 0o777, 0o600);
		for node in ["validator-1", "validator-2", "verifier-1"] {
			let chain = out.join(node).join("chains/gongyu_consortium");
			assert!(chain.join("network/secret_ed25519").is_file(), "{node}");
			let keys = fs::read_dir(chain.join("keystore")).map(Iterator::count);
			let expected = if node.starts_with("validator") { 2 } else { 1 };
			assert_eq!(keys.ok(), Some(expected), "{node}");
		}
	}

	#[test]
	fn it_writes_into_no_used_directory_and_needs_an_address_per_validator() {
		let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
		fs::write(dir.path().join("something"), "").unwrap_or_else(|e| panic!("{e}"));
		let error = command(dir.path()).run().err().unwrap_or_default();
		assert!(error.contains("is not empty"), "{error}");

		let mut short = command(&dir.path().join("net"));
		short.addresses.pop();
		let error = short.run().err().unwrap_or_default();
		assert!(error.contains("one --address per validator"), "{error}");
		assert!(!dir.path().join("net").exists());
	}
}
