//! The table of a dataset's unique records, which the workers measuring its blocks fill
//! together.
//!
//! What a record is worth depends only on its normalised fields, which its key hashes, so
//! every copy of a record is worth the same and the totals do not depend on which copy comes
//! first: workers add their blocks in whatever order they finish. The table is cut into
//! shards by the key's top bits, each behind its own lock. A worker appends a block's
//! records to their shards' lists, a shard at a time, so two workers rarely wait for each
//! other and memory is written in order rather than at random: a list is sorted and its
//! copies dropped only when it has doubled since it was last (so that copies cannot fill
//! memory) and at the end, a shard on each core.
//!
//! Should two different records share a key (a collision of the 128-bit XXH3 hash, which
//! only a crafted dataset would hold), the key keeps the smaller worth of the two, whichever
//! arrives first: every verifier then counts the same, and the dataset can only look smaller.

use std::sync::Mutex;

use rayon::prelude::*;

/// Shards of the table: `1 << SHARD_BITS`.
const SHARD_BITS: u32 = 6;

/// Number of shards.
pub const SHARDS: usize = 1 << SHARD_BITS;

/// Where a key's shard bits start.
const SHARD_SHIFT: u32 = u128::BITS.saturating_sub(SHARD_BITS);

/// What a unique record adds to the counts, in 32 bits: zero for a record outside the
/// declared language, otherwise [`IN_LANGUAGE`] plus its normalised bytes. The smaller of
/// two is the smaller reward.
pub type Worth = u32;

/// The flag of an in-language record's [`Worth`].
pub const IN_LANGUAGE: Worth = 1 << 31;

/// The worth of a record in the declared language or not, with `bytes` of normalised fields
/// (at most `!IN_LANGUAGE`, far above the longest record).
pub fn worth(in_language: bool, bytes: usize) -> Worth {
	if in_language {
		IN_LANGUAGE
			| Worth::try_from(bytes)
				.unwrap_or(Worth::MAX)
				.min(!IN_LANGUAGE)
	} else {
		0
	}
}

/// The shard a record's key belongs to: its top bits.
pub fn shard_of(key: u128) -> usize {
	usize::try_from(key >> SHARD_SHIFT).unwrap_or_default()
}

/// A record as a shard lists it: the 96 bits of its key below the shard's bits (the shard's
/// bits are the same for every key of a shard), then its [`Worth`] in the low 32 bits. In
/// this order, a key's copies sort together, the smallest worth first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry(u128);

impl Entry {
	/// The entry of a record with `key` and `worth`.
	pub fn new(key: u128, worth: Worth) -> Self {
		Self((key << 32) | u128::from(worth))
	}

	/// The part of the key the entry keeps.
	fn key(self) -> u128 {
		self.0 >> 32
	}

	/// The record's worth.
	fn worth(self) -> Worth {
		// Truncation intended: the low 32 bits.
		self.0 as Worth
	}
}

/// Records a shard lists before it first sorts them: a shard's list takes at most this
/// many entries more than twice its unique records.
const FIRST_SORT: usize = 1 << 16;

/// One shard: its records, sorted and without copies up to `sorted`, then as they came.
#[derive(Default)]
struct Shard {
	entries: Vec<Entry>,
	/// The length of `entries` after it was last sorted.
	sorted: usize,
}

impl Shard {
	/// Appends records; sorts the list and drops its copies once it has doubled.
	fn append(&mut self, records: &[Entry]) {
		self.entries.extend_from_slice(records);
		if self.entries.len() >= self.sorted.saturating_mul(2).max(FIRST_SORT) {
			self.sort();
		}
	}

	/// Sorts the list and keeps, of each key, the entry with the smallest worth.
	fn sort(&mut self) {
		// A stable sort finds the sorted part as one run and merges the rest into it.
		self.entries.sort();
		self.entries.dedup_by_key(|entry| entry.key());
		self.sorted = self.entries.len();
	}

	/// What the shard's unique records add up to.
	fn totals(&mut self) -> Totals {
		self.sort();
		let mut totals = Totals {
			unique: self.entries.len() as u64,
			..Totals::default()
		};
		for worth in self.entries.iter().map(|entry| entry.worth()) {
			if worth & IN_LANGUAGE != 0 {
				totals.in_language = totals.in_language.saturating_add(1);
				totals.useful_bytes = totals
					.useful_bytes
					.saturating_add(u64::from(worth & !IN_LANGUAGE));
			}
		}
		totals
	}
}

/// What the unique records of a dataset add up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
	/// Distinct keys.
	pub unique: u64,
	/// Unique records in the declared language.
	pub in_language: u64,
	/// Their normalised bytes.
	pub useful_bytes: u64,
}

/// A block's valid records, grouped by shard, each group in the block's order.
pub type ByShard = Vec<Vec<Entry>>;

/// An empty [`ByShard`].
pub fn by_shard() -> ByShard {
	vec![Vec::new(); SHARDS]
}

/// The unique records of a dataset (see the module documentation).
pub struct UniqueRecords {
	shards: Vec<Mutex<Shard>>,
}

impl Default for UniqueRecords {
	fn default() -> Self {
		Self {
			shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
		}
	}
}

impl UniqueRecords {
	/// Adds a block's records, a shard at a time.
	pub fn add(&self, records: &ByShard) {
		for (shard, records) in self.shards.iter().zip(records) {
			if !records.is_empty() {
				lock(shard).append(records);
			}
		}
	}

	/// What the records added so far add up to (each shard sorted on one of rayon's
	/// threads).
	pub fn totals(&self) -> Totals {
		self.shards
			.par_iter()
			.map(|shard| lock(shard).totals())
			.reduce(Totals::default, |a, b| Totals {
				unique: a.unique.saturating_add(b.unique),
				in_language: a.in_language.saturating_add(b.in_language),
				useful_bytes: a.useful_bytes.saturating_add(b.useful_bytes),
			})
	}
}

/// A shard, locked. A worker that panicked while holding the lock left the shard's list as
/// it was between two appends or sorts: still a valid list.
fn lock(shard: &Mutex<Shard>) -> std::sync::MutexGuard<'_, Shard> {
	shard
		.lock()
		.unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
	use super::*;

	fn block(records: &[(u128, Worth)]) -> ByShard {
		let mut grouped = by_shard();
		for (key, worth) in records {
			grouped[shard_of(*key)].push(Entry::new(*key, *worth));
		}
		grouped
	}

	#[test]
	fn copies_count_once_whatever_block_brings_them_first() {
		let a = (u128::MAX - 5, worth(true, 10));
		let b = (7, worth(true, 4));
		let c = (1 << 100, worth(false, 30));
		let (first, second) = (block(&[a, b, a]), block(&[c, b]));
		let forwards = UniqueRecords::default();
		forwards.add(&first);
		forwards.add(&second);
		let backwards = UniqueRecords::default();
		backwards.add(&second);
		backwards.add(&first);
		let expected = Totals {
			unique: 3,
			in_language: 2,
			useful_bytes: 14,
		};
		assert_eq!(forwards.totals(), expected);
		assert_eq!(backwards.totals(), expected);
	}

	#[test]
	fn a_key_two_records_share_keeps_the_smaller_worth_in_any_order() {
		let key = 42u128 << 64;
		let cases = [
			(worth(true, 100), worth(true, 3), 3),
			(worth(true, 100), worth(false, 3), 0),
		];
		for (big, small, bytes) in cases {
			for order in [[big, small], [small, big]] {
				let table = UniqueRecords::default();
				table.add(&block(&[(key, order[0])]));
				table.add(&block(&[(key, order[1])]));
				let totals = table.totals();
				assert_eq!(totals.unique, 1);
				assert_eq!(totals.useful_bytes, bytes);
				assert_eq!(totals.in_language, u64::from(bytes > 0));
			}
		}
	}

	#[test]
	fn copies_cannot_fill_memory() {
		let table = UniqueRecords::default();
		let copies = block(&[(5, worth(true, 3)); 1_000]);
		for _ in 0..(FIRST_SORT * 4 / 1_000) {
			table.add(&copies);
			let listed = lock(&table.shards[shard_of(5)]).entries.len();
			assert!(listed <= FIRST_SORT + 1_000, "{listed}");
		}
		assert_eq!(
			table.totals(),
			Totals {
				unique: 1,
				in_language: 1,
				useful_bytes: 3
			}
		);
	}

	#[test]
	fn worth_orders_rewards_and_saturates() {
		assert_eq!(worth(false, 1_000), 0);
		assert!(worth(true, 1) < worth(true, 2));
		assert!(worth(false, 5) < worth(true, 1));
		assert_eq!(worth(true, usize::MAX), u32::MAX);
		assert_eq!(shard_of(u128::MAX), SHARDS - 1);
		assert_eq!(shard_of(0), 0);
	}
}
