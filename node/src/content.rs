//! What a Gongyu content root means: the library behind `gongyu-node hash` and the verifier
//! service.
//!
//! - A file's root is the BLAKE3 of its bytes.
//! - A directory's root is the BLAKE3 of its [`Manifest`]: one line per regular file below
//!   it, `<blake3 hex> <size> <relative path>\n`, with `/` separators, sorted by path
//!   (bytewise). Empty directories contribute nothing; symbolic links are followed (a loop
//!   is an error). A top-level [`MANIFEST_FILE`] is the published copy of the manifest and
//!   is not part of it.
//! - Every contribution is a directory whose manifest lists a [`Card`] ([`CARD_FILE`]):
//!   owner, kind, license and consent, so the root commits to whose bytes they are and
//!   what they may be used for.
//!
//! Large files are memory-mapped and hashed on every core (BLAKE3's SIMD and rayon support).

use std::{
	fmt, io,
	path::{Path, PathBuf},
};

use gongyu_runtime::AccountId;
use indicatif::ProgressBar;
use pallet_contributions::{Consent, ConsentLevel, ContributionKind};
use sp_core::crypto::Ss58Codec;

use crate::dataset::DatasetSpec;

/// Files at least this large are memory-mapped and hashed in parallel.
pub const PARALLEL_THRESHOLD: u64 = 1 << 20;

/// Name of the published manifest at the top of a contribution directory. Verifiers fetch
/// it first; it is left out of the manifest itself.
pub const MANIFEST_FILE: &str = "gongyu-manifest.txt";

/// Name of the contribution card at the top of a contribution directory.
pub const CARD_FILE: &str = "gongyu.json";

/// The largest card verifiers read, in bytes.
pub const MAX_CARD_BYTES: u64 = 64 * 1024;

/// One file of a directory: its BLAKE3, size and path relative to the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
	/// BLAKE3 of the file's bytes.
	pub hash: [u8; 32],
	/// Size in bytes.
	pub size: u64,
	/// Relative path with `/` separators.
	pub path: String,
}

/// The list of a directory's files whose BLAKE3 is the directory's root.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Manifest {
	entries: Vec<ManifestEntry>,
}

/// Why a published manifest is not one `gongyu-node hash` would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError(pub String);

impl fmt::Display for ManifestError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "invalid manifest: {}", self.0)
	}
}

impl Manifest {
	/// The manifest of `entries`, in manifest order (sorted bytewise by path).
	pub fn from_entries(mut entries: Vec<ManifestEntry>) -> Self {
		entries.sort_by(|a, b| a.path.as_bytes().cmp(b.path.as_bytes()));
		Self { entries }
	}

	/// Parses a published manifest. Only the exact text `render` produces is accepted:
	/// sorted, unique, relative paths without `.`/`..` segments, lowercase hex.
	pub fn parse(text: &str) -> Result<Self, ManifestError> {
		let mut entries: Vec<ManifestEntry> = Vec::new();
		if !text.is_empty() && !text.ends_with('\n') {
			return Err(ManifestError(
				"the last line does not end with a newline".into(),
			));
		}
		for (number, line) in text.lines().enumerate() {
			let bad =
				|what: &str| ManifestError(format!("line {}: {what}", number.saturating_add(1)));
			let mut fields = line.splitn(3, ' ');
			let (Some(hash), Some(size), Some(path)) =
				(fields.next(), fields.next(), fields.next())
			else {
				return Err(bad("expected `<blake3 hex> <size> <path>`"));
			};
			if hash.len() != 64 || hash.bytes().any(|b| b.is_ascii_uppercase()) {
				return Err(bad("the hash is not 64 lowercase hex digits"));
			}
			let mut digest = [0u8; 32];
			hex::decode_to_slice(hash, &mut digest).map_err(|_| bad("the hash is not hex"))?;
			if size.is_empty() || (size.len() > 1 && size.starts_with('0')) {
				return Err(bad("the size is not a plain decimal number"));
			}
			let size: u64 = size.parse().map_err(|_| bad("the size is not a number"))?;
			if !is_valid_relative_path(path) || path == MANIFEST_FILE {
				return Err(bad("the path is not a plain relative path"));
			}
			if let Some(previous) = entries.last() {
				if previous.path.as_bytes() >= path.as_bytes() {
					return Err(bad("paths are not sorted and unique"));
				}
			}
			entries.push(ManifestEntry {
				hash: digest,
				size,
				path: path.to_owned(),
			});
		}
		Ok(Self { entries })
	}

	/// The manifest's text.
	pub fn render(&self) -> String {
		self.entries
			.iter()
			.map(|e| format!("{} {} {}\n", hex::encode(e.hash), e.size, e.path))
			.collect()
	}

	/// The directory's root: the BLAKE3 of the manifest's text.
	pub fn root(&self) -> [u8; 32] {
		*blake3::hash(self.render().as_bytes()).as_bytes()
	}

	/// The files, in manifest order.
	pub fn entries(&self) -> &[ManifestEntry] {
		&self.entries
	}

	/// The entry for `path`, if listed.
	pub fn entry(&self, path: &str) -> Option<&ManifestEntry> {
		self.entries.iter().find(|e| e.path == path)
	}

	/// Total size of the listed files (saturating).
	pub fn total_size(&self) -> u64 {
		self.entries
			.iter()
			.fold(0u64, |sum, e| sum.saturating_add(e.size))
	}
}

/// Whether `path` is a relative path a manifest may list: `/`-separated, non-empty
/// segments other than `.` and `..`, no backslashes or control characters.
pub fn is_valid_relative_path(path: &str) -> bool {
	!path.is_empty()
		&& !path.chars().any(|c| c.is_control() || c == '\\')
		&& path
			.split('/')
			.all(|segment| !segment.is_empty() && segment != "." && segment != "..")
}

/// The contribution card (`gongyu.json`): what the bytes say about themselves. Fields other
/// than these are kept and ignored, so later capabilities can add them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
	/// SS58 address of the owner (any network prefix).
	pub owner: String,
	/// `"dataset"` or `"fine-tune"`.
	pub kind: String,
	/// For a fine-tune: the model version it was tuned from.
	pub base_model: Option<u64>,
	/// SPDX license identifier, as registered.
	pub license: String,
	/// The owner's consent in the four CAWG data-mining categories, as registered
	/// (required: a card without it matches no record).
	pub consent: Option<Consent>,
	/// For a dataset: its format, language and data files (required for datasets).
	pub dataset: Option<DatasetSpec>,
	/// For a fine-tune: `"full"` weights or a `"lora"` adapter (required for fine-tunes).
	pub weights: Option<String>,
}

/// Reads a card's `consent` section: each of the four CAWG categories, `allowed`,
/// `notAllowed` or `constrained`.
fn consent_from_json(section: &serde_json::Value) -> Result<Consent, CardError> {
	let level = |name: &str| -> Result<ConsentLevel, CardError> {
		let text = section.get(name).and_then(|v| v.as_str()).ok_or_else(|| {
			CardError(format!(
				"`consent` in {CARD_FILE} has no text field `{name}`"
			))
		})?;
		[
			ConsentLevel::Allowed,
			ConsentLevel::NotAllowed,
			ConsentLevel::Constrained,
		]
		.into_iter()
		.find(|level| level.card_name() == text)
		.ok_or_else(|| {
			CardError(format!(
				"`consent.{name}` in {CARD_FILE} is `{text}`: use allowed, notAllowed or constrained"
			))
		})
	};
	Ok(Consent {
		ai_training: level("ai_training")?,
		ai_generative_training: level("ai_generative_training")?,
		ai_inference: level("ai_inference")?,
		data_mining: level("data_mining")?,
	})
}

/// `consent` as the card writes it: `ai_training=allowed, ...`.
fn describe_consent(consent: &Consent) -> String {
	consent
		.by_card_name()
		.iter()
		.map(|(name, level)| format!("{name}={}", level.card_name()))
		.collect::<Vec<_>>()
		.join(", ")
}

/// Why a card does not match the on-chain record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardError(pub String);

impl fmt::Display for CardError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "card mismatch: {}", self.0)
	}
}

impl Card {
	/// The card of a contribution by `owner` of `kind` under `license` (the toolkit writes
	/// cards; tests build them here).
	#[cfg(test)]
	pub fn new(owner: &AccountId, kind: ContributionKind, license: &str) -> Self {
		let (kind, base_model) = kind_fields(kind);
		Self {
			owner: owner.to_ss58check(),
			kind: kind.to_owned(),
			base_model,
			license: license.to_owned(),
			consent: Some(Consent::all(ConsentLevel::Allowed)),
			dataset: None,
			weights: None,
		}
	}

	/// This card declaring `consent`, or (`None`) none.
	#[cfg(test)]
	pub fn with_consent(self, consent: Option<Consent>) -> Self {
		Self { consent, ..self }
	}

	/// This card declaring its weights as `kind` (a fine-tune's).
	#[cfg(test)]
	pub fn with_weights(self, kind: crate::architecture::WeightsKind) -> Self {
		Self {
			weights: Some(kind.as_str().to_owned()),
			..self
		}
	}

	/// This card with the dataset section `spec`.
	#[cfg(test)]
	pub fn with_dataset(self, spec: DatasetSpec) -> Self {
		Self {
			dataset: Some(spec),
			..self
		}
	}

	/// Parses a card's JSON.
	pub fn parse(bytes: &[u8]) -> Result<Self, CardError> {
		let value: serde_json::Value = serde_json::from_slice(bytes)
			.map_err(|e| CardError(format!("{CARD_FILE} is not JSON: {e}")))?;
		let text = |field: &str| -> Result<String, CardError> {
			value
				.get(field)
				.and_then(|v| v.as_str())
				.map(str::to_owned)
				.ok_or_else(|| CardError(format!("{CARD_FILE} has no text field `{field}`")))
		};
		let base_model = match value.get("base_model") {
			None | Some(serde_json::Value::Null) => None,
			Some(v) => Some(v.as_u64().ok_or_else(|| {
				CardError(format!(
					"`base_model` in {CARD_FILE} is not a model version id"
				))
			})?),
		};
		let dataset = match value.get("dataset") {
			None | Some(serde_json::Value::Null) => None,
			Some(section) => Some(
				DatasetSpec::from_json(section)
					.map_err(|e| CardError(format!("{CARD_FILE}: {e}")))?,
			),
		};
		let weights = match value.get("weights") {
			None | Some(serde_json::Value::Null) => None,
			Some(v) => Some(
				v.as_str()
					.map(str::to_owned)
					.ok_or_else(|| CardError(format!("`weights` in {CARD_FILE} is not text")))?,
			),
		};
		let consent = match value.get("consent") {
			None | Some(serde_json::Value::Null) => None,
			Some(section) => Some(consent_from_json(section)?),
		};
		Ok(Self {
			owner: text("owner")?,
			kind: text("kind")?,
			base_model,
			license: text("license")?,
			consent,
			dataset,
			weights,
		})
	}

	/// The card's JSON, as the toolkit writes it.
	#[cfg(test)]
	pub fn to_json(&self) -> String {
		let mut value = serde_json::json!({
			"owner": self.owner,
			"kind": self.kind,
			"license": self.license,
		});
		if let (Some(base), Some(object)) = (self.base_model, value.as_object_mut()) {
			object.insert("base_model".into(), base.into());
		}
		if let (Some(dataset), Some(object)) = (&self.dataset, value.as_object_mut()) {
			object.insert("dataset".into(), dataset.to_json());
		}
		if let (Some(weights), Some(object)) = (&self.weights, value.as_object_mut()) {
			object.insert("weights".into(), weights.clone().into());
		}
		if let (Some(consent), Some(object)) = (&self.consent, value.as_object_mut()) {
			let section: serde_json::Map<String, serde_json::Value> = consent
				.by_card_name()
				.into_iter()
				.map(|(name, level)| (name.to_owned(), level.card_name().into()))
				.collect();
			object.insert("consent".into(), section.into());
		}
		format!("{value}\n")
	}

	/// Checks the card against the on-chain record: owner (as an account, whatever the
	/// address prefix), kind, base model, license and consent must all agree, a dataset's
	/// card (only a dataset's) must declare its format, language and files, and a
	/// fine-tune's card whether its weights are `full` or a `lora` adapter.
	pub fn check(
		&self,
		owner: &AccountId,
		kind: ContributionKind,
		license: &[u8],
		consent: &Consent,
	) -> Result<(), CardError> {
		let carded = AccountId::from_ss58check_with_version(&self.owner)
			.map(|(account, _)| account)
			.map_err(|_| CardError(format!("owner `{}` is not an SS58 address", self.owner)))?;
		if carded != *owner {
			return Err(CardError(format!(
				"the card names {} as owner, the chain {}",
				self.owner,
				owner.to_ss58check()
			)));
		}
		let (expected_kind, expected_base) = kind_fields(kind);
		if self.kind != expected_kind || self.base_model != expected_base {
			return Err(CardError(format!(
				"the card says {} (base {:?}), the chain {expected_kind} (base {expected_base:?})",
				self.kind, self.base_model
			)));
		}
		if self.license.as_bytes() != license {
			return Err(CardError(format!(
				"the card's license {} differs from the registered {}",
				self.license,
				String::from_utf8_lossy(license)
			)));
		}
		match &self.consent {
			None => {
				return Err(CardError(
					"the card must declare `consent`: ai_training, ai_generative_training, \
					 ai_inference and data_mining, each allowed, notAllowed or constrained"
						.into(),
				))
			}
			Some(carded) if carded != consent => {
				return Err(CardError(format!(
					"the card's consent ({}) differs from the registered ({})",
					describe_consent(carded),
					describe_consent(consent)
				)))
			}
			Some(_) => {}
		}
		match (kind, &self.dataset) {
			(ContributionKind::Dataset, None) => Err(CardError(
				"a dataset's card must declare `dataset`: its format, language and files".into(),
			)),
			(ContributionKind::FineTune { .. }, Some(_)) => Err(CardError(
				"a fine-tune's card has no `dataset` section".into(),
			)),
			(ContributionKind::FineTune { .. }, None) if self.weights_kind().is_none() => Err(
				CardError("a fine-tune's card must declare `weights`: \"full\" or \"lora\"".into()),
			),
			_ => Ok(()),
		}
	}

	/// What a fine-tune's card declares its weights to be, if it names a known kind.
	pub fn weights_kind(&self) -> Option<crate::architecture::WeightsKind> {
		self.weights
			.as_deref()
			.and_then(crate::architecture::WeightsKind::parse)
	}
}

/// The card's `kind` and `base_model` for a contribution kind.
fn kind_fields(kind: ContributionKind) -> (&'static str, Option<u64>) {
	match kind {
		ContributionKind::Dataset => ("dataset", None),
		ContributionKind::FineTune { base } => ("fine-tune", Some(u64::from(base))),
	}
}

/// The content root of a file or directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentRoot {
	/// BLAKE3 of the file's bytes, or of the directory's manifest.
	pub root: [u8; 32],
	/// Total size of the hashed files in bytes.
	pub size: u64,
	/// Number of files hashed.
	pub files: u64,
	/// The manifest, for a directory.
	pub manifest: Option<Manifest>,
}

impl ContentRoot {
	/// The root as `0x`-prefixed hex, the form polkadot.js takes.
	pub fn root_hex(&self) -> String {
		format!("0x{}", hex::encode(self.root))
	}
}

/// Why hashing a local path failed.
#[derive(Debug)]
pub enum HashError {
	/// The path does not exist.
	NotFound(PathBuf),
	/// A file or directory could not be read.
	Unreadable(PathBuf, io::Error),
	/// Symbolic links form a loop.
	SymlinkLoop(PathBuf),
	/// A path below the directory is not valid UTF-8, so it has no manifest form.
	NonUtf8Path(PathBuf),
	/// The path is neither a regular file nor a directory.
	Unsupported(PathBuf),
}

impl fmt::Display for HashError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::NotFound(p) => write!(f, "{}: no such file or directory", p.display()),
			Self::Unreadable(p, e) => write!(
				f,
				"{}: cannot be read ({e}); check its permissions",
				p.display()
			),
			Self::SymlinkLoop(p) => write!(
				f,
				"{}: symbolic links form a loop; remove or fix the link",
				p.display()
			),
			Self::NonUtf8Path(p) => write!(
				f,
				"{}: the path is not valid UTF-8; rename it (manifests list UTF-8 paths)",
				p.display()
			),
			Self::Unsupported(p) => write!(
				f,
				"{}: not a regular file or directory (devices, sockets and pipes cannot be hashed)",
				p.display()
			),
		}
	}
}

impl std::error::Error for HashError {}

/// Hashes the file or directory at `path`, advancing `progress` by the bytes hashed.
pub fn hash_path(path: &Path, progress: &ProgressBar) -> Result<ContentRoot, HashError> {
	let metadata = std::fs::metadata(path).map_err(|e| classify(path, e))?;
	if metadata.is_file() {
		progress.set_length(metadata.len());
		progress.set_message(path.display().to_string());
		let (root, size) = hash_file(path, progress)?;
		Ok(ContentRoot {
			root,
			size,
			files: 1,
			manifest: None,
		})
	} else if metadata.is_dir() {
		hash_directory(path, progress)
	} else {
		Err(HashError::Unsupported(path.to_path_buf()))
	}
}

/// BLAKE3 and size of one file.
pub fn hash_file(path: &Path, progress: &ProgressBar) -> Result<([u8; 32], u64), HashError> {
	let mut hasher = blake3::Hasher::new();
	let size = std::fs::metadata(path)
		.map_err(|e| classify(path, e))?
		.len();
	if size >= PARALLEL_THRESHOLD {
		hasher
			.update_mmap_rayon(path)
			.map_err(|e| classify(path, e))?;
	} else {
		let mut file = std::fs::File::open(path).map_err(|e| classify(path, e))?;
		io::copy(&mut file, &mut hasher).map_err(|e| classify(path, e))?;
	}
	progress.inc(size);
	Ok((*hasher.finalize().as_bytes(), size))
}

/// The manifest root of the directory at `dir` (its top-level [`MANIFEST_FILE`] left out).
pub fn hash_directory(dir: &Path, progress: &ProgressBar) -> Result<ContentRoot, HashError> {
	let mut files = Vec::new();
	for entry in walkdir::WalkDir::new(dir).follow_links(true) {
		let entry = entry.map_err(|e| walk_error(dir, e))?;
		if entry.file_type().is_dir() {
			continue;
		}
		if !entry.file_type().is_file() {
			return Err(HashError::Unsupported(entry.path().to_path_buf()));
		}
		let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
		let mut parts = Vec::new();
		for component in relative.components() {
			let part = component
				.as_os_str()
				.to_str()
				.ok_or_else(|| HashError::NonUtf8Path(entry.path().to_path_buf()))?;
			parts.push(part.to_owned());
		}
		let relative = parts.join("/");
		if relative == MANIFEST_FILE {
			continue;
		}
		let size = entry.metadata().map_err(|e| walk_error(dir, e))?.len();
		files.push((relative, entry.path().to_path_buf(), size));
	}

	let total = files
		.iter()
		.fold(0u64, |sum, (_, _, size)| sum.saturating_add(*size));
	progress.set_length(total);
	let mut entries = Vec::with_capacity(files.len());
	for (relative, path, _) in files {
		progress.set_message(relative.clone());
		let (hash, size) = hash_file(&path, progress)?;
		entries.push(ManifestEntry {
			hash,
			size,
			path: relative,
		});
	}
	let manifest = Manifest::from_entries(entries);
	Ok(ContentRoot {
		root: manifest.root(),
		size: manifest.total_size(),
		files: manifest.entries().len() as u64,
		manifest: Some(manifest),
	})
}

fn classify(path: &Path, error: io::Error) -> HashError {
	match error.kind() {
		io::ErrorKind::NotFound => HashError::NotFound(path.to_path_buf()),
		_ if error.raw_os_error() == Some(40) => HashError::SymlinkLoop(path.to_path_buf()),
		_ => HashError::Unreadable(path.to_path_buf(), error),
	}
}

fn walk_error(dir: &Path, error: walkdir::Error) -> HashError {
	let path = error.path().unwrap_or(dir).to_path_buf();
	if error.loop_ancestor().is_some() {
		return HashError::SymlinkLoop(path);
	}
	match error.into_io_error() {
		Some(io) => classify(&path, io),
		None => HashError::Unreadable(path, io::Error::other("cannot be walked")),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::architecture::WeightsKind;
	use sp_core::crypto::Ss58AddressFormat;

	/// The vectors Rust and JavaScript both check (`tests/vectors/content-roots.json`).
	const VECTORS: &str = include_str!("../../tests/vectors/content-roots.json");

	fn hidden() -> ProgressBar {
		ProgressBar::hidden()
	}

	fn write_tree(root: &Path, files: &[(&str, &str)]) {
		for (path, contents) in files {
			let path = root.join(path);
			std::fs::create_dir_all(path.parent().unwrap()).unwrap();
			std::fs::write(path, contents).unwrap();
		}
	}

	#[test]
	fn shared_vectors_hash_to_their_roots() {
		let vectors: serde_json::Value = serde_json::from_str(VECTORS).unwrap();
		for file in vectors["files"].as_array().unwrap() {
			let dir = tempfile::tempdir().unwrap();
			let path = dir.path().join("f");
			std::fs::write(&path, file["contents"].as_str().unwrap()).unwrap();
			let content = hash_path(&path, &hidden()).unwrap();
			assert_eq!(content.root_hex(), file["root"].as_str().unwrap(), "{file}");
		}
		for directory in vectors["directories"].as_array().unwrap() {
			let dir = tempfile::tempdir().unwrap();
			let files: Vec<(String, String)> = directory["files"]
				.as_object()
				.unwrap()
				.iter()
				.map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
				.collect();
			let borrowed: Vec<(&str, &str)> = files
				.iter()
				.map(|(k, v)| (k.as_str(), v.as_str()))
				.collect();
			write_tree(dir.path(), &borrowed);
			let content = hash_path(dir.path(), &hidden()).unwrap();
			let manifest = content.manifest.as_ref().unwrap().render();
			assert_eq!(
				manifest,
				directory["manifest"].as_str().unwrap(),
				"{directory}"
			);
			assert_eq!(content.root_hex(), directory["root"].as_str().unwrap());
			assert_eq!(content.size, directory["size"].as_u64().unwrap());
			assert_eq!(Manifest::parse(&manifest).unwrap().root(), content.root);
		}
	}

	#[test]
	fn large_file_parallel_path_matches_the_reference() {
		let dir = tempfile::tempdir().unwrap();
		let bytes: Vec<u8> = (0..3 * PARALLEL_THRESHOLD)
			.map(|i| (i % 251) as u8)
			.collect();
		std::fs::write(dir.path().join("big"), &bytes).unwrap();
		let content = hash_path(&dir.path().join("big"), &hidden()).unwrap();
		assert_eq!(content.root, *blake3::hash(&bytes).as_bytes());
		assert_eq!(content.size, bytes.len() as u64);
	}

	#[test]
	fn the_published_manifest_is_not_part_of_the_root() {
		let dir = tempfile::tempdir().unwrap();
		write_tree(dir.path(), &[("a.txt", "abc")]);
		let before = hash_path(dir.path(), &hidden()).unwrap();
		let text = before.manifest.as_ref().unwrap().render();
		std::fs::write(dir.path().join(MANIFEST_FILE), &text).unwrap();
		let after = hash_path(dir.path(), &hidden()).unwrap();
		assert_eq!(before, after);
		// Below the top level the name is an ordinary file.
		write_tree(dir.path(), &[("sub/gongyu-manifest.txt", "x")]);
		assert_eq!(hash_path(dir.path(), &hidden()).unwrap().files, 2);
	}

	#[test]
	fn directory_root_does_not_depend_on_creation_order() {
		let first = tempfile::tempdir().unwrap();
		let second = tempfile::tempdir().unwrap();
		write_tree(
			first.path(),
			&[("x", "x"), ("m/y", "m/y"), ("a/b/c", "a/b/c")],
		);
		write_tree(
			second.path(),
			&[("a/b/c", "a/b/c"), ("x", "x"), ("m/y", "m/y")],
		);
		assert_eq!(
			hash_path(first.path(), &hidden()).unwrap().root,
			hash_path(second.path(), &hidden()).unwrap().root
		);
	}

	#[test]
	fn manifests_that_hash_would_not_write_are_refused() {
		let line = format!("{} 3 a.txt\n", hex::encode([0xab; 32]));
		assert!(Manifest::parse(&line).is_ok());
		for bad in [
			line.trim_end().to_owned(),
			line.replace("a.txt", "../etc/passwd"),
			line.replace("a.txt", "/etc/passwd"),
			line.replace("a.txt", "a//b"),
			line.replace("a.txt", "./a"),
			line.replace("a.txt", MANIFEST_FILE),
			line.replace(" 3 ", " 03 "),
			line.replace(" 3 ", " -3 "),
			line.replacen("ab", "aG", 1),
			line.to_uppercase(),
			format!("{line}{line}"),
			format!("{}{line}", line.replace("a.txt", "b.txt")),
		] {
			assert!(Manifest::parse(&bad).is_err(), "accepted {bad:?}");
		}
	}

	#[test]
	fn missing_path_and_symlink_loop_are_named_errors() {
		let dir = tempfile::tempdir().unwrap();
		let missing = hash_path(&dir.path().join("nope"), &hidden()).unwrap_err();
		assert!(matches!(missing, HashError::NotFound(_)), "{missing}");

		std::fs::create_dir(dir.path().join("d")).unwrap();
		std::os::unix::fs::symlink(dir.path().join("d"), dir.path().join("d/loop")).unwrap();
		let looped = hash_path(&dir.path().join("d"), &hidden()).unwrap_err();
		assert!(matches!(looped, HashError::SymlinkLoop(_)), "{looped}");
	}

	fn alice() -> AccountId {
		sp_keyring::Sr25519Keyring::Alice.to_account_id()
	}

	/// Consent to every use: what [`Card::new`] declares.
	fn allowed() -> Consent {
		Consent::all(ConsentLevel::Allowed)
	}

	fn pairs_spec() -> DatasetSpec {
		DatasetSpec::from_json(&serde_json::json!({
			"format": "tsv", "fields": ["ko", "en"], "language": "ko-en", "files": ["pairs.tsv"]
		}))
		.unwrap()
	}

	#[test]
	fn a_card_matches_its_record_under_any_address_prefix() {
		let card =
			Card::new(&alice(), ContributionKind::Dataset, "CC-BY-4.0").with_dataset(pairs_spec());
		let parsed = Card::parse(card.to_json().as_bytes()).unwrap();
		assert_eq!(parsed, card);
		assert!(parsed
			.check(
				&alice(),
				ContributionKind::Dataset,
				b"CC-BY-4.0",
				&allowed()
			)
			.is_ok());
		let kusama = Card {
			owner: alice().to_ss58check_with_version(Ss58AddressFormat::custom(2)),
			..card
		};
		assert!(kusama
			.check(
				&alice(),
				ContributionKind::Dataset,
				b"CC-BY-4.0",
				&allowed()
			)
			.is_ok());
	}

	#[test]
	fn a_card_naming_another_owner_kind_base_or_license_does_not_match() {
		let bob = sp_keyring::Sr25519Keyring::Bob.to_account_id();
		let card = Card::new(&alice(), ContributionKind::FineTune { base: 0 }, "MIT")
			.with_weights(WeightsKind::Lora);
		let tune = ContributionKind::FineTune { base: 0 };
		assert!(card.check(&alice(), tune, b"MIT", &allowed()).is_ok());
		assert!(card.check(&bob, tune, b"MIT", &allowed()).is_err());
		assert!(card
			.check(&alice(), ContributionKind::Dataset, b"MIT", &allowed())
			.is_err());
		assert!(card
			.check(
				&alice(),
				ContributionKind::FineTune { base: 1 },
				b"MIT",
				&allowed()
			)
			.is_err());
		assert!(card
			.check(&alice(), tune, b"Apache-2.0", &allowed())
			.is_err());
		let garbage = Card {
			owner: "not-an-address".into(),
			..card
		};
		assert!(garbage.check(&alice(), tune, b"MIT", &allowed()).is_err());
	}

	#[test]
	fn a_dataset_card_must_declare_its_format_and_only_a_dataset_card_may() {
		let bare = Card::new(&alice(), ContributionKind::Dataset, "MIT");
		let error = bare
			.check(&alice(), ContributionKind::Dataset, b"MIT", &allowed())
			.unwrap_err();
		assert!(error.0.contains("must declare `dataset`"), "{error}");
		let tune = Card::new(&alice(), ContributionKind::FineTune { base: 0 }, "MIT")
			.with_dataset(pairs_spec());
		assert!(tune
			.check(
				&alice(),
				ContributionKind::FineTune { base: 0 },
				b"MIT",
				&allowed()
			)
			.is_err());
		let bad = br#"{"owner":"x","kind":"dataset","license":"MIT","dataset":{"format":"csv"}}"#;
		let error = Card::parse(bad).unwrap_err();
		assert!(error.0.contains("`format` must be"), "{error}");
		assert!(Card::parse(b"{\"owner\": 1}").is_err());
		assert!(Card::parse(b"\x7fELF").is_err());
	}

	#[test]
	fn a_fine_tune_card_must_say_whether_its_weights_are_full_or_an_adapter() {
		let tune = ContributionKind::FineTune { base: 0 };
		let bare = Card::new(&alice(), tune, "MIT");
		let error = bare.check(&alice(), tune, b"MIT", &allowed()).unwrap_err();
		assert!(error.0.contains("must declare `weights`"), "{error}");
		let full = bare.clone().with_weights(WeightsKind::Full);
		let parsed = Card::parse(full.to_json().as_bytes()).unwrap();
		assert_eq!(parsed.weights_kind(), Some(WeightsKind::Full));
		assert!(parsed.check(&alice(), tune, b"MIT", &allowed()).is_ok());
		let unknown = Card {
			weights: Some("qlora-8bit".into()),
			..bare
		};
		assert!(unknown.check(&alice(), tune, b"MIT", &allowed()).is_err());
	}

	#[test]
	fn later_card_fields_are_ignored() {
		let json = format!(
			"{{\"owner\":\"{}\",\"kind\":\"fine-tune\",\"base_model\":0,\"license\":\"MIT\",\"weights\":\"full\",\"provenance\":\"x\",\"consent\":{{\"ai_training\":\"allowed\",\"ai_generative_training\":\"allowed\",\"ai_inference\":\"allowed\",\"data_mining\":\"allowed\",\"cawg.extra\":1}}}}",
			alice().to_ss58check()
		);
		let card = Card::parse(json.as_bytes()).unwrap();
		assert!(card
			.check(
				&alice(),
				ContributionKind::FineTune { base: 0 },
				b"MIT",
				&allowed()
			)
			.is_ok());
	}

	#[test]
	fn a_card_must_declare_the_consent_the_chain_registered() {
		let tune = ContributionKind::FineTune { base: 0 };
		let mixed = Consent {
			ai_training: ConsentLevel::Allowed,
			ai_generative_training: ConsentLevel::Constrained,
			ai_inference: ConsentLevel::NotAllowed,
			data_mining: ConsentLevel::Allowed,
		};
		let card = Card::new(&alice(), tune, "MIT")
			.with_weights(WeightsKind::Full)
			.with_consent(Some(mixed));
		let parsed = Card::parse(card.to_json().as_bytes()).unwrap();
		assert_eq!(parsed.consent, Some(mixed));
		assert!(parsed.check(&alice(), tune, b"MIT", &mixed).is_ok());
		// Attack: bytes published as "no AI training" registered on chain as allowing it
		// (or the reverse) do not match.
		let error = parsed
			.check(&alice(), tune, b"MIT", &allowed())
			.unwrap_err();
		assert!(
			error.0.contains("ai_generative_training=constrained"),
			"{error}"
		);
		// A card that declares no consent matches no record.
		let silent = card.with_consent(None);
		let error = silent.check(&alice(), tune, b"MIT", &mixed).unwrap_err();
		assert!(error.0.contains("must declare `consent`"), "{error}");
	}

	#[test]
	fn a_consent_section_names_all_four_categories_with_known_levels() {
		let owner = alice().to_ss58check();
		for (section, complaint) in [
			(
				r#"{"ai_training":"allowed"}"#,
				"no text field `ai_generative_training`",
			),
			(
				r#"{"ai_training":"yes","ai_generative_training":"allowed","ai_inference":"allowed","data_mining":"allowed"}"#,
				"`consent.ai_training` in gongyu.json is `yes`",
			),
			(
				r#"{"ai_training":"Allowed","ai_generative_training":"allowed","ai_inference":"allowed","data_mining":"allowed"}"#,
				"is `Allowed`",
			),
		] {
			let json = format!(
				r#"{{"owner":"{owner}","kind":"dataset","license":"MIT","consent":{section}}}"#
			);
			let error = Card::parse(json.as_bytes()).unwrap_err();
			assert!(error.0.contains(complaint), "{error}");
		}
	}
}
