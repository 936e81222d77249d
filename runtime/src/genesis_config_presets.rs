//! Genesis presets built into the runtime and selected by name from the node
//! (`--chain dev`, `--chain local`).
//!
//! - `dev`: Alice is the only validator and the sudo key, the well-known dev accounts are
//!   funded. Starts at once on one machine.
//! - `local`: Alice, Bob, Charlie and Dave validate (GRANDPA tolerates one of them down); no
//!   sudo key: everything that needs privileges goes through governance.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use pallet_contributions::{Parameters, UriSchemes};
use pallet_disputes::DisputeParams;

use crate::{
	configs::{
		default_licenses, DefaultContributionParameters, RewardPotAccount, DEFAULT_DISPUTE_PARAMS,
		DEFAULT_SESSION_LENGTH,
	},
	AccountId, Balance, BalancesConfig, BlockNumber, ContributionsConfig, CouncilMembershipConfig,
	DisputesConfig, ModelsConfig, NetworkAdmissionConfig, RewardsConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig, ValidatorSetConfig, VerifierMembershipConfig, UNIT,
};

/// Name of the local testnet preset (four validators).
pub const LOCAL_TESTNET_RUNTIME_PRESET: &str = "local_testnet";

/// What each endowed dev account starts with: one million GYU.
pub const ENDOWMENT: crate::Balance = 1_000_000 * UNIT;

/// A validator at genesis: its account and its session keys.
struct Validator {
	account: AccountId,
	aura: AuraId,
	grandpa: GrandpaId,
}

fn validator(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Validator {
	Validator {
		account: sr.to_account_id(),
		aura: sr.public().into(),
		grandpa: ed.public().into(),
	}
}

/// The PeerIds (binary form) of the `local` validators' well-known node keys `0x…01` to
/// `0x…04` (`--node-key`): 12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp,
/// 12D3KooWHdiAxVd8uMQR1hGWXccidmfCwLqcMpGwR6QcTP6QRMuD,
/// 12D3KooWSCufgHzV4fCwRijfH2k3abrpAJxTKxEvN1FDuRXA2U9x and
/// 12D3KooWSsChzF81YDUKpe9Uk5AHV5oqAaXAcWNSPYgoLauUk4st.
pub const LOCAL_NODE_PEER_IDS: [[u8; 38]; 4] = [
	peer_id(hex_literal::hex!(
		"4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"
	)),
	peer_id(hex_literal::hex!(
		"7422b9887598068e32c4448a949adb290d0f4e35b9e01b0ee5f1a1e600fe2674"
	)),
	peer_id(hex_literal::hex!(
		"f381626e41e7027ea431bfe3009e94bdd25a746beec468948d6c3c7c5dc9a54b"
	)),
	peer_id(hex_literal::hex!(
		"fd50b8e3b144ea244fbf7737f550bc8dd0c2650bbc1aada833ca17ff8dbf329b"
	)),
];

/// The libp2p PeerId of an ed25519 node key's public key: the identity multihash of the
/// protobuf-encoded key.
pub const fn peer_id(public: [u8; 32]) -> [u8; 38] {
	let mut id = [0u8; 38];
	let prefix = [0x00, 0x24, 0x08, 0x01, 0x12, 0x20];
	let mut i = 0;
	while i < prefix.len() {
		id[i] = prefix[i];
		i += 1;
	}
	while i < id.len() {
		id[i] = public[i - prefix.len()];
		i += 1;
	}
	id
}

/// The model version every preset registers as id 0, so fine-tunes can be submitted at once.
pub const BASE_MODEL_NAME: &[u8] = b"gongyu-ko-base-v1";
/// BLAKE3 root of the base model's published weights.
pub const BASE_MODEL_WEIGHTS_ROOT: [u8; 32] = [
	0x9a, 0x5b, 0x3c, 0x1e, 0x7d, 0x42, 0x0f, 0x88, 0x61, 0xc4, 0x2e, 0x95, 0xb7, 0x13, 0xd0, 0x6a,
	0x4f, 0x8e, 0x22, 0x71, 0xac, 0x39, 0xe5, 0x07, 0xbd, 0x56, 0x1a, 0xf3, 0x80, 0x6c, 0xd9, 0x2b,
];

/// What distinguishes one chain's genesis from another's.
struct ChainSetup {
	/// The validators with their session keys.
	validators: Vec<Validator>,
	/// Accounts funded at genesis, with what each gets.
	endowed: Vec<(AccountId, Balance)>,
	/// The sudo key, if the chain has one.
	sudo: Option<AccountId>,
	/// The verifier set.
	verifiers: Vec<AccountId>,
	/// The council.
	council: Vec<AccountId>,
	/// Blocks per reward epoch.
	epoch_length: BlockNumber,
	/// Blocks from a reward's credit to its vesting.
	challenge_window: BlockNumber,
	/// Blocks to decide a dispute and to appeal a decision.
	dispute_periods: (BlockNumber, BlockNumber),
	/// The fewest validators the chain may have.
	min_validators: u32,
	/// Blocks per session.
	session_length: BlockNumber,
	/// Nodes admitted to the network: (PeerId bytes, operator).
	admitted_nodes: Vec<(Vec<u8>, AccountId)>,
	/// URI schemes contributions may use.
	uri_schemes: UriSchemes,
}

#[allow(clippy::expect_used)]
fn genesis(setup: ChainSetup) -> Value {
	let ChainSetup {
		validators,
		endowed,
		sudo,
		verifiers,
		council,
		epoch_length,
		challenge_window,
		dispute_periods,
		min_validators,
		session_length,
		admitted_nodes,
		uri_schemes,
	} = setup;
	let validator_accounts: Vec<AccountId> = validators.iter().map(|v| v.account.clone()).collect();
	let mut balances = endowed;
	balances.push((RewardPotAccount::get(), POT_ENDOWMENT));
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		session: SessionConfig {
			keys: validators
				.into_iter()
				.map(|v| {
					let keys = SessionKeys {
						aura: v.aura,
						grandpa: v.grandpa,
					};
					(v.account.clone(), v.account, keys)
				})
				.collect::<Vec<_>>(),
		},
		validator_set: ValidatorSetConfig {
			validators: validator_accounts,
			min_validators,
			session_length: Some(session_length),
		},
		network_admission: NetworkAdmissionConfig {
			nodes: admitted_nodes
		},
		sudo: SudoConfig { key: sudo },
		verifier_membership: VerifierMembershipConfig {
			members: verifiers
				.try_into()
				.expect("fewer verifiers than MAX_VERIFIERS"),
		},
		contributions: ContributionsConfig {
			parameters: Some(Parameters {
				uri_schemes,
				..DefaultContributionParameters::get()
			}),
			licenses: default_licenses(),
		},
		models: ModelsConfig {
			model_versions: vec![(BASE_MODEL_NAME.to_vec(), BASE_MODEL_WEIGHTS_ROOT, None)],
			..Default::default()
		},
		council_membership: CouncilMembershipConfig {
			members: council
				.try_into()
				.expect("fewer council members than the maximum"),
		},
		rewards: RewardsConfig {
			budget: EPOCH_BUDGET,
			epoch_length: Some(epoch_length),
			challenge_window: Some(challenge_window)
		},
		disputes: DisputesConfig {
			params: Some(DisputeParams {
				decision_period: dispute_periods.0,
				appeal_period: dispute_periods.1,
				..DEFAULT_DISPUTE_PARAMS
			}),
		},
	})
}

/// The well-known dev accounts (Alice..Ferdie and their stash accounts), each with
/// [`ENDOWMENT`].
fn dev_accounts() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::well_known()
		.map(|k| (k.to_account_id(), ENDOWMENT))
		.collect()
}

/// What the reward pot holds at genesis: ten million GYU.
pub const POT_ENDOWMENT: Balance = 10_000_000 * UNIT;
/// What each epoch pays at genesis: one thousand GYU.
pub const EPOCH_BUDGET: Balance = 1_000 * UNIT;
/// Reward epochs on `dev`: ten blocks (one minute), so rewards arrive while you watch.
pub const DEV_EPOCH_LENGTH: BlockNumber = 10;
/// Reward epochs on `local`: one hundred blocks (ten minutes).
pub const LOCAL_EPOCH_LENGTH: BlockNumber = 100;
/// Rewards on `dev` vest twenty blocks (two minutes) after their credit.
pub const DEV_CHALLENGE_WINDOW: BlockNumber = 20;
/// Rewards on `local` vest one hundred blocks (ten minutes) after their credit.
pub const LOCAL_CHALLENGE_WINDOW: BlockNumber = 100;
/// Blocks to decide a dispute and to appeal on `dev`: short, so a dispute settles within a
/// minute or two of six-second blocks.
pub const DEV_DISPUTE_PERIODS: (BlockNumber, BlockNumber) = (40, 5);
/// Blocks to decide a dispute and to appeal on `local`.
pub const LOCAL_DISPUTE_PERIODS: (BlockNumber, BlockNumber) = (100, 20);

/// Sessions on `local`: ten blocks (one minute), so validator changes show quickly.
pub const LOCAL_SESSION_LENGTH: BlockNumber = 10;
/// The fewest validators `local` may have: three of its four (GRANDPA needs them all then).
pub const LOCAL_MIN_VALIDATORS: u32 = 3;

/// The council of both presets: Alice, Bob and Charlie.
fn dev_council() -> Vec<AccountId> {
	dev_verifiers()
}

/// The verifier set of both presets: Alice, Bob and Charlie (two of them decide).
fn dev_verifiers() -> Vec<AccountId> {
	let mut verifiers: Vec<AccountId> = [
		Sr25519Keyring::Alice,
		Sr25519Keyring::Bob,
		Sr25519Keyring::Charlie,
	]
	.iter()
	.map(|k| k.to_account_id())
	.collect();
	// Membership keeps its members sorted.
	verifiers.sort();
	verifiers
}

/// One validator (Alice), funded dev accounts, Alice as sudo.
pub fn development_config_genesis() -> Value {
	genesis(ChainSetup {
		validators: vec![validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		endowed: dev_accounts(),
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		verifiers: dev_verifiers(),
		council: dev_council(),
		epoch_length: DEV_EPOCH_LENGTH,
		challenge_window: DEV_CHALLENGE_WINDOW,
		dispute_periods: DEV_DISPUTE_PERIODS,
		min_validators: 1,
		session_length: DEFAULT_SESSION_LENGTH,
		// One node: admission is not enforced.
		admitted_nodes: Vec::new(),
		// Verifiers on the developer's machine may read its files (below their
		// `--verifier-file-root`).
		uri_schemes: UriSchemes::WITH_FILE,
	})
}

/// Four validators (Alice, Bob, Charlie, Dave), funded dev accounts, no sudo.
pub fn local_testnet_genesis() -> Value {
	genesis(ChainSetup {
		validators: vec![
			validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			validator(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			validator(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		endowed: dev_accounts(),
		sudo: None,
		verifiers: dev_verifiers(),
		council: dev_council(),
		epoch_length: LOCAL_EPOCH_LENGTH,
		challenge_window: LOCAL_CHALLENGE_WINDOW,
		dispute_periods: LOCAL_DISPUTE_PERIODS,
		min_validators: LOCAL_MIN_VALIDATORS,
		session_length: LOCAL_SESSION_LENGTH,
		admitted_nodes: LOCAL_NODE_PEER_IDS
			.iter()
			.zip([
				Sr25519Keyring::Alice,
				Sr25519Keyring::Bob,
				Sr25519Keyring::Charlie,
				Sr25519Keyring::Dave,
			])
			.map(|(peer, operator)| (peer.to_vec(), operator.to_account_id()))
			.collect(),
		uri_schemes: UriSchemes::WEB,
	})
}

/// A validator of a consortium network: its account, session keys and node.
#[derive(Clone, Debug)]
pub struct ConsortiumValidator {
	/// The validator's account (also its validator id in the session pallet).
	pub account: AccountId,
	/// Its Aura (block authoring) key.
	pub aura: AuraId,
	/// Its GRANDPA (finality) key.
	pub grandpa: GrandpaId,
	/// The binary PeerId of its node, admitted to the network with the account as operator.
	pub peer_id: Vec<u8>,
}

/// What a consortium decides for the genesis of its own network.
#[derive(Clone, Debug)]
pub struct ConsortiumSetup {
	/// The validators; at least one.
	pub validators: Vec<ConsortiumValidator>,
	/// The council.
	pub council: Vec<AccountId>,
	/// The verifier set.
	pub verifiers: Vec<AccountId>,
	/// Accounts funded at genesis, with what each gets.
	pub endowed: Vec<(AccountId, Balance)>,
	/// Nodes admitted besides the validators' (verifiers' nodes, say): (PeerId bytes,
	/// operator).
	pub other_nodes: Vec<(Vec<u8>, AccountId)>,
}

/// The genesis patch of a consortium's network: its own validators, nodes, council and
/// verifiers; no sudo key; web URIs only; the runtime's default epoch and session lengths.
/// GRANDPA finalizes while more than two thirds of the validators are up, so the set may
/// not shrink below that.
pub fn consortium_genesis(setup: ConsortiumSetup) -> Value {
	let count = u32::try_from(setup.validators.len()).unwrap_or(u32::MAX);
	let mut council = setup.council;
	council.sort();
	let mut verifiers = setup.verifiers;
	verifiers.sort();
	genesis(ChainSetup {
		admitted_nodes: setup
			.validators
			.iter()
			.map(|v| (v.peer_id.clone(), v.account.clone()))
			.chain(setup.other_nodes)
			.collect(),
		validators: setup
			.validators
			.into_iter()
			.map(|v| Validator {
				account: v.account,
				aura: v.aura,
				grandpa: v.grandpa,
			})
			.collect(),
		endowed: setup.endowed,
		sudo: None,
		verifiers,
		council,
		epoch_length: crate::configs::DefaultEpochLength::get(),
		challenge_window: crate::configs::DefaultChallengeWindow::get(),
		dispute_periods: (
			DEFAULT_DISPUTE_PARAMS.decision_period,
			DEFAULT_DISPUTE_PARAMS.appeal_period,
		),
		min_validators: (count.saturating_mul(2) / 3).saturating_add(1).min(count),
		session_length: DEFAULT_SESSION_LENGTH,
		uri_schemes: UriSchemes::WEB,
	})
}

/// The JSON patch of the preset called `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).ok()?.into_bytes())
}

/// The names of all presets this runtime builds.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
