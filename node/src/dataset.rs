//! What a dataset declares and what its records are worth: the card's `dataset` section and
//! the record counts every verifier computes, identically, from the files it names.
//!
//! A card declares `format` (`lines`, `tsv` or `jsonl`), `fields` (the TSV columns or JSON
//! fields, in order), `language` (`ko`, `en` or `ko-en`) and `files` (the data files, as
//! manifest paths). [`Measurer`] reads those files as they stream past the hasher and counts:
//!
//! - **records**: lines that hold anything but whitespace (a line ends at `\n`; a `\r`
//!   before it is dropped);
//! - **valid**: records that parse in the format, with every field non-empty after
//!   normalisation. `lines`: the line is the one field. `tsv`: exactly one tab-separated
//!   value per declared column. `jsonl`: a JSON object with a string for each declared
//!   field (other fields are ignored). Records longer than [`MAX_RECORD_BYTES`] are invalid;
//! - **duplicates**: valid records whose normalised fields equal an earlier valid record's
//!   (across all files). Normalisation: Unicode NFC, controls and default-ignorable code
//!   points (zero-width characters, Hangul fillers, ...) dropped, runs of whitespace to one
//!   space, no leading or trailing space, each character in lower case (scripts without case
//!   keep theirs);
//! - **in_language**: valid, non-duplicate records in the declared language, judged by
//!   script over the letters (`char::is_alphabetic`) of the normalised fields, so that
//!   copies of a record are judged alike: a text is Korean when more than half its
//!   letters are Hangul, English when more than half are Latin. `ko` and `en` judge all
//!   fields together; `ko-en` needs one field in Korean and another in English;
//! - **useful_bytes**: the bytes of the in-language records' normalised fields, the field
//!   separators not counted, and at most the bytes of the data files. Whitespace, the
//!   format's syntax (tabs, JSON quotes and keys) and JSON fields the card does not declare
//!   earn nothing, and every copy of a record is worth the same bytes, so which copy comes
//!   first changes nothing.
//!
//! - **sketch**: the one-permutation MinHash sketch of the unique, in-language records' keys
//!   that `pallet_contributions::novelty` defines (`sketch_slot`, `densify`). A record's key
//!   is the 128-bit XXH3 hash of its normalised fields, each followed by U+001F. The key
//!   need not resist collisions: two records that collide count as one, which can only make
//!   the dataset holding them look smaller or less new. The sketch does not depend on the
//!   order of records or on how they are split into files.
//!
//! The runtime turns counts into a score and rewarded bytes (`pallet_contributions::quality`)
//! and the sketch into novelty against earlier datasets (`pallet_contributions::novelty`).
//! A named file that is not UTF-8, or a dataset without one valid record, is not a dataset
//! in its declared format: verifiers attest `BadFormat`.
//!
//! The files are cut into blocks of whole lines, measured on every core, and each block's
//! unique records go into one table sharded by key ([`Measurer`]); the result is the one a
//! single pass over the lines gives, whichever block finishes first
//! (`blocks_measured_in_parallel_give_exactly_what_one_pass_gives`), and
//! `scripts/bench-scoring.sh` measures its speed against hashing.

use std::{
	collections::HashSet,
	fmt,
	sync::{mpsc, Arc, Mutex},
};

use pallet_contributions::{
	novelty::{self, SketchBins, EMPTY_BIN, SKETCH_SIZE},
	RecordCounts, Sketch,
};
use serde_json::{Map, Value};
use unicode_normalization::UnicodeNormalization;
use unique::{ByShard, Entry, UniqueRecords};

mod plain;
mod unique;

/// Records longer than this many bytes are invalid (their bytes are skipped, not kept).
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// Most fields a TSV or JSONL record may declare.
pub const MAX_FIELDS: usize = 16;

/// How the records of a dataset's files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
	/// One text per line.
	Lines,
	/// Tab-separated values, one column per declared field, no header line.
	Tsv,
	/// One JSON object per line, with a string for each declared field.
	Jsonl,
}

/// The language a dataset's records are in, judged by script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
	/// Korean: mostly Hangul.
	Korean,
	/// English: mostly Latin letters.
	English,
	/// Korean-English pairs: one field Korean, another English.
	KoreanEnglish,
}

/// The `dataset` section of a contribution card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetSpec {
	/// How records are written.
	pub format: Format,
	/// Column or field names, in order (one implicit field for `lines`).
	pub fields: Vec<String>,
	/// The language of the records.
	pub language: Language,
	/// The data files, as manifest paths.
	pub files: Vec<String>,
}

/// Why a card's `dataset` section is not one verifiers can measure by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError(pub String);

impl fmt::Display for SpecError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}", self.0)
	}
}

impl Format {
	/// The format named `name` in a card.
	pub fn parse(name: &str) -> Option<Self> {
		match name {
			"lines" => Some(Self::Lines),
			"tsv" => Some(Self::Tsv),
			"jsonl" => Some(Self::Jsonl),
			_ => None,
		}
	}

	/// Its name in a card.
	pub fn name(self) -> &'static str {
		match self {
			Self::Lines => "lines",
			Self::Tsv => "tsv",
			Self::Jsonl => "jsonl",
		}
	}
}

impl Language {
	/// The language named `code` in a card.
	pub fn parse(code: &str) -> Option<Self> {
		match code {
			"ko" => Some(Self::Korean),
			"en" => Some(Self::English),
			"ko-en" => Some(Self::KoreanEnglish),
			_ => None,
		}
	}

	/// Its code in a card.
	#[cfg(test)]
	pub fn code(self) -> &'static str {
		match self {
			Self::Korean => "ko",
			Self::English => "en",
			Self::KoreanEnglish => "ko-en",
		}
	}
}

impl DatasetSpec {
	/// Reads a card's `dataset` object.
	pub fn from_json(value: &Value) -> Result<Self, SpecError> {
		let bad = |what: &str| SpecError(format!("dataset: {what}"));
		let object = value.as_object().ok_or_else(|| bad("not a JSON object"))?;
		let text = |field: &str| object.get(field).and_then(Value::as_str);
		let format = text("format")
			.and_then(Format::parse)
			.ok_or_else(|| bad("`format` must be \"lines\", \"tsv\" or \"jsonl\""))?;
		let language = text("language")
			.and_then(Language::parse)
			.ok_or_else(|| bad("`language` must be \"ko\", \"en\" or \"ko-en\""))?;
		let strings = |field: &str| -> Result<Vec<String>, SpecError> {
			match object.get(field) {
				None => Ok(Vec::new()),
				Some(Value::Array(items)) => items
					.iter()
					.map(|item| item.as_str().map(str::to_owned))
					.collect::<Option<Vec<_>>>()
					.ok_or_else(|| bad(&format!("`{field}` must be a list of strings"))),
				Some(_) => Err(bad(&format!("`{field}` must be a list of strings"))),
			}
		};
		let spec = Self {
			format,
			fields: strings("fields")?,
			language,
			files: strings("files")?,
		};
		spec.validate()?;
		Ok(spec)
	}

	/// The `dataset` object of a card (the toolkit writes cards; tests build them here).
	#[cfg(test)]
	pub fn to_json(&self) -> Value {
		let mut object = Map::new();
		object.insert("format".into(), self.format.name().into());
		if self.format != Format::Lines {
			object.insert("fields".into(), self.fields.clone().into());
		}
		object.insert("language".into(), self.language.code().into());
		object.insert("files".into(), self.files.clone().into());
		Value::Object(object)
	}

	/// Whether the section is complete and consistent.
	pub fn validate(&self) -> Result<(), SpecError> {
		let bad = |what: &str| Err(SpecError(format!("dataset: {what}")));
		if self.files.is_empty() {
			return bad("`files` names no data file");
		}
		let unique: HashSet<&String> = self.files.iter().collect();
		if unique.len() != self.files.len() {
			return bad("`files` names a file twice");
		}
		match self.format {
			Format::Lines if !self.fields.is_empty() => {
				return bad("`lines` records have no named fields")
			}
			Format::Tsv | Format::Jsonl if self.fields.is_empty() => {
				return bad("`tsv` and `jsonl` need `fields`")
			}
			_ => {}
		}
		if self.fields.len() > MAX_FIELDS {
			return bad(&format!("more than {MAX_FIELDS} fields"));
		}
		if self.fields.iter().any(|f| f.is_empty() || f.contains('\t')) {
			return bad("a field name is empty or holds a tab");
		}
		if self.language == Language::KoreanEnglish && self.fields.len() < 2 {
			return bad("`ko-en` pairs need at least two fields");
		}
		Ok(())
	}
}

/// Why a dataset's files are not records in its declared format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl fmt::Display for FormatError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "{}", self.0)
	}
}

/// Bytes of whole lines the measurer hands to a worker at a time.
const BLOCK_BYTES: usize = 4 << 20;

/// Blocks handed to workers and not back yet, at most: a few per core, so that reading
/// waits for the workers rather than filling memory.
fn max_in_flight() -> u64 {
	rayon::current_num_threads().saturating_mul(2).max(2) as u64
}

/// A block's tally as a worker sends it back: the block's number, its file, the tally.
type Done = (u64, usize, Tally);

/// Counts a dataset's records as its files stream past (see the module documentation).
///
/// The bytes are cut into blocks of whole lines; workers (rayon's pool) parse, normalise,
/// key and sketch blocks ([`tally`]) while the next bytes arrive, and add their unique
/// records to one table ([`unique::UniqueRecords`]). A record's worth depends on its
/// normalised fields only, so the totals do not depend on the order in which blocks finish:
/// they are what one pass over the records gives.
pub struct Measurer {
	spec: Arc<DatasetSpec>,
	unique: Arc<UniqueRecords>,
	/// Records and valid records of the blocks back so far, with the records too long to
	/// keep.
	records: u64,
	valid: u64,
	/// Bytes of the data files taken so far: no dataset is worth more useful bytes.
	data_bytes: u64,
	bins: SketchBins,
	/// Whole lines, then the start of a line still to come (from `line_start`).
	block: Vec<u8>,
	line_start: usize,
	/// Inside a line longer than [`MAX_RECORD_BYTES`]: its bytes are skipped, not kept.
	skipping: bool,
	block_bytes: usize,
	/// Where workers send tallies back.
	done_sender: mpsc::Sender<Done>,
	done: mpsc::Receiver<Done>,
	/// Blocks handed out, and back, so far.
	sent: u64,
	received: u64,
	/// Blocks the workers are done with, emptied, to fill again: no allocation, and no fresh
	/// pages to fault in, per block.
	spare: Arc<Mutex<Vec<Vec<u8>>>>,
	files: Vec<String>,
	/// The first block holding a line that is not text, and its file. Blocks are handed out
	/// in order and none after it, so every block before it is counted in.
	not_text: Option<(u64, usize)>,
}

impl Measurer {
	/// A measurer for a dataset declared by `spec`.
	pub fn new(spec: DatasetSpec) -> Self {
		Self::with_block_bytes(spec, BLOCK_BYTES)
	}

	/// A measurer that hands `block_bytes` of lines to a worker at a time.
	fn with_block_bytes(spec: DatasetSpec, block_bytes: usize) -> Self {
		let (done_sender, done) = mpsc::channel();
		Self {
			spec: Arc::new(spec),
			unique: Arc::default(),
			records: 0,
			valid: 0,
			data_bytes: 0,
			bins: [EMPTY_BIN; SKETCH_SIZE],
			block: Vec::new(),
			line_start: 0,
			skipping: false,
			block_bytes,
			done_sender,
			done,
			sent: 0,
			received: 0,
			spare: Arc::default(),
			files: Vec::new(),
			not_text: None,
		}
	}

	/// Whether the card names `path` as a data file.
	pub fn measures(&self, path: &str) -> bool {
		self.spec.files.iter().any(|f| f == path)
	}

	/// Bytes of the data files taken so far.
	pub fn data_bytes(&self) -> u64 {
		self.data_bytes
	}

	/// Starts the data file `path`.
	pub fn start_file(&mut self, path: &str) {
		self.files.push(path.to_owned());
		self.block.clear();
		self.line_start = 0;
		self.skipping = false;
	}

	/// Takes the next bytes of the current file.
	pub fn update(&mut self, mut chunk: &[u8]) {
		if self.not_text.is_some() {
			return;
		}
		self.data_bytes = self.data_bytes.saturating_add(chunk.len() as u64);
		if self.skipping {
			let Some(end) = memchr::memchr(b'\n', chunk) else {
				return;
			};
			self.skipping = false;
			chunk = chunk.get(end.saturating_add(1)..).unwrap_or_default();
		}
		let start = self.block.len();
		self.block.extend_from_slice(chunk);
		if let Some(end) = memchr::memrchr(b'\n', chunk) {
			self.line_start = start.saturating_add(end).saturating_add(1);
		}
		if self.block.len().saturating_sub(self.line_start) > MAX_RECORD_BYTES {
			// A record too long to keep: it counts as an invalid record, and the rest of
			// its line is skipped.
			self.records = self.records.saturating_add(1);
			self.block.truncate(self.line_start);
			self.skipping = true;
		}
		if self.block.len() >= self.block_bytes && self.line_start > 0 {
			let mut next = self.spare_block();
			next.extend_from_slice(self.block.get(self.line_start..).unwrap_or_default());
			self.block.truncate(self.line_start);
			let whole_lines = std::mem::replace(&mut self.block, next);
			self.line_start = 0;
			self.queue(whole_lines);
		}
	}

	/// Ends the current file (its last line needs no line ending).
	pub fn finish_file(&mut self) {
		self.skipping = false;
		self.line_start = 0;
		let next = self.spare_block();
		let lines = std::mem::replace(&mut self.block, next);
		if !lines.is_empty() {
			self.queue(lines);
		}
	}

	/// The counts, or why the files are not a dataset in the declared format.
	pub fn finish(mut self) -> Result<Measurement, FormatError> {
		self.collect(true);
		if let Some((_, file)) = self.not_text {
			let name = self.files.get(file).cloned().unwrap_or_default();
			return Err(FormatError(format!("{name} is not UTF-8 text")));
		}
		if self.valid == 0 {
			return Err(FormatError(format!(
				"no record is valid {} with fields {:?}",
				self.spec.format.name(),
				self.spec.fields
			)));
		}
		let totals = self.unique.totals();
		Ok(Measurement {
			counts: RecordCounts {
				records: self.records,
				valid: self.valid,
				duplicates: self.valid.saturating_sub(totals.unique),
				in_language: totals.in_language,
				useful_bytes: totals.useful_bytes.min(self.data_bytes),
			},
			sketch: novelty::densify(&self.bins),
		})
	}

	/// Hands a block of whole lines to a worker, then takes what came back.
	fn queue(&mut self, lines: Vec<u8>) {
		if self.not_text.is_some() {
			return;
		}
		let file = self.files.len().saturating_sub(1);
		let number = self.sent;
		self.sent = self.sent.saturating_add(1);
		let (spec, sender) = (Arc::clone(&self.spec), self.done_sender.clone());
		let (unique, spare) = (Arc::clone(&self.unique), Arc::clone(&self.spare));
		rayon::spawn(move || {
			let mut lines = lines;
			let (tally, records) = tally(&spec, &lines);
			if !tally.not_text {
				unique.add(&records);
			}
			lines.clear();
			if let Ok(mut spare) = spare.lock() {
				spare.push(lines);
			}
			// The measurer may be gone (a file failed its hash): nobody to tell then.
			let _ = sender.send((number, file, tally));
		});
		self.collect(false);
	}

	/// An empty block to fill: one the workers are done with, or a new one.
	fn spare_block(&mut self) -> Vec<u8> {
		let reused = self.spare.lock().ok().and_then(|mut spare| spare.pop());
		reused.unwrap_or_else(|| Vec::with_capacity(self.block_bytes.saturating_mul(2)))
	}

	/// Takes the tallies that came back; waits for more while too many blocks are out, or
	/// until every block is back when `all`.
	fn collect(&mut self, all: bool) {
		loop {
			while let Ok(done) = self.done.try_recv() {
				self.take(done);
			}
			let out = self.sent.saturating_sub(self.received);
			if out == 0 || (!all && out < max_in_flight()) {
				return;
			}
			match self.done.recv() {
				Ok(done) => self.take(done),
				// Cannot happen while the measurer holds a sender; stop waiting if it does.
				Err(_) => return,
			}
		}
	}

	/// Adds one block's tally.
	fn take(&mut self, (number, file, tally): Done) {
		self.received = self.received.saturating_add(1);
		self.records = self.records.saturating_add(tally.records);
		self.valid = self.valid.saturating_add(tally.valid);
		// Copies of a record are in the language exactly when it is (language is judged on
		// the normalised fields the key hashes), so a block's sketch over all its
		// in-language records equals the sketch over the unique ones.
		for (bin, value) in self.bins.iter_mut().zip(tally.bins) {
			*bin = (*bin).min(value);
		}
		if tally.not_text && self.not_text.is_none_or(|(first, _)| number < first) {
			self.not_text = Some((number, file));
		}
	}
}

/// What one block of whole lines holds, besides its valid records.
struct Tally {
	records: u64,
	valid: u64,
	/// The sketch positions of its in-language records.
	bins: SketchBins,
	/// A line (not too long to be a record) is not UTF-8: what follows it is not counted.
	not_text: bool,
}

/// Counts the lines of `block`: records, valid records (returned with their keys and worth,
/// by shard), the sketch.
fn tally(spec: &DatasetSpec, block: &[u8]) -> (Tally, ByShard) {
	let mut tally = Tally {
		records: 0,
		valid: 0,
		bins: [EMPTY_BIN; SKETCH_SIZE],
		not_text: false,
	};
	let mut valid = unique::by_shard();
	let mut record = Record::default();
	// Most blocks are text throughout: one check for all their lines. Otherwise each line
	// is checked, and a line too long to be a record need not be text.
	let text_block = simdutf8::basic::from_utf8(block).ok();
	let mut start = 0usize;
	while start <= block.len() {
		let end = memchr::memchr(b'\n', block.get(start..).unwrap_or_default())
			.map_or(block.len(), |at| start.saturating_add(at));
		let range = start..end;
		start = end.saturating_add(1);
		if range.len() > MAX_RECORD_BYTES {
			tally.records = tally.records.saturating_add(1);
			continue;
		}
		let line = match text_block {
			// A line ends before `\n` or at the block's end: a character boundary.
			Some(text) => text.get(range),
			None => block
				.get(range)
				.and_then(|line| simdutf8::basic::from_utf8(line).ok()),
		};
		let Some(line) = line else {
			tally.not_text = true;
			return (tally, valid);
		};
		let text = line.strip_suffix('\r').unwrap_or(line);
		if text.trim().is_empty() {
			continue;
		}
		tally.records = tally.records.saturating_add(1);
		if !record.parse(spec, text) {
			continue;
		}
		tally.valid = tally.valid.saturating_add(1);
		let key = record.key();
		let in_language = record.is_in(spec.language);
		if in_language {
			novelty::add_to_bins(&mut tally.bins, key as u64);
		}
		if let Some(shard) = valid.get_mut(unique::shard_of(key)) {
			let worth = unique::worth(in_language, record.normalised_bytes());
			shard.push(Entry::new(key, worth));
		}
	}
	(tally, valid)
}

/// What verifiers attest about a dataset: its counts and the MinHash sketch of its unique,
/// in-language records (`pallet_contributions::novelty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measurement {
	/// The record counts.
	pub counts: RecordCounts,
	/// The sketch.
	pub sketch: Sketch,
}

/// Letters of a field by script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Letters {
	all: u64,
	hangul: u64,
	latin: u64,
}

impl Letters {
	fn add(&mut self, c: char) {
		// ASCII and Hangul syllables (all letters) first: Unicode's table is the slow path.
		let letter = c.is_ascii_alphabetic()
			|| matches!(c, '\u{AC00}'..='\u{D7A3}')
			|| (!c.is_ascii() && c.is_alphabetic());
		if letter {
			self.all = self.all.saturating_add(1);
			self.hangul = self.hangul.saturating_add(u64::from(is_hangul(c)));
			self.latin = self.latin.saturating_add(u64::from(is_latin(c)));
		}
	}

	fn merge(self, other: Self) -> Self {
		Self {
			all: self.all.saturating_add(other.all),
			hangul: self.hangul.saturating_add(other.hangul),
			latin: self.latin.saturating_add(other.latin),
		}
	}

	/// More than half the letters are Hangul.
	fn korean(self) -> bool {
		self.hangul > 0 && self.hangul.saturating_mul(2) > self.all
	}

	/// More than half the letters are Latin.
	fn english(self) -> bool {
		self.latin > 0 && self.latin.saturating_mul(2) > self.all
	}
}

/// One record's normalised fields, in a buffer reused from record to record.
#[derive(Default)]
struct Record {
	/// The normalised fields (UTF-8), each followed by U+001F.
	text: Vec<u8>,
	/// Letters of each field.
	letters: Vec<Letters>,
	/// Scratch space for NFC.
	composed: String,
}

impl Record {
	/// Reads `text` as a record of `spec`'s format; whether it is valid.
	fn parse(&mut self, spec: &DatasetSpec, text: &str) -> bool {
		self.text.clear();
		self.letters.clear();
		match spec.format {
			Format::Lines => self.push(text),
			Format::Tsv => {
				// Most rows are plain: all their fields normalised in one pass (`plain`).
				let row = text.as_bytes();
				if plain::normalise(row, Some(b'\t'), &mut self.text, &mut self.letters) {
					return self.letters.len() == spec.fields.len();
				}
				let mut values = 0usize;
				let mut start = 0usize;
				while start <= text.len() {
					let end =
						memchr::memchr(b'\t', text.as_bytes().get(start..).unwrap_or_default())
							.map_or(text.len(), |at| start.saturating_add(at));
					// A tab is a character boundary.
					let value = text.get(start..end).unwrap_or_default();
					start = end.saturating_add(1);
					values = values.saturating_add(1);
					if values > spec.fields.len() || !self.push(value) {
						return false;
					}
				}
				values == spec.fields.len()
			}
			Format::Jsonl => {
				let Ok(object) = serde_json::from_str::<Map<String, Value>>(text) else {
					return false;
				};
				spec.fields.iter().all(|field| {
					object
						.get(field)
						.and_then(Value::as_str)
						.is_some_and(|value| self.push(value))
				})
			}
		}
	}

	/// Appends the normalised `field`; whether it is non-empty. The field's letters are
	/// counted on what is appended, so that records with the same normalised fields are
	/// judged alike.
	fn push(&mut self, field: &str) -> bool {
		// A plain field is never empty.
		plain::normalise(field.as_bytes(), None, &mut self.text, &mut self.letters)
			|| self.push_by_character(field)
	}

	/// [`Record::push`] a character at a time: what the plain path must agree with.
	fn push_by_character(&mut self, field: &str) -> bool {
		let start = self.text.len();
		let mut letters = Letters::default();
		if let Some(fast) = Self::ascii_or_syllables(field, &mut self.text) {
			// ASCII and precomposed Hangul syllables, however spaced (see below).
			letters = fast;
		} else {
			let composed = if unicode_normalization::is_nfc_quick(field.chars())
				== unicode_normalization::IsNormalized::Yes
			{
				field
			} else {
				self.composed.clear();
				self.composed.extend(field.nfc());
				self.composed.as_str()
			};
			let mut utf8 = [0u8; 4];
			for word in composed.split_whitespace() {
				// A space before the word's first kept character: a word of nothing but
				// invisible characters leaves no trace.
				let mut space = self.text.len() > start;
				for c in word.chars() {
					if is_invisible(c) {
						continue;
					}
					if std::mem::take(&mut space) {
						self.text.push(b' ');
					}
					if c.is_ascii() || is_hangul(c) {
						// Hangul has no case.
						let c = c.to_ascii_lowercase();
						self.text
							.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
						letters.add(c);
					} else {
						for lower in c.to_lowercase() {
							self.text
								.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
							letters.add(lower);
						}
					}
				}
			}
		}
		let non_empty = self.text.len() > start;
		self.text.push(FIELD_END);
		self.letters.push(letters);
		non_empty
	}

	/// Normalises `field` onto `text` in one pass when it holds nothing but printable ASCII,
	/// ASCII whitespace and precomposed Hangul syllables: they are in NFC whatever surrounds
	/// them, none is invisible, and only ASCII has case. The result is the general path's. `None`, with `text` as it was, for any
	/// other character.
	fn ascii_or_syllables(field: &str, text: &mut Vec<u8>) -> Option<Letters> {
		let start = text.len();
		let (mut latin, mut hangul) = (0u64, 0u64);
		let mut space = false;
		let bytes = field.as_bytes();
		let mut at = 0usize;
		while let Some(&byte) = bytes.get(at) {
			if byte.is_ascii() {
				at = at.saturating_add(1);
				if is_space(byte) {
					space = text.len() > start;
					continue;
				}
				if byte.is_ascii_control() {
					// Dropped by the general path (`is_invisible`).
					text.truncate(start);
					return None;
				}
				if std::mem::take(&mut space) {
					text.push(b' ');
				}
				let lower = byte.to_ascii_lowercase();
				text.push(lower);
				latin = latin.saturating_add(u64::from(lower.is_ascii_lowercase()));
				continue;
			}
			// A Hangul syllable, U+AC00..=U+D7A3, is three bytes from EA B0 80 to ED 9E A3.
			let Some(&[first, second, third]) = bytes.get(at..at.saturating_add(3)) else {
				text.truncate(start);
				return None;
			};
			let code = (u32::from(first & 0x0F) << 12)
				| (u32::from(second & 0x3F) << 6)
				| u32::from(third & 0x3F);
			if !(0xEA..=0xED).contains(&first) || !(0xAC00..=0xD7A3).contains(&code) {
				text.truncate(start);
				return None;
			}
			if std::mem::take(&mut space) {
				text.push(b' ');
			}
			text.extend_from_slice(&[first, second, third]);
			at = at.saturating_add(3);
			hangul = hangul.saturating_add(1);
		}
		Some(Letters {
			all: latin.saturating_add(hangul),
			hangul,
			latin,
		})
	}

	/// The bytes of the record's normalised fields, without the ends that separate them.
	fn normalised_bytes(&self) -> usize {
		self.text.len().saturating_sub(self.letters.len())
	}

	/// The record's key: the 128-bit XXH3 hash of its normalised fields.
	fn key(&self) -> u128 {
		twox_hash::XxHash3_128::oneshot(&self.text)
	}

	/// Whether the record is in `language`.
	fn is_in(&self, language: Language) -> bool {
		let all = || {
			self.letters
				.iter()
				.fold(Letters::default(), |sum, field| sum.merge(*field))
		};
		match language {
			Language::Korean => all().korean(),
			Language::English => all().english(),
			Language::KoreanEnglish => self.letters.iter().enumerate().any(|(i, ko)| {
				ko.korean()
					&& self
						.letters
						.iter()
						.enumerate()
						.any(|(j, en)| i != j && en.english())
			}),
		}
	}
}

/// `text` as records are compared: Unicode NFC, whitespace runs as one space, trimmed, each
/// character in lower case.
#[cfg(test)]
pub fn normalise(text: &str) -> String {
	let mut record = Record::default();
	record.push(text);
	record.text.pop();
	String::from_utf8(record.text).unwrap_or_default()
}

/// What ends each normalised field of a record's key: U+001F, the unit separator.
const FIELD_END: u8 = 0x1F;

/// ASCII whitespace, as normalisation sees it: space, tab, line feed, vertical tab, form
/// feed, carriage return.
fn is_space(byte: u8) -> bool {
	matches!(byte, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Characters normalisation drops: controls (other than the whitespace that separates
/// words) and Unicode's default-ignorable code points (zero-width spaces and joiners,
/// bidirectional marks, variation selectors, Hangul fillers, the byte order mark, ...).
/// They are invisible, so a record padded with them, or a copy of a record with one added,
/// is the same record: no new key, no useful bytes, no letters.
fn is_invisible(c: char) -> bool {
	c.is_control()
		|| icu_properties::CodePointSetData::new::<
			icu_properties::props::DefaultIgnorableCodePoint,
		>()
		.contains(c)
}

fn is_hangul(c: char) -> bool {
	matches!(c,
		'\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}'
		| '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}')
}

fn is_latin(c: char) -> bool {
	let extended = matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}');
	c.is_ascii_alphabetic() || (extended && c != '\u{00D7}' && c != '\u{00F7}')
}

/// Whether more than half the letters of `text` are Korean (Hangul).
#[cfg(test)]
pub fn is_korean(text: &str) -> bool {
	let mut letters = Letters::default();
	text.chars().for_each(|c| letters.add(c));
	letters.korean()
}

/// Whether more than half the letters of `text` are Latin.
#[cfg(test)]
pub fn is_english(text: &str) -> bool {
	let mut letters = Letters::default();
	text.chars().for_each(|c| letters.add(c));
	letters.english()
}

#[cfg(test)]
mod tests;
