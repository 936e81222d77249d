//! The verifier service (`gongyu-node --verifier`).
//!
//! A verifier node checks every pending contribution by itself: on each finalized block it
//! asks the runtime (`ContributionsApi::awaiting_attestation`) which contributions each of
//! its verifier keys has not attested yet, fetches their bytes from the registered URI
//! (`file://`, `http://`, `https://`; streamed, capped at the registered size, with timeouts
//! and retries), hashes them exactly as `gongyu-node hash` does, and submits
//! `contributions.attest` signed by that key through the node's own transaction pool.
//!
//! - Keys: sr25519 keys of type [`KEY_TYPE`] (`gyvf`) in the node's keystore, inserted with
//!   `gongyu-node key insert --key-type gyvf --scheme sr25519`. Keys whose account is not in
//!   the on-chain verifier set are ignored.
//! - Never twice: what still needs an attestation is read from chain state, so a restart
//!   resumes where the chain is; attestations in flight are remembered until they land or
//!   time out.
//! - One slow or failing fetch never blocks the others: each check runs as its own task.

mod extrinsic;
mod fetch;
mod metrics;
mod scorer;

use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
	time::Duration,
};

use futures::StreamExt;
use gongyu_runtime::{opaque::Block, AccountId, Balance, BlockNumber};
use pallet_contributions::{
	runtime_api::ContributionsApi, ContributionId, ContributionInfo, Verdict,
};
use sc_client_api::BlockchainEvents;
use sc_transaction_pool_api::{TransactionPool, TransactionSource};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_keystore::KeystorePtr;
use sp_runtime::traits::Header as _;

pub use fetch::FetchLimits;
pub use scorer::{HashMatchScorer, Scorer};

use crate::client::FullClient;

/// Key type of verifier keys in the keystore.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"gyvf");

/// How many contributions one key takes per finalized block.
const BATCH: u32 = 16;

/// Blocks after which an attestation that did not land is tried again.
const IN_FLIGHT_BLOCKS: BlockNumber = 20;

/// What the verifier service needs from the node.
pub struct VerifierParams<P> {
	/// The client.
	pub client: Arc<FullClient>,
	/// The node's transaction pool.
	pub pool: Arc<P>,
	/// The node's keystore.
	pub keystore: KeystorePtr,
	/// Prometheus registry, if metrics are enabled.
	pub registry: Option<substrate_prometheus_endpoint::Registry>,
	/// Fetch timeouts and retries.
	pub limits: FetchLimits,
}

/// Runs the verifier service until the node stops.
pub async fn run<P>(params: VerifierParams<P>)
where
	P: TransactionPool<Block = Block> + 'static,
{
	let VerifierParams {
		client,
		pool,
		keystore,
		registry,
		limits,
	} = params;
	let metrics = match metrics::Metrics::register(registry.as_ref()) {
		Ok(metrics) => metrics,
		Err(error) => {
			log::error!(target: "verifier", "cannot register verifier metrics: {error}");
			None
		}
	};
	let service = Arc::new(Service {
		client: client.clone(),
		pool,
		keystore,
		metrics,
		limits,
		scorer: Arc::new(HashMatchScorer),
		in_flight: Mutex::new(HashMap::new()),
		nonces: tokio::sync::Mutex::new(HashMap::new()),
	});
	log::info!(target: "verifier", "verifier service started");

	let mut finalized = client.finality_notification_stream();
	while let Some(notification) = finalized.next().await {
		let number = *notification.header.number();
		service.clone().on_finalized(notification.hash, number);
	}
}

struct Service<P> {
	client: Arc<FullClient>,
	pool: Arc<P>,
	keystore: KeystorePtr,
	metrics: Option<metrics::Metrics>,
	limits: FetchLimits,
	scorer: Arc<dyn Scorer>,
	/// (verifier, contribution) pairs with a check or attestation under way, and the block
	/// they started at.
	in_flight: Mutex<HashMap<(AccountId, ContributionId), BlockNumber>>,
	/// The next nonce to use per verifier account.
	nonces: tokio::sync::Mutex<HashMap<AccountId, u32>>,
}

type Info = ContributionInfo<AccountId, Balance, BlockNumber>;

impl<P> Service<P>
where
	P: TransactionPool<Block = Block> + 'static,
{
	fn on_finalized(
		self: Arc<Self>,
		hash: <Block as sp_runtime::traits::Block>::Hash,
		number: BlockNumber,
	) {
		let keys = self.keystore.sr25519_public_keys(KEY_TYPE);
		for public in keys {
			let verifier = AccountId::from(public);
			let work =
				match self
					.client
					.runtime_api()
					.awaiting_attestation(hash, verifier.clone(), BATCH)
				{
					Ok(work) => work,
					Err(error) => {
						log::warn!(target: "verifier", "cannot read contributions awaiting attestation: {error}");
						continue;
					}
				};
			for contribution in work {
				if !self.claim(&verifier, contribution.id, number) {
					continue;
				}
				let service = self.clone();
				let verifier = verifier.clone();
				tokio::spawn(async move {
					service
						.check_and_attest(public, verifier, contribution)
						.await;
				});
			}
		}
	}

	/// Marks (verifier, id) as under way unless it already is (and not for too long).
	fn claim(&self, verifier: &AccountId, id: ContributionId, now: BlockNumber) -> bool {
		let Ok(mut in_flight) = self.in_flight.lock() else {
			return false;
		};
		in_flight.retain(|_, started| now.saturating_sub(*started) < IN_FLIGHT_BLOCKS);
		let key = (verifier.clone(), id);
		if in_flight.contains_key(&key) {
			return false;
		}
		in_flight.insert(key, now);
		true
	}

	async fn check_and_attest(
		&self,
		public: sr25519::Public,
		verifier: AccountId,
		contribution: Info,
	) {
		let verdict = self.check(&contribution).await;
		log::info!(
			target: "verifier",
			"contribution {} ({}): {:?}",
			contribution.id,
			String::from_utf8_lossy(&contribution.uri),
			verdict,
		);
		if let Err(error) = self
			.attest(public, &verifier, contribution.id, verdict)
			.await
		{
			log::warn!(target: "verifier", "attestation of contribution {} failed: {error}", contribution.id);
			if let Ok(mut in_flight) = self.in_flight.lock() {
				in_flight.remove(&(verifier, contribution.id));
			}
		}
	}

	/// Fetches and hashes the contribution's bytes and decides the verdict.
	async fn check(&self, contribution: &Info) -> Verdict {
		let uri = String::from_utf8_lossy(&contribution.uri).into_owned();
		let fetched = fetch::fetch_and_hash(&uri, contribution.bytes, &self.limits).await;
		let verdict = match fetched {
			Ok(content) => {
				if let Some(m) = &self.metrics {
					m.bytes_hashed.inc_by(content.size);
				}
				if content.root == contribution.root && content.size == contribution.bytes {
					Verdict::Valid {
						score: self.scorer.score(contribution, &content),
					}
				} else {
					Verdict::HashMismatch
				}
			}
			Err(fetch::FetchError::TooLarge) => Verdict::HashMismatch,
			Err(error) => {
				log::info!(target: "verifier", "contribution {}: {uri} unreachable: {error}", contribution.id);
				if let Some(m) = &self.metrics {
					m.fetch_failures.inc();
				}
				Verdict::Unreachable
			}
		};
		if let Some(m) = &self.metrics {
			m.checked
				.with_label_values(&[metrics::verdict_label(&verdict)])
				.inc();
		}
		verdict
	}

	async fn attest(
		&self,
		public: sr25519::Public,
		verifier: &AccountId,
		id: ContributionId,
		verdict: Verdict,
	) -> Result<(), String> {
		let call = gongyu_runtime::RuntimeCall::Contributions(pallet_contributions::Call::attest {
			id,
			verdict,
		});
		let mut nonces = self.nonces.lock().await;
		let best = self.client.info().best_hash;
		let chain_nonce = self
			.client
			.runtime_api()
			.account_nonce(best, verifier.clone())
			.map_err(|e| format!("cannot read the nonce: {e}"))?;
		let nonce = nonces.get(verifier).copied().unwrap_or(0).max(chain_nonce);
		let xt = extrinsic::signed(&self.client, &self.keystore, public, call, nonce)?;
		self.pool
			.submit_one(best, TransactionSource::Local, xt)
			.await
			.map_err(|e| format!("the transaction pool refused the attestation: {e}"))?;
		nonces.insert(verifier.clone(), nonce.saturating_add(1));
		Ok(())
	}
}

use frame_system_rpc_runtime_api::AccountNonceApi as _;

/// The fetch limits the CLI configures.
pub fn limits(timeout_secs: u64, retries: u32) -> FetchLimits {
	FetchLimits {
		timeout: Duration::from_secs(timeout_secs),
		retries,
		..FetchLimits::default()
	}
}
