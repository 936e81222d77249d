//! The plain path of normalisation: a record written in printable ASCII and precomposed
//! Hangul syllables, with one space between words and fields split by a tab, is normalised
//! by copying its bytes with ASCII letters in lower case.
//!
//! Such text is in NFC whatever surrounds each character, holds nothing invisible, and only
//! its ASCII letters have case, so the copy is exactly what the general path
//! (`Record::push`, a character at a time) makes of it. Most records of real datasets are
//! plain, and the plain path reads their bytes in a few straight loops that the compiler
//! turns into vector instructions, instead of a step per character. A record it declines is
//! left to the general path, with nothing written.

use super::{Letters, FIELD_END};

/// Bytes counted at a time into byte-wide counters, which cannot overflow within a chunk.
const CHUNK: usize = u8::MAX as usize;

/// Appends the normalised fields of `line` to `text`, each ended by [`FIELD_END`], and
/// each field's letters to `letters`, when `line` is plain: every character printable ASCII
/// or a Hangul syllable, fields split by `separator` (`None`: the line is one field), no
/// space or separator at either end or next to another. Returns whether it was; if not,
/// `text` and `letters` are as they were.
///
/// Syllables U+D780..=U+D7A3, whose bytes look like those of the Hangul Jamo Extended-B
/// block that follows them, are left to the general path too: it is exact for them, and
/// rare text need not be fast.
pub(super) fn normalise(
	line: &[u8],
	separator: Option<u8>,
	text: &mut Vec<u8>,
	letters: &mut Vec<Letters>,
) -> bool {
	let blank = separator.unwrap_or(b' ');
	let (Some(&first), Some(&last)) = (line.first(), line.last()) else {
		return false;
	};
	if is_blank(first, blank) || is_blank(last, blank) {
		return false;
	}
	let whole = census(line, blank);
	if !whole.plain {
		return false;
	}
	let start = text.len();
	text.extend_from_slice(line);
	let appended = text.get_mut(start..).unwrap_or_default();
	match separator {
		None => {
			appended.make_ascii_lowercase();
			text.push(FIELD_END);
			letters.push(whole.letters);
		}
		Some(separator) => {
			for byte in appended.iter_mut() {
				*byte = if *byte == separator {
					FIELD_END
				} else {
					byte.to_ascii_lowercase()
				};
			}
			text.push(FIELD_END);
			let mut fields = text.get(start..).unwrap_or_default();
			while let Some(end) = memchr::memchr(FIELD_END, fields) {
				letters.push(letters_of(fields.get(..end).unwrap_or_default()));
				fields = fields.get(end.saturating_add(1)..).unwrap_or_default();
			}
		}
	}
	true
}

/// What one pass over a line finds.
struct Census {
	/// Every byte allowed, no two blanks next to each other.
	plain: bool,
	/// The line's letters, all fields together.
	letters: Letters,
}

/// Judges the bytes of a line, each with the byte after it (zero after the last).
fn census(bytes: &[u8], blank: u8) -> Census {
	let mut sums = [0u64; 3];
	let last = bytes.len().saturating_sub(1);
	let mut start = 0usize;
	while start < last {
		let end = start.saturating_add(CHUNK).min(last);
		let current = bytes.get(start..end).unwrap_or_default();
		let following = bytes
			.get(start.saturating_add(1)..end.saturating_add(1))
			.unwrap_or_default();
		let mut tally = [0u8; 3];
		for (&byte, &next) in current.iter().zip(following) {
			add(&mut tally, judge(byte, next, blank));
		}
		add_up(&mut sums, tally);
		start = end;
	}
	if let Some(&byte) = bytes.get(last) {
		let mut tally = [0u8; 3];
		add(&mut tally, judge(byte, 0, blank));
		add_up(&mut sums, tally);
	}
	let [refused, latin, hangul] = sums;
	Census {
		plain: refused == 0,
		letters: Letters {
			all: latin.saturating_add(hangul),
			hangul,
			latin,
		},
	}
}

/// Adds a byte's judgement to a chunk's byte-wide counts.
#[inline(always)]
fn add(tally: &mut [u8; 3], judged: [u8; 3]) {
	for (sum, count) in tally.iter_mut().zip(judged) {
		*sum = sum.wrapping_add(count);
	}
}

/// Adds a chunk's counts to the line's.
fn add_up(sums: &mut [u64; 3], tally: [u8; 3]) {
	for (sum, count) in sums.iter_mut().zip(tally) {
		*sum = sum.saturating_add(u64::from(count));
	}
}

/// Judges `byte` followed by `next` (see [`normalise`]), without a branch, so that a loop of
/// it runs on vectors: what it adds to the refused bytes (not allowed, or a blank followed
/// by a blank), the ASCII letters and the Hangul syllables (their lead bytes).
#[inline(always)]
fn judge(byte: u8, next: u8, blank: u8) -> [u8; 3] {
	let printable = byte.wrapping_sub(0x20) < 0x5F;
	let continuation = byte.wrapping_sub(0x80) < 0x40;
	let lead = byte.wrapping_sub(0xEA) < 4;
	// EA also leads U+A000..=U+ABFF, and ED U+D780..=U+D7FF (see `normalise`): not plain.
	let not_syllable = ((byte == 0xEA) & (next < 0xB0)) | ((byte == 0xED) & (next >= 0x9E));
	let allowed = (printable | continuation | lead | (byte == blank)) & !not_syllable;
	let blanks = is_blank(byte, blank) & is_blank(next, blank);
	[
		u8::from(!allowed | blanks),
		u8::from((byte | 0x20).wrapping_sub(b'a') < 26),
		u8::from(lead),
	]
}

/// A space, or the separator `blank` stands for.
#[inline(always)]
fn is_blank(byte: u8, blank: u8) -> bool {
	(byte == b' ') | (byte == blank)
}

/// The letters of a normalised plain field: its ASCII letters and Hangul syllables.
fn letters_of(field: &[u8]) -> Letters {
	let (mut latin, mut hangul) = (0u64, 0u64);
	for chunk in field.chunks(CHUNK) {
		let (mut latin_here, mut hangul_here) = (0u8, 0u8);
		for &byte in chunk {
			latin_here = latin_here.wrapping_add(u8::from(byte.wrapping_sub(b'a') < 26));
			hangul_here = hangul_here.wrapping_add(u8::from(byte.wrapping_sub(0xEA) < 4));
		}
		latin = latin.saturating_add(u64::from(latin_here));
		hangul = hangul.saturating_add(u64::from(hangul_here));
	}
	Letters {
		all: latin.saturating_add(hangul),
		hangul,
		latin,
	}
}
