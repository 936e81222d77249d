//! The verifier service (`gongyu-node --verifier`).
//!
//! A verifier node checks every pending contribution by itself: on each finalized block it
//! asks the runtime (`ContributionsApi::awaiting_attestation`) which contributions each of
//! its verifier keys has still to attest, checks each published directory against its
//! record ([`fetch`]: manifest, card, every file) and submits `contributions.attest`
//! signed by that key through the node's own transaction pool.
//!
//! - Keys: sr25519 keys of type [`KEY_TYPE`] (`gyvf`) in the node's keystore, inserted with
//!   `gongyu-node key insert --key-type gyvf --scheme sr25519`. The runtime gives keys
//!   outside the on-chain verifier set no work, and never a key's own contributions.
//! - Where it fetches: the URI schemes the chain enables (`ContributionsApi::parameters`),
//!   `file://` only below `--verifier-file-root`, http(s) only to global addresses unless
//!   the operator allows others for a test network.
//! - Never twice, never stuck: a contribution stays claimed while its check runs, however
//!   long; after its attestation is submitted it stays claimed for [`RESUBMIT_AFTER`]
//!   blocks, then is checked again if the attestation never landed. Nonces come from the
//!   chain and the transaction pool, so a dropped transaction leaves no gap behind it.
//! - Slow hosts never starve fast ones: up to [`MAX_CHECKS`] checks run at once, at most
//!   [`fetch::PER_HOST_CHECKS`] per host, taken from a window of [`WINDOW`] contributions.

mod address;
mod evaluator;
mod extrinsic;
mod fetch;
mod metrics;

use std::{
	collections::HashMap,
	path::PathBuf,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

use codec::Encode;
use futures::StreamExt;
use gongyu_runtime::{opaque::Block, AccountId, Balance, BlockNumber, Nonce};
use pallet_contributions::{
	runtime_api::ContributionsApi, ContributionId, ContributionInfo, ContributionKind, UriSchemes,
	Verdict,
};
use pallet_models::runtime_api::ModelsApi;
use sc_client_api::BlockchainEvents;
use sc_transaction_pool_api::{InPoolTransaction, TransactionPool, TransactionSource};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{crypto::KeyTypeId, sr25519};
use sp_keystore::KeystorePtr;
use sp_runtime::traits::Header as _;

pub use evaluator::Evaluator;
pub use fetch::FetchPolicy;

use crate::client::FullClient;

/// Key type of verifier keys in the keystore.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"gyvf");

/// How many contributions awaiting one key are looked at per finalized block.
pub const WINDOW: u32 = 256;

/// Checks running at once, over all keys and hosts.
pub const MAX_CHECKS: usize = 32;

/// Blocks after which a submitted attestation that did not land is checked and sent again.
pub const RESUBMIT_AFTER: BlockNumber = 20;

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
	/// Where and how fast to fetch, and how to score fine-tunes.
	pub config: VerifierConfig,
}

/// What the operator configures of the verifier.
#[derive(Debug, Clone)]
pub struct VerifierConfig {
	/// Where and how fast to fetch.
	pub fetch: FetchPolicy,
	/// Scores fine-tunes whose weights fit their base; without it they are attested
	/// `Unevaluated`.
	pub evaluator: Option<Evaluator>,
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
		config,
	} = params;
	let metrics = match metrics::Metrics::register(registry.as_ref()) {
		Ok(metrics) => metrics,
		Err(error) => {
			log::error!(target: "verifier", "cannot register verifier metrics: {error}");
			None
		}
	};
	let fetcher = match fetch::Fetcher::new(config.fetch) {
		Ok(fetcher) => fetcher,
		Err(error) => {
			log::error!(target: "verifier", "the verifier cannot start its HTTP client: {error}");
			return;
		}
	};
	let service = Arc::new(Service {
		client: client.clone(),
		pool,
		keystore,
		metrics,
		fetcher,
		evaluator: config.evaluator,
		claims: Mutex::new(HashMap::new()),
		signing: tokio::sync::Mutex::new(()),
	});
	log::info!(target: "verifier", "verifier service started");

	let mut finalized = client.finality_notification_stream();
	while let Some(notification) = finalized.next().await {
		let number = *notification.header.number();
		service.clone().on_finalized(notification.hash, number);
	}
}

/// Where the work on one (verifier, contribution) pair stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
	/// Its check runs.
	Checking,
	/// Its attestation was submitted at this block.
	Submitted(BlockNumber),
}

struct Service<P> {
	client: Arc<FullClient>,
	pool: Arc<P>,
	keystore: KeystorePtr,
	metrics: Option<metrics::Metrics>,
	fetcher: fetch::Fetcher,
	/// Scores fine-tunes whose weights fit their base, if the operator configured one.
	evaluator: Option<Evaluator>,
	/// Work under way, by (verifier, contribution).
	claims: Mutex<HashMap<(AccountId, ContributionId), Claim>>,
	/// Held while a nonce is chosen and its transaction submitted.
	signing: tokio::sync::Mutex<()>,
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
		let schemes = match self.client.runtime_api().parameters(hash) {
			Ok(parameters) => parameters.uri_schemes,
			Err(error) => {
				log::warn!(target: "verifier", "cannot read the contribution parameters: {error}");
				return;
			}
		};
		let mut queued: u64 = 0;
		for public in self.keystore.sr25519_public_keys(KEY_TYPE) {
			let verifier = AccountId::from(public);
			let work =
				match self
					.client
					.runtime_api()
					.awaiting_attestation(hash, verifier.clone(), WINDOW)
				{
					Ok(work) => work,
					Err(error) => {
						log::warn!(target: "verifier", "cannot read contributions awaiting attestation: {error}");
						continue;
					}
				};
			self.forget_landed(&verifier, &work, number);
			queued = queued.saturating_add(work.len() as u64);
			for contribution in work {
				if !self.claim(&verifier, contribution.id) {
					continue;
				}
				let service = self.clone();
				let verifier = verifier.clone();
				tokio::spawn(async move {
					service
						.check_and_attest(public, verifier, contribution, schemes)
						.await;
				});
			}
		}
		if let Some(m) = &self.metrics {
			m.queue_depth.set(queued);
			m.checks_running.set(self.running() as u64);
		}
	}

	fn claims(&self) -> std::sync::MutexGuard<'_, HashMap<(AccountId, ContributionId), Claim>> {
		self.claims
			.lock()
			.unwrap_or_else(|poisoned| poisoned.into_inner())
	}

	fn running(&self) -> usize {
		self.claims()
			.values()
			.filter(|c| **c == Claim::Checking)
			.count()
	}

	/// Drops claims of `verifier` whose attestation landed (no longer in `work`) or was
	/// submitted more than [`RESUBMIT_AFTER`] blocks ago without landing.
	fn forget_landed(&self, verifier: &AccountId, work: &[Info], now: BlockNumber) {
		self.claims().retain(|(who, id), claim| {
			let Claim::Submitted(at) = *claim else {
				return true;
			};
			who != verifier
				|| (work.iter().any(|c| c.id == *id) && now.saturating_sub(at) < RESUBMIT_AFTER)
		});
	}

	/// Claims (verifier, id) for a check unless it is claimed or [`MAX_CHECKS`] run.
	fn claim(&self, verifier: &AccountId, id: ContributionId) -> bool {
		let mut claims = self.claims();
		let key = (verifier.clone(), id);
		let running = claims.values().filter(|c| **c == Claim::Checking).count();
		if claims.contains_key(&key) || running >= MAX_CHECKS {
			return false;
		}
		claims.insert(key, Claim::Checking);
		true
	}

	async fn check_and_attest(
		&self,
		public: sr25519::Public,
		verifier: AccountId,
		contribution: Info,
		schemes: UriSchemes,
	) {
		let key = (verifier.clone(), contribution.id);
		let Some(verdict) = self.check(&contribution, &schemes).await else {
			// Not checked: try again after the resubmission delay.
			let at = self.client.info().best_number;
			self.claims().insert(key, Claim::Submitted(at));
			return;
		};
		match self
			.attest(public, &verifier, contribution.id, verdict)
			.await
		{
			Ok(()) => {
				let at = self.client.info().best_number;
				self.claims().insert(key, Claim::Submitted(at));
			}
			Err(error) => {
				log::warn!(target: "verifier", "attestation of contribution {} failed: {error}", contribution.id);
				self.claims().remove(&key);
			}
		}
	}

	/// Checks the contribution's published directory and decides the verdict; `None` when
	/// the check could not be finished for reasons that are not the contribution's.
	async fn check(&self, contribution: &Info, schemes: &UriSchemes) -> Option<Verdict> {
		let started = Instant::now();
		let uri = String::from_utf8_lossy(&contribution.uri).into_owned();
		let base = match contribution.kind {
			ContributionKind::FineTune { base } => self.base_model(base),
			ContributionKind::Dataset => None,
		};
		let base_uri = base
			.as_ref()
			.and_then(|b| b.architecture.as_ref())
			.map(|a| String::from_utf8_lossy(&a.uri).into_owned());
		let base_weights = base.as_ref().and_then(|b| {
			let architecture = b.architecture.as_ref()?;
			Some(fetch::BaseWeights {
				uri: base_uri.as_deref()?,
				root: b.weights_root,
				fingerprint: architecture.fingerprint,
			})
		});
		let expected = fetch::Expected {
			uri: &uri,
			root: contribution.root,
			bytes: contribution.bytes,
			owner: &contribution.owner,
			kind: contribution.kind,
			license: &contribution.license,
			consent: contribution.consent,
			base: base_weights.clone(),
		};
		let finding = self.fetcher.check(&expected, schemes).await;
		let mut evaluation_failure = None;
		let verdict = match &finding {
			fetch::Finding::Valid(content) => {
				if let Some(m) = &self.metrics {
					m.bytes_hashed.inc_by(content.bytes);
				}
				match &content.measurement {
					// A dataset is worth its records (the card check requires them).
					Some(m) => Verdict::Measured {
						counts: m.counts,
						sketch: m.sketch,
					},
					None => match (&content.weights, &self.evaluator, &base_weights) {
						// A fine-tune's weights fit its base: its evaluator scores them.
						(Some(weights), Some(evaluator), Some(base)) => {
							match self.evaluate(evaluator, contribution, weights, base).await {
								Ok(score) => Verdict::Valid { score },
								Err(why) => {
									evaluation_failure = Some(why);
									Verdict::Valid { score: 0 }
								}
							}
						}
						(Some(_), None, _) => Verdict::Unevaluated,
						// Neither a dataset's records nor checked weights: the card said
						// neither (the card check requires one).
						_ => Verdict::CardMismatch,
					},
				}
			}
			fetch::Finding::HashMismatch(_) => Verdict::HashMismatch,
			fetch::Finding::CardMismatch(_) => Verdict::CardMismatch,
			fetch::Finding::BadFormat(_) => Verdict::BadFormat,
			fetch::Finding::ArchitectureMismatch(_) => Verdict::ArchitectureMismatch,
			fetch::Finding::AdapterMismatch(_) => Verdict::AdapterMismatch,
			fetch::Finding::Unreachable(_) => {
				if let Some(m) = &self.metrics {
					m.fetch_failures.inc();
				}
				Verdict::Unreachable
			}
			fetch::Finding::NotChecked(why) => {
				log::warn!(
					target: "verifier",
					"contribution {} ({uri}) not checked, retried later: {why}",
					contribution.id
				);
				return None;
			}
		};
		if let Some(why) = &evaluation_failure {
			log::error!(
				target: "verifier",
				"contribution {}: the evaluator failed, attesting score 0: {why}",
				contribution.id
			);
		}
		log::info!(
			target: "verifier",
			"contribution {} ({uri}): {verdict:?} in {:.1} s{}",
			contribution.id,
			started.elapsed().as_secs_f64(),
			finding
				.reason()
				.map(|why| format!(": {why}"))
				.unwrap_or_default()
		);
		if let Some(m) = &self.metrics {
			let label = metrics::verdict_label(&verdict);
			m.checked.with_label_values(&[label]).inc();
			m.check_seconds
				.with_label_values(&[label])
				.observe(started.elapsed().as_secs_f64());
		}
		Some(verdict)
	}

	/// Model version `id` as the latest finalized block has it.
	fn base_model(
		&self,
		id: pallet_contributions::ModelVersionId,
	) -> Option<pallet_models::ModelVersionInfo<BlockNumber>> {
		let finalized = self.client.info().finalized_hash;
		match self.client.runtime_api().model_version(finalized, id) {
			Ok(version) => version,
			Err(error) => {
				log::warn!(target: "verifier", "cannot read model version {id}: {error}");
				None
			}
		}
	}

	/// Runs the evaluator on a fine-tune whose weights fit its base.
	async fn evaluate(
		&self,
		evaluator: &Evaluator,
		contribution: &Info,
		weights: &fetch::CheckedWeights,
		base: &fetch::BaseWeights<'_>,
	) -> Result<pallet_contributions::Score, String> {
		let local = weights
			.local
			.as_ref()
			.ok_or("the checked files were not kept for the evaluator")?;
		evaluator
			.score(&evaluator::Evaluation {
				artifact: local.path(),
				artifact_root: contribution.root,
				weights: weights.kind,
				base_uri: base.uri,
				base_root: base.root,
			})
			.await
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
		let _signing = self.signing.lock().await;
		let best = self.client.info().best_hash;
		let chain_nonce = self
			.client
			.runtime_api()
			.account_nonce(best, verifier.clone())
			.map_err(|e| format!("cannot read the nonce: {e}"))?;
		let nonce = next_nonce(&*self.pool, verifier, chain_nonce);
		let xt = extrinsic::signed(&self.client, &self.keystore, public, call, nonce)?;
		self.pool
			.submit_one(best, TransactionSource::Local, xt)
			.await
			.map_err(|e| format!("the transaction pool refused the attestation: {e}"))?;
		Ok(())
	}
}

/// The nonce after the chain's `chain_nonce` and the transactions of `account` ready in the
/// pool: a transaction that was dropped leaves no gap, its nonce is simply used again.
fn next_nonce<P: TransactionPool>(pool: &P, account: &AccountId, chain_nonce: Nonce) -> Nonce {
	let mut nonce = chain_nonce;
	for tx in pool.ready() {
		if tx.provides().first() == Some(&(account, nonce).encode()) {
			nonce = nonce.saturating_add(1);
		}
	}
	nonce
}

use frame_system_rpc_runtime_api::AccountNonceApi as _;

/// The verifier configuration the CLI gives.
pub fn config(cli: &crate::cli::VerifierCli) -> Result<VerifierConfig, String> {
	let file_root = match &cli.verifier_file_root {
		Some(dir) => Some(std::fs::canonicalize(dir).map_err(|e| {
			format!(
				"--verifier-file-root {}: {e}; give an existing directory",
				dir.display()
			)
		})?),
		None => None::<PathBuf>,
	};
	if cli.verifier_min_throughput == 0 {
		return Err("--verifier-min-throughput must be above zero (bytes per second)".into());
	}
	let evaluator = match &cli.verifier_evaluator {
		Some(program) => {
			let program = std::fs::canonicalize(program).map_err(|e| {
				format!(
					"--verifier-evaluator {}: {e}; give the path of an executable program",
					program.display()
				)
			})?;
			if cli.verifier_evaluator_timeout == 0 {
				return Err("--verifier-evaluator-timeout must be above zero (seconds)".into());
			}
			Some(Evaluator {
				program,
				timeout: Duration::from_secs(cli.verifier_evaluator_timeout),
			})
		}
		None => None,
	};
	Ok(VerifierConfig {
		fetch: FetchPolicy {
			file_root,
			allow_non_global: cli.verifier_allow_non_global,
			allowed_addresses: cli.verifier_allow_address.clone(),
			base_timeout: Duration::from_secs(cli.verifier_fetch_timeout),
			min_throughput: cli.verifier_min_throughput,
			retries: cli.verifier_retries,
			keep_fine_tunes: evaluator.is_some(),
			..FetchPolicy::default()
		},
		evaluator,
	})
}
