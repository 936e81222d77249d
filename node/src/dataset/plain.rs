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
	if !is_plain(line, blank) {
		return false;
	}
	let start = text.len();
	text.extend_from_slice(line);
	let appended = text.get_mut(start..).unwrap_or_default();
	// Lower case, and each separator (none without one) ends a field.
	let separator = separator.unwrap_or(FIELD_END);
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
	true
}

/// Whether every byte of `line` is allowed and no two blanks are next to each other, each
/// byte judged with the byte after it (zero after the last).
fn is_plain(line: &[u8], blank: u8) -> bool {
	let last = line.len().saturating_sub(1);
	let mut start = 0usize;
	while start < last {
		let end = start.saturating_add(CHUNK).min(last);
		let current = line.get(start..end).unwrap_or_default();
		let following = line
			.get(start.saturating_add(1)..end.saturating_add(1))
			.unwrap_or_default();
		let mut refused = 0u8;
		for (&byte, &next) in current.iter().zip(following) {
			refused = refused.wrapping_add(refuses(byte, next, blank));
		}
		if refused > 0 {
			return false;
		}
		start = end;
	}
	line.get(last)
		.is_none_or(|&byte| refuses(byte, 0, blank) == 0)
}

/// 1 if `byte`, followed by `next`, is not allowed, or is a blank followed by a blank;
/// 0 otherwise. Without a branch, so that a loop of it runs on vectors.
#[inline(always)]
fn refuses(byte: u8, next: u8, blank: u8) -> u8 {
	let printable = byte.wrapping_sub(0x20) < 0x5F;
	let continuation = byte.wrapping_sub(0x80) < 0x40;
	let lead = byte.wrapping_sub(0xEA) < 4;
	// EA also leads U+A000..=U+ABFF, and ED U+D780..=U+D7FF (see `normalise`): not plain.
	let not_syllable = ((byte == 0xEA) & (next < 0xB0)) | ((byte == 0xED) & (next >= 0x9E));
	let allowed = (printable | continuation | lead | (byte == blank)) & !not_syllable;
	let blanks = is_blank(byte, blank) & is_blank(next, blank);
	u8::from(!allowed | blanks)
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
