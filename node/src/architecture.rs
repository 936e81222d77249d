//! The architecture of model weights: what a model version's fingerprint commits to, and
//! how a fine-tune's weights must fit its base.
//!
//! Weights are [safetensors](https://huggingface.co/docs/safetensors) files: an 8-byte
//! little-endian header length, a JSON header naming every tensor with its dtype, shape and
//! data offsets, then the data. The header is parsed and validated by the `safetensors`
//! crate; only the header is read, so a base model's architecture costs its headers, not
//! its gigabytes.
//!
//! - **Architecture:** every tensor of every `.safetensors` file of a directory, by name
//!   (a name in two files is an error), with its dtype and shape.
//! - **Fingerprint:** the BLAKE3 of one line per tensor, sorted by name (bytewise), each the
//!   JSON array `["<name>","<dtype>",[<dims>]]` followed by `\n`. Dtypes are the
//!   safetensors names (`F32`, `BF16`, ...). `gongyu-node fingerprint <dir>` prints it; a
//!   model version records it on chain.
//! - **Full weights** fit their base when the fingerprints are equal.
//! - **An adapter (LoRA)** fits its base when every tensor is a factor of a base module
//!   (PEFT's names: `base_model.model.<module>.lora_A.weight`, shape `[r, in]`, and
//!   `...lora_B.weight`, shape `[out, r]`, for a base tensor `<module>.weight` of shape
//!   `[out, in]`), both factors of a module are present with one floating dtype, and the
//!   rank `r` is at least 1 and at most half the smaller side of the module.

use std::{collections::BTreeMap, fmt, path::Path};

use safetensors::tensor::Metadata;

/// The extension of weights files.
pub const WEIGHTS_EXTENSION: &str = ".safetensors";

/// The largest safetensors header read, in bytes (the format allows 100 MB; real headers
/// of large models are a few hundred kilobytes).
pub const MAX_HEADER_BYTES: u64 = 16 << 20;

/// The largest other file a fine-tune's directory may hold besides its weights: a JSON
/// configuration or tokenizer file, not bytes that earn as weights.
pub const MAX_SIDE_FILE_BYTES: u64 = 8 << 20;

/// What PEFT puts before a module's name in an adapter's tensor names.
const ADAPTER_PREFIX: &str = "base_model.model.";

/// Whether `path` names a weights file.
pub fn is_weights_file(path: &str) -> bool {
	path.ends_with(WEIGHTS_EXTENSION)
}

/// Whether a file other than weights and the card may be part of a fine-tune: a JSON file
/// of at most [`MAX_SIDE_FILE_BYTES`].
pub fn is_allowed_side_file(path: &str, size: u64) -> bool {
	path.ends_with(".json") && size <= MAX_SIDE_FILE_BYTES
}

/// What a fine-tune's card declares its weights to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightsKind {
	/// Every weight of the base, changed: the same architecture.
	Full,
	/// A low-rank adapter (LoRA) of the base's modules.
	Lora,
}

impl WeightsKind {
	/// The card's word for it (`"full"` or `"lora"`).
	pub fn as_str(self) -> &'static str {
		match self {
			Self::Full => "full",
			Self::Lora => "lora",
		}
	}

	/// The kind a card's word names.
	pub fn parse(word: &str) -> Option<Self> {
		match word {
			"full" => Some(Self::Full),
			"lora" => Some(Self::Lora),
			_ => None,
		}
	}
}

/// One tensor's dtype and shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorSpec {
	/// The safetensors dtype name (`F32`, `BF16`, ...).
	pub dtype: String,
	/// The dimensions.
	pub shape: Vec<u64>,
}

/// Why weights have no architecture, or do not fit their base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchitectureError(pub String);

impl fmt::Display for ArchitectureError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.0)
	}
}

/// Every tensor of a set of weights files, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Architecture {
	tensors: BTreeMap<String, TensorSpec>,
}

impl Architecture {
	/// Adds the tensors of the weights file `path` of `file_size` bytes, whose header
	/// (length prefix included) is `header`.
	pub fn add_file(
		&mut self,
		path: &str,
		header: &[u8],
		file_size: u64,
	) -> Result<(), ArchitectureError> {
		let bad = |why: String| ArchitectureError(format!("{path}: {why}"));
		let (length, json) = split_header(header).ok_or_else(|| {
			bad("not a safetensors file (no complete header at its start)".into())
		})?;
		let metadata: Metadata = serde_json::from_slice(json)
			.map_err(|e| bad(format!("invalid safetensors header: {e}")))?;
		let expected = 8u64
			.saturating_add(length)
			.saturating_add(metadata.data_len() as u64);
		if expected != file_size {
			return Err(bad(format!(
				"the header describes {expected} bytes, the file has {file_size}"
			)));
		}
		for (name, info) in metadata.tensors() {
			let spec = TensorSpec {
				dtype: format!("{:?}", info.dtype),
				shape: info.shape.iter().map(|d| *d as u64).collect(),
			};
			if self.tensors.insert(name.clone(), spec).is_some() {
				return Err(bad(format!("tensor {name} is also in another file")));
			}
		}
		Ok(())
	}

	/// The architecture of the weights files below `dir` (read from disk).
	pub fn of_directory(dir: &Path) -> Result<Self, ArchitectureError> {
		let mut architecture = Self::default();
		let mut files: Vec<_> = walkdir::WalkDir::new(dir)
			.follow_links(true)
			.into_iter()
			.collect::<Result<Vec<_>, _>>()
			.map_err(|e| ArchitectureError(format!("{}: {e}", dir.display())))?
			.into_iter()
			.filter(|entry| entry.file_type().is_file())
			.filter(|entry| is_weights_file(&entry.file_name().to_string_lossy()))
			.collect();
		files.sort_by(|a, b| a.path().cmp(b.path()));
		for entry in files {
			let path = entry.path();
			let header = read_header_of(path)?;
			let size = entry
				.metadata()
				.map_err(|e| ArchitectureError(format!("{}: {e}", path.display())))?
				.len();
			architecture.add_file(&path.display().to_string(), &header, size)?;
		}
		if architecture.is_empty() {
			return Err(ArchitectureError(format!(
				"{} holds no {WEIGHTS_EXTENSION} file",
				dir.display()
			)));
		}
		Ok(architecture)
	}

	/// Whether no tensor was added.
	pub fn is_empty(&self) -> bool {
		self.tensors.is_empty()
	}

	/// How many tensors there are.
	pub fn len(&self) -> usize {
		self.tensors.len()
	}

	/// The fingerprint (see the module documentation).
	pub fn fingerprint(&self) -> [u8; 32] {
		let mut hasher = blake3::Hasher::new();
		for (name, spec) in &self.tensors {
			let line = serde_json::json!([name, spec.dtype, spec.shape]);
			hasher.update(line.to_string().as_bytes());
			hasher.update(b"\n");
		}
		*hasher.finalize().as_bytes()
	}

	/// Whether full weights of this architecture fit `base`: the same fingerprint.
	pub fn check_full(&self, base: &Architecture) -> Result<(), ArchitectureError> {
		if self.is_empty() {
			return Err(ArchitectureError("the fine-tune holds no weights".into()));
		}
		if self.fingerprint() == base.fingerprint() {
			return Ok(());
		}
		let differing = self
			.tensors
			.iter()
			.find(|(name, spec)| base.tensors.get(*name) != Some(*spec))
			.map(|(name, _)| name.clone())
			.or_else(|| {
				base.tensors
					.keys()
					.find(|name| !self.tensors.contains_key(*name))
					.cloned()
			})
			.unwrap_or_default();
		Err(ArchitectureError(format!(
			"the weights' architecture differs from the base's (first at tensor {differing})"
		)))
	}

	/// Whether this architecture is a LoRA adapter of `base` (see the module documentation).
	pub fn check_adapter(&self, base: &Architecture) -> Result<(), ArchitectureError> {
		let bad = |why: String| Err(ArchitectureError(why));
		if self.is_empty() {
			return bad("the adapter holds no tensors".into());
		}
		let mut modules: BTreeMap<&str, (Option<&TensorSpec>, Option<&TensorSpec>)> =
			BTreeMap::new();
		for (name, spec) in &self.tensors {
			let stripped = name.strip_prefix(ADAPTER_PREFIX).unwrap_or(name);
			if let Some(module) = stripped.strip_suffix(".lora_A.weight") {
				modules.entry(module).or_default().0 = Some(spec);
			} else if let Some(module) = stripped.strip_suffix(".lora_B.weight") {
				modules.entry(module).or_default().1 = Some(spec);
			} else {
				return bad(format!(
					"tensor {name} is not a LoRA factor (lora_A or lora_B)"
				));
			}
		}
		for (module, factors) in modules {
			let (Some(a), Some(b)) = factors else {
				return bad(format!("module {module} lacks one of its two LoRA factors"));
			};
			let Some(target) = base.tensors.get(&format!("{module}.weight")) else {
				return bad(format!("the base has no module {module}"));
			};
			let ([out, inner], [rank, a_in], [b_out, b_rank]) =
				(&target.shape[..], &a.shape[..], &b.shape[..])
			else {
				return bad(format!(
					"module {module}: the base's weight and both factors must be matrices"
				));
			};
			if a_in != inner || b_out != out || b_rank != rank {
				return bad(format!(
					"module {module}: factors {:?} and {:?} do not fit the base's {:?}",
					a.shape, b.shape, target.shape
				));
			}
			if *rank == 0 || rank.saturating_mul(2) > (*out).min(*inner) {
				return bad(format!(
					"module {module}: rank {rank} is not low (at most half of {})",
					(*out).min(*inner)
				));
			}
			if a.dtype != b.dtype || !matches!(a.dtype.as_str(), "F16" | "BF16" | "F32" | "F64") {
				return bad(format!(
					"module {module}: the factors must share one floating dtype ({} and {})",
					a.dtype, b.dtype
				));
			}
		}
		Ok(())
	}
}

/// The header length and JSON of a complete header prefix.
fn split_header(bytes: &[u8]) -> Option<(u64, &[u8])> {
	let length = u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?);
	let end = usize::try_from(length.checked_add(8)?).ok()?;
	Some((length, bytes.get(8..end)?))
}

/// Reads the header of the weights file at `path`.
fn read_header_of(path: &Path) -> Result<Vec<u8>, ArchitectureError> {
	use std::io::Read;
	let failed = |e: std::io::Error| ArchitectureError(format!("{}: {e}", path.display()));
	let mut file = std::fs::File::open(path).map_err(failed)?;
	let mut collector = HeaderCollector::default();
	let mut buffer = vec![0u8; 64 * 1024];
	while !collector.is_done() {
		let read = file.read(&mut buffer).map_err(failed)?;
		if read == 0 {
			break;
		}
		collector.update(buffer.get(..read).unwrap_or_default());
	}
	collector
		.into_header()
		.map_err(|why| ArchitectureError(format!("{}: {why}", path.display())))
}

/// Collects the header at the start of a weights file from its bytes as they stream by.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeaderCollector {
	bytes: Vec<u8>,
	wanted: Option<u64>,
	too_large: bool,
}

impl HeaderCollector {
	/// Takes the next bytes of the file.
	pub fn update(&mut self, mut chunk: &[u8]) {
		while !self.is_done() && !chunk.is_empty() {
			let wanted = self.wanted.unwrap_or(8);
			let missing = wanted.saturating_sub(self.bytes.len() as u64);
			let take = usize::try_from(missing)
				.unwrap_or(usize::MAX)
				.min(chunk.len());
			let (head, rest) = chunk.split_at(take);
			self.bytes.extend_from_slice(head);
			chunk = rest;
			if self.wanted.is_none() && self.bytes.len() == 8 {
				let length = split_length(&self.bytes);
				if length > MAX_HEADER_BYTES {
					self.too_large = true;
				} else {
					self.wanted = Some(length.saturating_add(8));
				}
			}
		}
	}

	/// Whether the header is complete (or cannot be).
	pub fn is_done(&self) -> bool {
		self.too_large || self.wanted.is_some_and(|w| self.bytes.len() as u64 >= w)
	}

	/// The header, length prefix included.
	pub fn into_header(self) -> Result<Vec<u8>, String> {
		if self.too_large {
			return Err(format!(
				"the safetensors header is larger than {MAX_HEADER_BYTES} bytes"
			));
		}
		if !self.is_done() {
			return Err("the file ends inside its safetensors header".into());
		}
		Ok(self.bytes)
	}
}

fn split_length(bytes: &[u8]) -> u64 {
	bytes
		.get(..8)
		.and_then(|b| b.try_into().ok())
		.map(u64::from_le_bytes)
		.unwrap_or(u64::MAX)
}

#[cfg(test)]
pub(crate) mod tests;
