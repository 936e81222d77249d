//! Checking a contribution's published directory against its on-chain record.
//!
//! The URI names a directory (`https://host/path/`, or `file:///path` below the operator's
//! file root). The check fetches its [`MANIFEST_FILE`], compares the manifest's BLAKE3 with
//! the registered root and the listed sizes with the registered size, reads the
//! [`CARD_FILE`] card and compares it with the record, then fetches every listed file and
//! compares its size and BLAKE3. No file is read past its listed size, so a body longer than
//! registered ends the check at once. Each attempt has a time limit that grows with the
//! registered size; retries are for unreachable hosts only.
//!
//! A fine-tune's directory holds its card, its weights (`.safetensors` files) and small JSON
//! files only. While the weights are hashed their headers are collected, and the
//! architecture they describe must fit the base model version's ([`crate::architecture`]),
//! which is read from the headers of the base's published weights and checked against its
//! registered fingerprint.

use std::{
	collections::HashMap,
	fmt,
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
	time::Duration,
};

use futures::StreamExt;
use gongyu_runtime::AccountId;
use pallet_contributions::{Consent, ContentHash, ContributionKind, UriSchemes};
use tokio::{io::AsyncReadExt, sync::Semaphore};

use super::address;
use crate::{
	architecture::{
		is_allowed_side_file, is_weights_file, Architecture, HeaderCollector, WeightsKind,
		MAX_SIDE_FILE_BYTES,
	},
	content::{Card, Manifest, CARD_FILE, MANIFEST_FILE, MAX_CARD_BYTES},
	dataset::{Measurement, Measurer},
};

/// The largest manifest verifiers read, in bytes.
pub const MAX_MANIFEST_BYTES: u64 = 16 << 20;

/// Redirects followed per request.
pub const MAX_REDIRECTS: usize = 5;

/// Checks of one host (or of the file root) running at once.
pub const PER_HOST_CHECKS: usize = 4;

/// Where and how fast a verifier fetches, as its operator configured it.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
	/// `file://` URIs are served only below this directory (canonical); `None` serves none.
	pub file_root: Option<PathBuf>,
	/// Whether http(s) may reach loopback, private and other non-global addresses (test
	/// networks only).
	pub allow_non_global: bool,
	/// Non-global `ip:port` addresses http(s) may reach anyway (test networks only).
	pub allowed_addresses: Vec<std::net::SocketAddr>,
	/// Time every attempt gets whatever the size.
	pub base_timeout: Duration,
	/// The slowest throughput, in bytes per second, an honest host is expected to sustain:
	/// an attempt gets `base_timeout + registered size / min_throughput`.
	pub min_throughput: u64,
	/// Attempts after the first when the bytes cannot be reached.
	pub retries: u32,
	/// Pause between attempts.
	pub retry_delay: Duration,
	/// Keep a copy of each fine-tune's checked files (in a temporary directory, unless
	/// they are local already) for an evaluator to read.
	pub keep_fine_tunes: bool,
}

impl Default for FetchPolicy {
	fn default() -> Self {
		Self {
			file_root: None,
			allow_non_global: false,
			allowed_addresses: Vec::new(),
			base_timeout: Duration::from_secs(60),
			min_throughput: 1 << 20,
			retries: 2,
			retry_delay: Duration::from_secs(2),
			keep_fine_tunes: false,
		}
	}
}

/// What the chain says the published bytes are.
#[derive(Debug, Clone)]
pub struct Expected<'a> {
	/// Where they are published.
	pub uri: &'a str,
	/// Their registered root.
	pub root: ContentHash,
	/// Their registered size.
	pub bytes: u64,
	/// The registered owner, whom the card must name.
	pub owner: &'a AccountId,
	/// The registered kind (and base model).
	pub kind: ContributionKind,
	/// The registered license.
	pub license: &'a [u8],
	/// The registered consent, which the card must declare.
	pub consent: Consent,
	/// For a fine-tune: its base model version's weights, if it registers an architecture.
	pub base: Option<BaseWeights<'a>>,
}

/// A base model version's published weights, as the chain registers them.
#[derive(Debug, Clone)]
pub struct BaseWeights<'a> {
	/// Where they are published (a directory with a manifest).
	pub uri: &'a str,
	/// Their registered root.
	pub root: ContentHash,
	/// Their registered architecture fingerprint.
	pub fingerprint: ContentHash,
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
	/// Everything matches.
	Valid(FetchedContent),
	/// The manifest, a file or a size differs from what was registered.
	HashMismatch(String),
	/// The bytes match but their card is missing or disagrees with the record.
	CardMismatch(String),
	/// The bytes match but a dataset's files are not records in the format its card
	/// declares.
	BadFormat(String),
	/// The bytes could not be fetched (after retries), or may not be fetched from here.
	Unreachable(String),
	/// A fine-tune's bytes match but its full weights do not have its base's architecture,
	/// or its directory holds files that are not weights.
	ArchitectureMismatch(String),
	/// A fine-tune's bytes match but its adapter's tensors do not fit its base's modules.
	AdapterMismatch(String),
	/// The verifier could not finish the check for reasons of its own or of the base model
	/// (its weights unreadable, or not what the chain registers): nothing is attested.
	NotChecked(String),
}

impl Finding {
	/// Why, for everything but `Valid`.
	pub fn reason(&self) -> Option<&str> {
		match self {
			Self::Valid(_) => None,
			Self::HashMismatch(why)
			| Self::CardMismatch(why)
			| Self::BadFormat(why)
			| Self::Unreachable(why)
			| Self::ArchitectureMismatch(why)
			| Self::AdapterMismatch(why)
			| Self::NotChecked(why) => Some(why),
		}
	}

	/// The finding for weights of `kind` that do not fit their base.
	fn weights_mismatch(kind: WeightsKind, why: String) -> Self {
		match kind {
			WeightsKind::Full => Self::ArchitectureMismatch(why),
			WeightsKind::Lora => Self::AdapterMismatch(why),
		}
	}
}

/// What a valid directory holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedContent {
	/// Files listed in the manifest.
	pub files: u64,
	/// Bytes fetched and hashed.
	pub bytes: u64,
	/// For a dataset: the records counted in the files its card names, and their sketch.
	/// (Boxed: the sketch would make every `Finding` as large as a valid one.)
	pub measurement: Option<Box<Measurement>>,
	/// For a fine-tune: its weights, which fit its base.
	pub weights: Option<CheckedWeights>,
}

/// A fine-tune's weights that fit their base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedWeights {
	/// Full weights or an adapter, as the card declares.
	pub kind: WeightsKind,
	/// A local directory holding the checked files, when the policy keeps them.
	pub local: Option<LocalCopy>,
}

/// A local directory of checked files: the contribution's own directory for `file://`, or
/// a temporary copy, removed when the last clone is dropped.
#[derive(Debug, Clone)]
pub struct LocalCopy {
	dir: PathBuf,
	_temporary: Option<Arc<tempfile::TempDir>>,
}

impl LocalCopy {
	/// The directory.
	pub fn path(&self) -> &Path {
		&self.dir
	}
}

impl PartialEq for LocalCopy {
	fn eq(&self, other: &Self) -> bool {
		self.dir == other.dir
	}
}

impl Eq for LocalCopy {}

/// Why a published manifest could not be used.
#[derive(Debug)]
enum ManifestFault {
	/// It could not be fetched.
	Unreachable(String),
	/// It is not the registered manifest (too large, another hash, not a manifest).
	Wrong(String),
}

/// Why reading one file stopped.
#[derive(Debug)]
enum ReadError {
	/// More bytes than listed: a mismatch, found without reading them all.
	TooLarge,
	/// The file could not be read or downloaded.
	Failed(String),
}

impl fmt::Display for ReadError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::TooLarge => write!(f, "more bytes than listed"),
			Self::Failed(reason) => write!(f, "{reason}"),
		}
	}
}

/// Where a directory's files come from.
enum Source {
	/// A local directory (canonical, below the file root).
	Dir { dir: PathBuf, root: PathBuf },
	/// A web directory; the URL ends with `/`.
	Web(reqwest::Url),
}

/// Fetches and checks contributions under one [`FetchPolicy`].
pub struct Fetcher {
	policy: FetchPolicy,
	http: reqwest::Client,
	hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
	/// Base architectures already read, by registered fingerprint.
	bases: Mutex<HashMap<ContentHash, Architecture>>,
}

impl Fetcher {
	/// A fetcher for `policy`; its HTTP client follows at most [`MAX_REDIRECTS`] redirects,
	/// uses no proxy and, unless the policy allows it, connects to global addresses only.
	pub fn new(policy: FetchPolicy) -> Result<Self, String> {
		let redirect_policy = policy.clone();
		let redirects = reqwest::redirect::Policy::custom(move |attempt| {
			if attempt.previous().len() >= MAX_REDIRECTS {
				attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
			} else if !permitted(&redirect_policy, attempt.url()) {
				let refused = format!("redirect to non-global address {}", attempt.url());
				attempt.error(refused)
			} else {
				attempt.follow()
			}
		});
		let mut builder = reqwest::Client::builder()
			.connect_timeout(Duration::from_secs(10))
			.redirect(redirects)
			.no_proxy();
		if !policy.allow_non_global {
			builder = builder.dns_resolver(address::GlobalOnlyResolver::shared());
		}
		let http = builder.build().map_err(|e| e.to_string())?;
		Ok(Self {
			policy,
			http,
			hosts: Mutex::new(HashMap::new()),
			bases: Mutex::new(HashMap::new()),
		})
	}

	/// The time one attempt gets for `bytes` registered bytes.
	pub fn attempt_timeout(&self, bytes: u64) -> Duration {
		let transfer = bytes
			.checked_div(self.policy.min_throughput)
			.unwrap_or(bytes);
		self.policy
			.base_timeout
			.saturating_add(Duration::from_secs(transfer))
	}

	/// Checks the contribution `expected` describes, if its URI scheme is one of `schemes`
	/// (the chain's). Waits for a slot of the URI's host first; retries unreachable bytes.
	pub async fn check(&self, expected: &Expected<'_>, schemes: &UriSchemes) -> Finding {
		if !schemes.accepts(expected.uri.as_bytes()) {
			return Finding::Unreachable("the chain does not enable this URI scheme".into());
		}
		let slots = self.host_slots(expected.uri);
		let Ok(_slot) = slots.acquire().await else {
			return Finding::Unreachable("the verifier is shutting down".into());
		};
		let timeout = self.attempt_timeout(expected.bytes);
		let mut attempt: u32 = 0;
		loop {
			let finding = match tokio::time::timeout(timeout, self.check_once(expected)).await {
				Ok(finding) => finding,
				Err(_) => Finding::Unreachable(format!("timed out after {} s", timeout.as_secs())),
			};
			if !matches!(finding, Finding::Unreachable(_)) || attempt >= self.policy.retries {
				return finding;
			}
			attempt = attempt.saturating_add(1);
			tokio::time::sleep(self.policy.retry_delay).await;
		}
	}

	/// Whether `url` may be fetched: global addresses, names (their addresses are checked
	/// when resolved), and on test networks the addresses the operator allowed.
	fn permitted(&self, url: &reqwest::Url) -> bool {
		permitted(&self.policy, url)
	}

	/// The slots of the host `uri` names (all `file://` URIs share one).
	fn host_slots(&self, uri: &str) -> Arc<Semaphore> {
		let host = reqwest::Url::parse(uri)
			.ok()
			.and_then(|url| url.host_str().map(str::to_owned))
			.unwrap_or_default();
		let mut hosts = self
			.hosts
			.lock()
			.unwrap_or_else(|poisoned| poisoned.into_inner());
		hosts
			.entry(host)
			.or_insert_with(|| Arc::new(Semaphore::new(PER_HOST_CHECKS)))
			.clone()
	}

	async fn check_once(&self, expected: &Expected<'_>) -> Finding {
		let source = match self.open(expected.uri) {
			Ok(source) => source,
			Err(reason) => return Finding::Unreachable(reason),
		};

		let manifest = match self.published_manifest(&source, expected.root).await {
			Ok(manifest) => manifest,
			Err(ManifestFault::Unreachable(reason)) => return Finding::Unreachable(reason),
			Err(ManifestFault::Wrong(reason)) => return Finding::HashMismatch(reason),
		};
		if manifest.total_size() != expected.bytes {
			return Finding::HashMismatch(format!(
				"the manifest lists {} bytes, {} are registered",
				manifest.total_size(),
				expected.bytes
			));
		}

		let card = match self.check_card(&source, &manifest, expected).await {
			Ok(card) => card,
			Err(finding) => return finding,
		};
		let weights_kind = card.weights_kind();
		if let Some(kind) = weights_kind {
			if let Some(stray) = manifest.entries().iter().find(|e| {
				e.path != CARD_FILE
					&& !is_weights_file(&e.path)
					&& !is_allowed_side_file(&e.path, e.size)
			}) {
				return Finding::weights_mismatch(
					kind,
					format!(
						"{} is neither weights (.safetensors) nor a JSON file of at most {} bytes",
						stray.path, MAX_SIDE_FILE_BYTES
					),
				);
			}
		}
		let mut copy = match weights_kind {
			Some(_) if self.policy.keep_fine_tunes => match Copier::for_source(&source) {
				Ok(copy) => Some(copy),
				Err(why) => return Finding::NotChecked(why),
			},
			_ => None,
		};
		let mut measurer = card.dataset.map(Measurer::new);
		let mut architecture = Architecture::default();
		for entry in manifest.entries() {
			if entry.path == CARD_FILE {
				continue;
			}
			let mut hasher = blake3::Hasher::new();
			let mut measuring = measurer.as_mut().filter(|m| m.measures(&entry.path));
			if let Some(measurer) = measuring.as_mut() {
				measurer.start_file(&entry.path);
			}
			let mut header = (weights_kind.is_some() && is_weights_file(&entry.path))
				.then(HeaderCollector::default);
			let mut writer = match copy.as_mut().map(|c| c.create(&entry.path)).transpose() {
				Ok(writer) => writer.flatten(),
				Err(why) => return Finding::NotChecked(why),
			};
			let mut write_error = None;
			let read = self
				.read(&source, &entry.path, entry.size, |chunk| {
					hasher.update(chunk);
					if let Some(measurer) = measuring.as_mut() {
						measurer.update(chunk);
					}
					if let Some(header) = header.as_mut().filter(|h| !h.is_done()) {
						header.update(chunk);
					}
					if let Some(writer) = writer.as_mut() {
						if let Err(e) = std::io::Write::write_all(writer, chunk) {
							write_error.get_or_insert(e.to_string());
						}
					}
					true
				})
				.await;
			if let Some(measurer) = measuring {
				measurer.finish_file();
			}
			if let Some(why) = write_error.or_else(|| {
				writer
					.and_then(|w| std::io::Write::flush(&mut { w }).err())
					.map(|e| e.to_string())
			}) {
				return Finding::NotChecked(format!(
					"keeping {} for the evaluator: {why}",
					entry.path
				));
			}
			match read {
				Ok(size) if size == entry.size && *hasher.finalize().as_bytes() == entry.hash => {}
				Ok(_) | Err(ReadError::TooLarge) => {
					return Finding::HashMismatch(format!(
						"{} differs from the manifest",
						entry.path
					))
				}
				Err(ReadError::Failed(reason)) => {
					return Finding::Unreachable(format!("{}: {reason}", entry.path))
				}
			}
			if let (Some(header), Some(kind)) = (header, weights_kind) {
				let added = header.into_header().and_then(|header| {
					architecture
						.add_file(&entry.path, &header, entry.size)
						.map_err(|e| e.to_string())
				});
				if let Err(why) = added {
					return Finding::weights_mismatch(kind, why);
				}
			}
		}
		let measurement = match measurer.map(Measurer::finish).transpose() {
			Ok(measurement) => measurement,
			Err(error) => return Finding::BadFormat(error.to_string()),
		};
		let weights = match weights_kind {
			Some(kind) => {
				let Some(base) = &expected.base else {
					return Finding::NotChecked(
						"the base model version registers no architecture".into(),
					);
				};
				let base = match self.base_architecture(base).await {
					Ok(base) => base,
					Err(why) => return Finding::NotChecked(format!("the base's weights: {why}")),
				};
				let fits = match kind {
					WeightsKind::Full => architecture.check_full(&base),
					WeightsKind::Lora => architecture.check_adapter(&base),
				};
				if let Err(why) = fits {
					return Finding::weights_mismatch(kind, why.to_string());
				}
				Some(CheckedWeights {
					kind,
					local: copy.map(Copier::into_local),
				})
			}
			None => None,
		};
		Finding::Valid(FetchedContent {
			files: manifest.entries().len() as u64,
			bytes: manifest.total_size(),
			measurement: measurement.map(Box::new),
			weights,
		})
	}

	/// The published manifest of `source`, which must hash to `root` and parse as the
	/// manifest `gongyu-node hash` writes. Read at most [`MAX_MANIFEST_BYTES`].
	async fn published_manifest(
		&self,
		source: &Source,
		root: ContentHash,
	) -> Result<Manifest, ManifestFault> {
		let mut text = Vec::new();
		let read = self
			.read(source, MANIFEST_FILE, MAX_MANIFEST_BYTES, |chunk| {
				text.extend_from_slice(chunk);
				true
			})
			.await;
		match read {
			Ok(_) => {}
			Err(ReadError::TooLarge) => {
				return Err(ManifestFault::Wrong(format!(
					"{MANIFEST_FILE} is too large"
				)))
			}
			Err(ReadError::Failed(reason)) => {
				return Err(ManifestFault::Unreachable(format!(
					"{MANIFEST_FILE}: {reason}"
				)))
			}
		}
		if *blake3::hash(&text).as_bytes() != root {
			return Err(ManifestFault::Wrong(format!(
				"the BLAKE3 of {MANIFEST_FILE} is not the registered root"
			)));
		}
		std::str::from_utf8(&text)
			.map_err(|_| "not UTF-8".to_owned())
			.and_then(|text| Manifest::parse(text).map_err(|e| e.to_string()))
			.map_err(|reason| ManifestFault::Wrong(format!("{MANIFEST_FILE}: {reason}")))
	}

	/// The architecture of a base model version's weights: read from the headers of the
	/// weights files its published manifest lists (the manifest must hash to the registered
	/// root), and checked against the registered fingerprint. Remembered per fingerprint.
	async fn base_architecture(&self, base: &BaseWeights<'_>) -> Result<Architecture, String> {
		if let Some(known) = self.bases().get(&base.fingerprint) {
			return Ok(known.clone());
		}
		let source = self.open(base.uri)?;
		let manifest = self
			.published_manifest(&source, base.root)
			.await
			.map_err(|fault| match fault {
				ManifestFault::Unreachable(why) | ManifestFault::Wrong(why) => why,
			})?;
		let mut architecture = Architecture::default();
		for entry in manifest
			.entries()
			.iter()
			.filter(|e| is_weights_file(&e.path))
		{
			let mut header = HeaderCollector::default();
			self.read(&source, &entry.path, entry.size, |chunk| {
				header.update(chunk);
				!header.is_done()
			})
			.await
			.map_err(|e| format!("{}: {e}", entry.path))?;
			let header = header
				.into_header()
				.map_err(|why| format!("{}: {why}", entry.path))?;
			architecture
				.add_file(&entry.path, &header, entry.size)
				.map_err(|e| e.to_string())?;
		}
		if architecture.fingerprint() != base.fingerprint {
			return Err("their architecture is not the registered fingerprint".into());
		}
		self.bases().insert(base.fingerprint, architecture.clone());
		Ok(architecture)
	}

	fn bases(&self) -> std::sync::MutexGuard<'_, HashMap<ContentHash, Architecture>> {
		self.bases
			.lock()
			.unwrap_or_else(|poisoned| poisoned.into_inner())
	}

	/// Reads the card the manifest lists and compares it with the record; a dataset's card
	/// must name data files the manifest lists.
	async fn check_card(
		&self,
		source: &Source,
		manifest: &Manifest,
		expected: &Expected<'_>,
	) -> Result<Card, Finding> {
		let Some(entry) = manifest.entry(CARD_FILE) else {
			return Err(Finding::CardMismatch(format!(
				"the directory has no {CARD_FILE}"
			)));
		};
		if entry.size > MAX_CARD_BYTES {
			return Err(Finding::CardMismatch(format!(
				"{CARD_FILE} is larger than {MAX_CARD_BYTES} bytes"
			)));
		}
		let mut bytes = Vec::new();
		match self
			.read(source, CARD_FILE, entry.size, |chunk| {
				bytes.extend_from_slice(chunk);
				true
			})
			.await
		{
			Ok(_) => {}
			Err(ReadError::TooLarge) => {
				return Err(Finding::HashMismatch(format!(
					"{CARD_FILE} differs from the manifest"
				)))
			}
			Err(ReadError::Failed(reason)) => {
				return Err(Finding::Unreachable(format!("{CARD_FILE}: {reason}")))
			}
		}
		if bytes.len() as u64 != entry.size || *blake3::hash(&bytes).as_bytes() != entry.hash {
			return Err(Finding::HashMismatch(format!(
				"{CARD_FILE} differs from the manifest"
			)));
		}
		let card = Card::parse(&bytes)
			.and_then(|card| {
				card.check(
					expected.owner,
					expected.kind,
					expected.license,
					&expected.consent,
				)?;
				Ok(card)
			})
			.map_err(|e| Finding::CardMismatch(e.to_string()))?;
		let files = card.dataset.iter().flat_map(|spec| spec.files.iter());
		if let Some(missing) = files
			.into_iter()
			.find(|path| *path == CARD_FILE || manifest.entry(path).is_none())
		{
			return Err(Finding::CardMismatch(format!(
				"the card names {missing} as a data file, which the manifest does not list"
			)));
		}
		Ok(card)
	}

	/// Where the directory `uri` names may be read from, if anywhere.
	fn open(&self, uri: &str) -> Result<Source, String> {
		if let Some(path) = uri.strip_prefix("file://") {
			let Some(root) = &self.policy.file_root else {
				return Err(
					"file:// is not served by this verifier (its operator sets --verifier-file-root)"
						.into(),
				);
			};
			let dir = std::fs::canonicalize(path).map_err(|e| format!("{path}: {e}"))?;
			if !dir.starts_with(root) {
				return Err(format!("{path} is outside the verifier's file root"));
			}
			return Ok(Source::Dir {
				dir,
				root: root.clone(),
			});
		}
		let mut url = reqwest::Url::parse(uri).map_err(|e| format!("invalid URI: {e}"))?;
		if !matches!(url.scheme(), "http" | "https") {
			return Err(format!("{} URIs are not fetched", url.scheme()));
		}
		if !self.permitted(&url) {
			return Err(format!(
				"{} is a non-global address, which verifiers do not fetch from",
				url.host_str().unwrap_or_default()
			));
		}
		if !url.path().ends_with('/') {
			let path = format!("{}/", url.path());
			url.set_path(&path);
		}
		Ok(Source::Web(url))
	}

	/// Reads `path` of `source` into `sink`, at most `limit` bytes, until `sink` returns
	/// false; returns the size read.
	async fn read(
		&self,
		source: &Source,
		path: &str,
		limit: u64,
		mut sink: impl FnMut(&[u8]) -> bool,
	) -> Result<u64, ReadError> {
		match source {
			Source::Dir { dir, root } => read_file(&dir.join(path), root, limit, &mut sink).await,
			Source::Web(base) => {
				let mut url = base.clone();
				url.path_segments_mut()
					.map_err(|_| ReadError::Failed("the URI cannot have a path".into()))?
					.pop_if_empty()
					.extend(path.split('/'));
				self.read_web(url, limit, &mut sink).await
			}
		}
	}

	async fn read_web(
		&self,
		url: reqwest::Url,
		limit: u64,
		sink: &mut impl FnMut(&[u8]) -> bool,
	) -> Result<u64, ReadError> {
		let response = self
			.http
			.get(url)
			.send()
			.await
			.map_err(|e| ReadError::Failed(error_chain(&e)))?;
		let status = response.status();
		if !status.is_success() {
			return Err(ReadError::Failed(format!("HTTP {status}")));
		}
		if response.content_length().is_some_and(|len| len > limit) {
			return Err(ReadError::TooLarge);
		}
		let mut size: u64 = 0;
		let mut body = response.bytes_stream();
		while let Some(chunk) = body.next().await {
			let chunk = chunk.map_err(|e| ReadError::Failed(error_chain(&e)))?;
			size = size.saturating_add(chunk.len() as u64);
			if size > limit {
				return Err(ReadError::TooLarge);
			}
			if !sink(&chunk) {
				break;
			}
		}
		Ok(size)
	}
}

/// Whether `policy` lets `url` be fetched (see [`Fetcher::permitted`]).
fn permitted(policy: &FetchPolicy, url: &reqwest::Url) -> bool {
	if policy.allow_non_global || !address::is_non_global_literal(url) {
		return true;
	}
	let literal = url
		.host_str()
		.unwrap_or_default()
		.trim_start_matches('[')
		.trim_end_matches(']');
	match (literal.parse(), url.port_or_known_default()) {
		(Ok(ip), Some(port)) => policy
			.allowed_addresses
			.contains(&std::net::SocketAddr::new(ip, port)),
		_ => false,
	}
}

/// Reads the regular file at `path`, which must resolve (symbolic links followed) to a place
/// below `root`, at most `limit` bytes.
async fn read_file(
	path: &Path,
	root: &Path,
	limit: u64,
	sink: &mut impl FnMut(&[u8]) -> bool,
) -> Result<u64, ReadError> {
	let failed = |e: std::io::Error| ReadError::Failed(format!("{}: {e}", path.display()));
	let real = tokio::fs::canonicalize(path).await.map_err(failed)?;
	if !real.starts_with(root) {
		return Err(ReadError::Failed(format!(
			"{} leads outside the verifier's file root",
			path.display()
		)));
	}
	let metadata = tokio::fs::metadata(&real).await.map_err(failed)?;
	if !metadata.is_file() {
		return Err(ReadError::Failed(format!(
			"{} is not a regular file",
			path.display()
		)));
	}
	if metadata.len() > limit {
		return Err(ReadError::TooLarge);
	}
	let mut file = tokio::fs::File::open(&real).await.map_err(failed)?;
	let mut buffer = vec![0u8; 1 << 20];
	let mut size: u64 = 0;
	loop {
		let read = file.read(&mut buffer).await.map_err(failed)?;
		if read == 0 {
			return Ok(size);
		}
		size = size.saturating_add(read as u64);
		if size > limit {
			return Err(ReadError::TooLarge);
		}
		if !sink(buffer.get(..read).unwrap_or_default()) {
			return Ok(size);
		}
	}
}

/// Where a fine-tune's checked files are kept for its evaluator.
enum Copier {
	/// The files are local already (`file://`): nothing to copy.
	InPlace(PathBuf),
	/// A temporary directory the files are written to as they are checked.
	Temporary(tempfile::TempDir),
}

impl Copier {
	fn for_source(source: &Source) -> Result<Self, String> {
		match source {
			Source::Dir { dir, .. } => Ok(Self::InPlace(dir.clone())),
			Source::Web(_) => tempfile::Builder::new()
				.prefix("gongyu-fine-tune-")
				.tempdir()
				.map(Self::Temporary)
				.map_err(|e| format!("cannot create a directory for the evaluator: {e}")),
		}
	}

	/// A writer for the copy of `path` (a manifest path, so relative and plain), or `None`
	/// when the files are local already.
	fn create(&mut self, path: &str) -> Result<Option<std::io::BufWriter<std::fs::File>>, String> {
		let Self::Temporary(dir) = self else {
			return Ok(None);
		};
		let target = dir.path().join(path);
		let failed = |e: std::io::Error| format!("{}: {e}", target.display());
		if let Some(parent) = target.parent() {
			std::fs::create_dir_all(parent).map_err(failed)?;
		}
		let file = std::fs::File::create(&target).map_err(failed)?;
		Ok(Some(std::io::BufWriter::new(file)))
	}

	fn into_local(self) -> LocalCopy {
		match self {
			Self::InPlace(dir) => LocalCopy {
				dir,
				_temporary: None,
			},
			Self::Temporary(temporary) => LocalCopy {
				dir: temporary.path().to_path_buf(),
				_temporary: Some(Arc::new(temporary)),
			},
		}
	}
}

/// An error with its sources, e.g. "error sending request: ... refused".
fn error_chain(error: &dyn std::error::Error) -> String {
	let mut text = error.to_string();
	let mut source = error.source();
	while let Some(cause) = source {
		text.push_str(": ");
		text.push_str(&cause.to_string());
		source = cause.source();
	}
	text
}

#[cfg(test)]
mod tests;
