//! The checks against honest directories and the attacks they stop, over `file://` and a
//! hostile HTTP server on loopback.
#![allow(clippy::arithmetic_side_effects, clippy::indexing_slicing)]

use std::{collections::HashMap, net::SocketAddr, path::Path, sync::Arc, time::Duration};

use indicatif::ProgressBar;
use sp_keyring::Sr25519Keyring;
use tokio::{
	io::{AsyncReadExt, AsyncWriteExt},
	net::TcpListener,
};

use super::*;
use crate::{
	architecture::tests::{safetensors_file, TensorRow},
	content::{hash_path, Card},
	dataset::{DatasetSpec, Format, Language},
};
use pallet_contributions::{ConsentLevel, RecordCounts};

/// What the test server answers on a path.
#[derive(Clone)]
enum Route {
	/// 200 with these bytes.
	Body(Vec<u8>),
	/// 302 to this location.
	Redirect(String),
	/// 200 announcing these bytes, then one byte per second.
	Drip(Vec<u8>),
}

/// A hostile HTTP/1.1 server on loopback: serves `routes`, answers 404 otherwise.
async fn serve(routes: HashMap<String, Route>) -> SocketAddr {
	let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
	let address = listener.local_addr().unwrap();
	let routes = Arc::new(routes);
	tokio::spawn(async move {
		loop {
			let Ok((mut socket, _)) = listener.accept().await else {
				return;
			};
			let routes = routes.clone();
			tokio::spawn(async move {
				let mut request = Vec::new();
				let mut buffer = [0u8; 4096];
				while !request.windows(4).any(|w| w == b"\r\n\r\n") {
					match socket.read(&mut buffer).await {
						Ok(0) | Err(_) => return,
						Ok(n) => request.extend_from_slice(&buffer[..n]),
					}
				}
				let text = String::from_utf8_lossy(&request);
				let path = percent_decode(text.split(' ').nth(1).unwrap_or("/"));
				match routes.get(&path) {
					Some(Route::Body(body)) => {
						let head = format!(
							"HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
							body.len()
						);
						let _ = socket.write_all(head.as_bytes()).await;
						let _ = socket.write_all(body).await;
					}
					Some(Route::Redirect(location)) => {
						let head = format!(
							"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
						);
						let _ = socket.write_all(head.as_bytes()).await;
					}
					Some(Route::Drip(body)) => {
						let head = format!(
							"HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
							body.len()
						);
						let _ = socket.write_all(head.as_bytes()).await;
						for byte in body {
							if socket.write_all(&[*byte]).await.is_err() {
								return;
							}
							tokio::time::sleep(Duration::from_secs(1)).await;
						}
					}
					None => {
						let _ = socket
							.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
							.await;
					}
				}
				let _ = socket.shutdown().await;
			});
		}
	});
	address
}

/// `%XX` escapes decoded, as a static file server maps URL paths to files.
fn percent_decode(path: &str) -> String {
	let bytes = path.as_bytes();
	let mut out = Vec::with_capacity(bytes.len());
	let mut i = 0;
	while i < bytes.len() {
		let escaped = (bytes[i] == b'%')
			.then(|| path.get(i + 1..i + 3))
			.flatten()
			.and_then(|hex| u8::from_str_radix(hex, 16).ok());
		match escaped {
			Some(byte) => {
				out.push(byte);
				i += 3;
			}
			None => {
				out.push(bytes[i]);
				i += 1;
			}
		}
	}
	String::from_utf8_lossy(&out).into_owned()
}

fn alice() -> AccountId {
	Sr25519Keyring::Alice.to_account_id()
}

/// What a valid check of a dataset found, its sketch left out: files, bytes and counts.
fn valid_counts(finding: &Finding) -> Option<(u64, u64, RecordCounts)> {
	match finding {
		Finding::Valid(content) => Some((
			content.files,
			content.bytes,
			content.measurement.as_ref()?.counts,
		)),
		_ => None,
	}
}

/// Writes a contribution directory as the toolkit does: data files, a card for `owner`,
/// and the published manifest. Returns the directory's root and size.
fn publish(dir: &Path, owner: &AccountId, files: &[(&str, &[u8])]) -> (ContentHash, u64) {
	for (path, bytes) in files {
		let path = dir.join(path);
		std::fs::create_dir_all(path.parent().unwrap()).unwrap();
		std::fs::write(path, bytes).unwrap();
	}
	// Every file in the directory is a data file of English lines.
	let data_files: Vec<String> = walkdir::WalkDir::new(dir)
		.follow_links(true)
		.into_iter()
		.map(|entry| entry.unwrap())
		.filter(|entry| entry.file_type().is_file())
		.map(|entry| {
			let relative = entry.path().strip_prefix(dir).unwrap();
			relative.to_str().unwrap().to_owned()
		})
		.filter(|path| path != CARD_FILE && path != MANIFEST_FILE)
		.collect();
	let spec = DatasetSpec {
		format: Format::Lines,
		fields: Vec::new(),
		language: Language::English,
		files: data_files,
	};
	let card = Card::new(owner, ContributionKind::Dataset, "CC0-1.0").with_dataset(spec);
	std::fs::write(dir.join(CARD_FILE), card.to_json()).unwrap();
	write_manifest(dir)
}

/// Hashes `dir` and publishes its manifest in it; returns its root and size.
fn write_manifest(dir: &Path) -> (ContentHash, u64) {
	let content = hash_path(dir, &ProgressBar::hidden()).unwrap();
	std::fs::write(
		dir.join(MANIFEST_FILE),
		content.manifest.as_ref().unwrap().render(),
	)
	.unwrap();
	(content.root, content.size)
}

/// The routes serving `dir` (manifest included) below `/prefix/`.
fn routes_of(dir: &Path, prefix: &str) -> HashMap<String, Route> {
	let mut routes = HashMap::new();
	for entry in walkdir::WalkDir::new(dir) {
		let entry = entry.unwrap();
		if entry.file_type().is_file() {
			let relative = entry.path().strip_prefix(dir).unwrap().to_str().unwrap();
			let bytes = std::fs::read(entry.path()).unwrap();
			routes.insert(format!("/{prefix}/{relative}"), Route::Body(bytes));
		}
	}
	routes
}

fn policy() -> FetchPolicy {
	FetchPolicy {
		base_timeout: Duration::from_secs(5),
		retries: 0,
		retry_delay: Duration::from_millis(10),
		..FetchPolicy::default()
	}
}

fn expected<'a>(uri: &'a str, root: ContentHash, bytes: u64, owner: &'a AccountId) -> Expected<'a> {
	Expected {
		uri,
		root,
		bytes,
		owner,
		kind: ContributionKind::Dataset,
		license: b"CC0-1.0",
		consent: Consent::all(ConsentLevel::Allowed),
		base: None,
	}
}

async fn check(policy: FetchPolicy, expected: &Expected<'_>) -> Finding {
	Fetcher::new(policy)
		.unwrap()
		.check(expected, &UriSchemes::WITH_FILE)
		.await
}

fn file_policy(root: &Path) -> FetchPolicy {
	FetchPolicy {
		file_root: Some(std::fs::canonicalize(root).unwrap()),
		..policy()
	}
}

#[tokio::test]
async fn an_honest_directory_below_the_file_root_is_valid() {
	let root = tempfile::tempdir().unwrap();
	let dir = root.path().join("set");
	std::fs::create_dir(&dir).unwrap();
	let (hash, size) = publish(&dir, &alice(), &[("data/a.txt", b"abc"), ("b.txt", b"")]);
	let uri = format!("file://{}", dir.display());
	let finding = check(
		file_policy(root.path()),
		&expected(&uri, hash, size, &alice()),
	)
	.await;
	assert_eq!(
		valid_counts(&finding),
		Some((
			3,
			size,
			RecordCounts {
				records: 1,
				valid: 1,
				duplicates: 0,
				in_language: 1,
				useful_bytes: 3,
			}
		))
	);
}

#[tokio::test]
async fn random_bytes_declared_as_a_dataset_are_bad_format_unless_they_mismatch() {
	let root = tempfile::tempdir().unwrap();
	let dir = root.path().join("set");
	std::fs::create_dir(&dir).unwrap();
	let junk: Vec<u8> = (0u32..4096)
		.map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
		.collect();
	let (hash, size) = publish(&dir, &alice(), &[("data.txt", &junk)]);
	let uri = format!("file://{}", dir.display());
	let finding = check(
		file_policy(root.path()),
		&expected(&uri, hash, size, &alice()),
	)
	.await;
	assert_eq!(
		finding,
		Finding::BadFormat("data.txt is not UTF-8 text".into())
	);
	// The same junk changed after hashing: the mismatch is what verifiers report.
	let mut changed = junk.clone();
	changed[0] ^= 1;
	std::fs::write(dir.join("data.txt"), &changed).unwrap();
	let finding = check(
		file_policy(root.path()),
		&expected(&uri, hash, size, &alice()),
	)
	.await;
	assert!(matches!(finding, Finding::HashMismatch(_)), "{finding:?}");
}

#[tokio::test]
async fn a_card_naming_a_data_file_the_manifest_lacks_does_not_match() {
	let root = tempfile::tempdir().unwrap();
	let dir = root.path().join("set");
	std::fs::create_dir(&dir).unwrap();
	std::fs::write(dir.join("a.txt"), b"hello").unwrap();
	let spec = DatasetSpec {
		format: Format::Lines,
		fields: Vec::new(),
		language: Language::English,
		files: vec!["a.txt".into(), "missing.txt".into()],
	};
	let card = Card::new(&alice(), ContributionKind::Dataset, "CC0-1.0").with_dataset(spec);
	std::fs::write(dir.join(CARD_FILE), card.to_json()).unwrap();
	let (hash, size) = write_manifest(&dir);
	let uri = format!("file://{}", dir.display());
	let finding = check(
		file_policy(root.path()),
		&expected(&uri, hash, size, &alice()),
	)
	.await;
	assert!(
		matches!(&finding, Finding::CardMismatch(why) if why.contains("missing.txt")),
		"{finding:?}"
	);
}

#[tokio::test]
async fn file_uris_are_refused_without_a_file_root_and_outside_it() {
	let root = tempfile::tempdir().unwrap();
	let dir = root.path().join("set");
	std::fs::create_dir(&dir).unwrap();
	let (hash, size) = publish(&dir, &alice(), &[("a.txt", b"abc")]);
	let uri = format!("file://{}", dir.display());
	let no_root = check(policy(), &expected(&uri, hash, size, &alice())).await;
	assert!(matches!(no_root, Finding::Unreachable(_)), "{no_root:?}");

	// The verifier's own binary, the classic farm: outside the root, never read.
	let exe = std::fs::read("/proc/self/exe").unwrap();
	let farmed = check(
		file_policy(root.path()),
		&expected(
			"file:///proc/self/exe",
			*blake3::hash(&exe).as_bytes(),
			exe.len() as u64,
			&alice(),
		),
	)
	.await;
	assert!(matches!(farmed, Finding::Unreachable(_)), "{farmed:?}");
}

#[tokio::test]
async fn a_symbolic_link_out_of_the_file_root_is_not_followed() {
	let outside = tempfile::tempdir().unwrap();
	std::fs::write(outside.path().join("secret"), b"abc").unwrap();
	let root = tempfile::tempdir().unwrap();
	let dir = root.path().join("set");
	std::fs::create_dir(&dir).unwrap();
	std::os::unix::fs::symlink(outside.path().join("secret"), dir.join("a.txt")).unwrap();
	// The owner hashes through the link; the verifier must not read through it.
	let (hash, size) = publish(&dir, &alice(), &[]);
	let uri = format!("file://{}", dir.display());
	let finding = check(
		file_policy(root.path()),
		&expected(&uri, hash, size, &alice()),
	)
	.await;
	assert!(matches!(finding, Finding::Unreachable(_)), "{finding:?}");
}

#[tokio::test]
async fn cards_naming_someone_else_or_missing_do_not_match() {
	let root = tempfile::tempdir().unwrap();
	let dir = root.path().join("set");
	std::fs::create_dir(&dir).unwrap();
	let bob = Sr25519Keyring::Bob.to_account_id();
	// Bob registers Alice's directory (root and all): her card names her.
	let (hash, size) = publish(&dir, &alice(), &[("a.txt", b"abc")]);
	let uri = format!("file://{}", dir.display());
	let stolen = check(file_policy(root.path()), &expected(&uri, hash, size, &bob)).await;
	assert!(matches!(stolen, Finding::CardMismatch(_)), "{stolen:?}");

	// A directory without a card.
	std::fs::remove_file(dir.join(CARD_FILE)).unwrap();
	std::fs::remove_file(dir.join(MANIFEST_FILE)).unwrap();
	let (hash, size) = write_manifest(&dir);
	let cardless = check(
		file_policy(root.path()),
		&expected(&uri, hash, size, &alice()),
	)
	.await;
	assert!(matches!(cardless, Finding::CardMismatch(_)), "{cardless:?}");
}

#[tokio::test]
async fn an_honest_directory_over_http_is_valid_and_a_tampered_file_is_a_mismatch() {
	let dir = tempfile::tempdir().unwrap();
	let (hash, size) = publish(
		dir.path(),
		&alice(),
		&[
			("data/train set.jsonl", b"{\"text\":\"hi\"}\n"),
			("README.md", b"# set\n"),
		],
	);
	let mut routes = routes_of(dir.path(), "set");
	let mut tampered = routes.clone();
	tampered.insert("/set/README.md".into(), Route::Body(b"# SET\n".to_vec()));
	let mut longer = routes.clone();
	longer.insert(
		"/set/README.md".into(),
		Route::Body(b"# set\n and more".to_vec()),
	);
	routes.extend(
		tampered
			.into_iter()
			.map(|(k, v)| (k.replacen("/set/", "/tampered/", 1), v)),
	);
	routes.extend(
		longer
			.into_iter()
			.map(|(k, v)| (k.replacen("/set/", "/longer/", 1), v)),
	);
	let address = serve(routes).await;
	let allowed = FetchPolicy {
		allowed_addresses: vec![address],
		..policy()
	};

	let uri = format!("http://{address}/set");
	let honest = check(allowed.clone(), &expected(&uri, hash, size, &alice())).await;
	assert_eq!(
		valid_counts(&honest),
		Some((
			3,
			size,
			RecordCounts {
				records: 2,
				valid: 2,
				duplicates: 0,
				in_language: 2,
				useful_bytes: 18,
			}
		))
	);

	let uri = format!("http://{address}/tampered/");
	let finding = check(allowed.clone(), &expected(&uri, hash, size, &alice())).await;
	assert!(matches!(finding, Finding::HashMismatch(_)), "{finding:?}");

	let uri = format!("http://{address}/longer/");
	let finding = check(allowed, &expected(&uri, hash, size, &alice())).await;
	assert!(matches!(finding, Finding::HashMismatch(_)), "{finding:?}");
}

#[tokio::test]
async fn loopback_and_redirects_to_it_are_refused_unless_allowed() {
	let dir = tempfile::tempdir().unwrap();
	let (hash, size) = publish(dir.path(), &alice(), &[("a.txt", b"abc")]);
	let inner = serve(routes_of(dir.path(), "set")).await;
	let redirects = routes_of(dir.path(), "set")
		.into_keys()
		.map(|path| {
			let hop = path.replacen("/set/", "/hop/", 1);
			(hop, Route::Redirect(format!("http://{inner}{path}")))
		})
		.collect();
	let outer = serve(redirects).await;

	// Straight to loopback, flag off.
	let uri = format!("http://{inner}/set/");
	let direct = check(policy(), &expected(&uri, hash, size, &alice())).await;
	assert!(matches!(direct, Finding::Unreachable(_)), "{direct:?}");
	// A name that resolves to loopback.
	let uri = format!("http://localhost:{}/set/", inner.port());
	let named = check(policy(), &expected(&uri, hash, size, &alice())).await;
	assert!(matches!(named, Finding::Unreachable(_)), "{named:?}");
	// An allowed first hop redirecting to another loopback port.
	let only_outer = FetchPolicy {
		allowed_addresses: vec![outer],
		..policy()
	};
	let uri = format!("http://{outer}/hop/");
	let hopped = check(only_outer, &expected(&uri, hash, size, &alice())).await;
	assert!(matches!(hopped, Finding::Unreachable(_)), "{hopped:?}");
	// With the test-network flag both are fetched.
	let open = FetchPolicy {
		allow_non_global: true,
		..policy()
	};
	let allowed = check(open, &expected(&uri, hash, size, &alice())).await;
	assert!(matches!(allowed, Finding::Valid(_)), "{allowed:?}");
}

#[tokio::test]
async fn a_slow_drip_ends_unreachable_within_the_attempt_time() {
	let dir = tempfile::tempdir().unwrap();
	let (hash, size) = publish(dir.path(), &alice(), &[("a.txt", b"abc")]);
	let mut routes = routes_of(dir.path(), "set");
	let manifest = std::fs::read(dir.path().join(MANIFEST_FILE)).unwrap();
	routes.insert(format!("/set/{MANIFEST_FILE}"), Route::Drip(manifest));
	let address = serve(routes).await;
	let quick = FetchPolicy {
		allowed_addresses: vec![address],
		base_timeout: Duration::from_secs(2),
		..policy()
	};
	let started = std::time::Instant::now();
	let uri = format!("http://{address}/set/");
	let finding = check(quick, &expected(&uri, hash, size, &alice())).await;
	assert!(matches!(finding, Finding::Unreachable(_)), "{finding:?}");
	assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn a_scheme_the_chain_disables_is_not_fetched() {
	let fetcher = Fetcher::new(policy()).unwrap();
	let owner = alice();
	let finding = fetcher
		.check(
			&expected("file:///srv/set", [0; 32], 1, &owner),
			&UriSchemes::WEB,
		)
		.await;
	assert!(matches!(finding, Finding::Unreachable(_)), "{finding:?}");
}

#[test]
fn attempt_time_grows_with_the_registered_size() {
	let fetcher = Fetcher::new(FetchPolicy {
		base_timeout: Duration::from_secs(60),
		min_throughput: 1 << 20,
		..FetchPolicy::default()
	})
	.unwrap();
	assert_eq!(fetcher.attempt_timeout(0), Duration::from_secs(60));
	assert_eq!(
		fetcher.attempt_timeout(1 << 30),
		Duration::from_secs(60 + 1024)
	);
}

/// The tensors of the fine-tune tests' base model.
const BASE_TENSORS: &[TensorRow] = &[
	("model.embed.weight", "F32", &[32, 16]),
	("model.layers.0.q_proj.weight", "F32", &[16, 16]),
];

/// Publishes weights files and a fine-tune card (when `weights` is given) in `dir`.
fn publish_weights(
	dir: &Path,
	weights: Option<WeightsKind>,
	files: &[(&str, Vec<u8>)],
) -> (ContentHash, u64) {
	std::fs::create_dir_all(dir).unwrap();
	for (path, bytes) in files {
		std::fs::write(dir.join(path), bytes).unwrap();
	}
	if let Some(kind) = weights {
		let card =
			Card::new(&alice(), ContributionKind::FineTune { base: 0 }, "MIT").with_weights(kind);
		std::fs::write(dir.join(CARD_FILE), card.to_json()).unwrap();
	}
	write_manifest(dir)
}

/// A base model and a fine-tune of it, both served over HTTP: the check's finding.
async fn check_fine_tune(
	kind: WeightsKind,
	files: &[(&str, Vec<u8>)],
	registered_fingerprint: Option<ContentHash>,
	policy: FetchPolicy,
) -> Finding {
	let root = tempfile::tempdir().unwrap();
	let base_dir = root.path().join("base");
	let (base_root, _) = publish_weights(
		&base_dir,
		None,
		&[
			("model-1.safetensors", safetensors_file(&BASE_TENSORS[..1])),
			("model-2.safetensors", safetensors_file(&BASE_TENSORS[1..])),
		],
	);
	let fingerprint = registered_fingerprint
		.unwrap_or_else(|| Architecture::of_directory(&base_dir).unwrap().fingerprint());
	let tune_dir = root.path().join("tune");
	let (tune_root, size) = publish_weights(&tune_dir, Some(kind), files);
	let mut routes = routes_of(&base_dir, "base");
	routes.extend(routes_of(&tune_dir, "tune"));
	let address = serve(routes).await;
	let base_uri = format!("http://{address}/base/");
	let uri = format!("http://{address}/tune/");
	let owner = alice();
	let expected = Expected {
		kind: ContributionKind::FineTune { base: 0 },
		license: b"MIT",
		consent: Consent::all(ConsentLevel::Allowed),
		base: Some(BaseWeights {
			uri: &base_uri,
			root: base_root,
			fingerprint,
		}),
		..expected(&uri, tune_root, size, &owner)
	};
	check(policy, &expected).await
}

fn http_policy() -> FetchPolicy {
	FetchPolicy {
		allow_non_global: true,
		..policy()
	}
}

fn adapter() -> Vec<u8> {
	safetensors_file(&[
		(
			"base_model.model.model.layers.0.q_proj.lora_A.weight",
			"F32",
			&[4, 16],
		),
		(
			"base_model.model.model.layers.0.q_proj.lora_B.weight",
			"F32",
			&[16, 4],
		),
	])
}

#[tokio::test]
async fn an_adapter_that_fits_its_base_is_valid_and_kept_for_the_evaluator() {
	let files = [
		("adapter_model.safetensors", adapter()),
		("adapter_config.json", b"{\"r\": 4}".to_vec()),
	];
	let keep = FetchPolicy {
		keep_fine_tunes: true,
		..http_policy()
	};
	let finding = check_fine_tune(WeightsKind::Lora, &files, None, keep).await;
	let Finding::Valid(content) = finding else {
		panic!("{finding:?}");
	};
	let weights = content.weights.unwrap();
	assert_eq!(weights.kind, WeightsKind::Lora);
	let local = weights.local.unwrap();
	assert_eq!(
		std::fs::read(local.path().join("adapter_model.safetensors")).unwrap(),
		adapter()
	);
	// Without an evaluator nothing is kept.
	let finding = check_fine_tune(WeightsKind::Lora, &files, None, http_policy()).await;
	let Finding::Valid(content) = finding else {
		panic!("{finding:?}");
	};
	assert_eq!(content.weights.unwrap().local, None);
}

#[tokio::test]
async fn full_weights_of_another_architecture_are_an_architecture_mismatch() {
	let same = [("model.safetensors", safetensors_file(BASE_TENSORS))];
	let finding = check_fine_tune(WeightsKind::Full, &same, None, http_policy()).await;
	assert!(matches!(finding, Finding::Valid(_)), "{finding:?}");
	let wider = [(
		"model.safetensors",
		safetensors_file(&[
			BASE_TENSORS[0],
			("model.layers.0.q_proj.weight", "F32", &[16, 32]),
		]),
	)];
	let finding = check_fine_tune(WeightsKind::Full, &wider, None, http_policy()).await;
	assert!(
		matches!(&finding, Finding::ArchitectureMismatch(why) if why.contains("q_proj")),
		"{finding:?}"
	);
	// Attack: junk bytes named as weights.
	let junk = [("model.safetensors", vec![0xff; 4096])];
	let finding = check_fine_tune(WeightsKind::Full, &junk, None, http_policy()).await;
	assert!(
		matches!(finding, Finding::ArchitectureMismatch(_)),
		"{finding:?}"
	);
}

#[tokio::test]
async fn an_adapter_that_does_not_fit_or_pads_with_other_files_is_refused() {
	// Full weights declared as an adapter.
	let full = [("model.safetensors", safetensors_file(BASE_TENSORS))];
	let finding = check_fine_tune(WeightsKind::Lora, &full, None, http_policy()).await;
	assert!(
		matches!(finding, Finding::AdapterMismatch(_)),
		"{finding:?}"
	);
	// Attack: a fitting adapter padded with bytes that would earn as its size.
	let padded = [
		("adapter_model.safetensors", adapter()),
		("notes.bin", vec![0; 1024]),
	];
	let finding = check_fine_tune(WeightsKind::Lora, &padded, None, http_policy()).await;
	assert!(
		matches!(&finding, Finding::AdapterMismatch(why) if why.contains("notes.bin")),
		"{finding:?}"
	);
}

#[tokio::test]
async fn a_base_whose_weights_are_not_its_registered_fingerprint_is_not_checked() {
	let files = [("adapter_model.safetensors", adapter())];
	let finding = check_fine_tune(WeightsKind::Lora, &files, Some([9; 32]), http_policy()).await;
	assert!(
		matches!(&finding, Finding::NotChecked(why) if why.contains("fingerprint")),
		"{finding:?}"
	);
}
