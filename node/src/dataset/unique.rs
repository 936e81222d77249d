//! The table of a dataset's unique records, which the workers measuring its blocks fill
//! together.
//!
//! What a record is worth depends only on its normalised fields, which its key hashes, so
//! every copy of a record is worth the same and the totals do not depend on which copy comes
//! first: workers add their blocks in whatever order they finish. The table is cut into
//! shards by the key's top bits, each behind its own lock, and a worker adds a block's
//! records a shard at a time, so two workers rarely wait for each other.
//!
//! Should two different records share a key (a collision of the 128-bit XXH3 hash, which
//! only a crafted dataset would hold), the key keeps the smaller worth of the two, whichever
//! arrives first: every verifier then counts the same, and the dataset can only look smaller.

use std::{
	collections::{hash_map::Entry, HashMap},
	hash::{BuildHasherDefault, Hash, Hasher},
	sync::Mutex,
};

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

/// The bits of a key the table stores: the 96 below the shard's bits and a few more (the
/// shard's bits are the same for every key of a shard). Twelve bytes with four-byte
/// alignment, so an entry with its worth takes sixteen.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct StoredKey([u32; 3]);

impl StoredKey {
	/// The stored part of `key`.
	pub fn of(key: u128) -> Self {
		// Truncation intended: three 32-bit words of the key.
		let word = |shift: u32| (key >> shift) as u32;
		Self([word(0), word(32), word(64)])
	}
}

impl Hash for StoredKey {
	fn hash<H: Hasher>(&self, state: &mut H) {
		let [low, middle, _] = self.0;
		state.write_u64(u64::from(low) | (u64::from(middle) << 32));
	}
}

/// Hashes [`StoredKey`]s, whose bits are an XXH3 hash already: their low 64 bits as they
/// are.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
	fn finish(&self) -> u64 {
		self.0
	}

	fn write(&mut self, bytes: &[u8]) {
		for byte in bytes {
			self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
		}
	}

	fn write_u64(&mut self, value: u64) {
		self.0 = value;
	}
}

/// One shard: its records' worth, and what its unique records add up to.
#[derive(Default)]
struct Shard {
	worth: HashMap<StoredKey, Worth, BuildHasherDefault<KeyHasher>>,
	in_language: u64,
	useful_bytes: u64,
}

impl Shard {
	/// Adds a record: a new key with its worth, or a smaller worth for a key kept already.
	fn add(&mut self, key: StoredKey, worth: Worth) {
		let replaced = match self.worth.entry(key) {
			Entry::Vacant(entry) => {
				entry.insert(worth);
				None
			}
			Entry::Occupied(mut entry) => {
				let kept = *entry.get();
				if worth >= kept {
					return;
				}
				entry.insert(worth);
				Some(kept)
			}
		};
		if let Some(kept) = replaced {
			self.count(kept, false);
		}
		self.count(worth, true);
	}

	/// Adds `worth` to the totals, or takes it away.
	fn count(&mut self, worth: Worth, add: bool) {
		if worth & IN_LANGUAGE == 0 {
			return;
		}
		let bytes = u64::from(worth & !IN_LANGUAGE);
		if add {
			self.in_language = self.in_language.saturating_add(1);
			self.useful_bytes = self.useful_bytes.saturating_add(bytes);
		} else {
			self.in_language = self.in_language.saturating_sub(1);
			self.useful_bytes = self.useful_bytes.saturating_sub(bytes);
		}
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
pub type ByShard = Vec<Vec<(StoredKey, Worth)>>;

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
			if records.is_empty() {
				continue;
			}
			// A worker that panicked while holding the lock left the shard as it was
			// between two records: still a valid table.
			let mut shard = shard
				.lock()
				.unwrap_or_else(|poisoned| poisoned.into_inner());
			for (key, worth) in records {
				shard.add(*key, *worth);
			}
		}
	}

	/// What the records added so far add up to.
	pub fn totals(&self) -> Totals {
		let mut totals = Totals::default();
		for shard in &self.shards {
			let shard = shard
				.lock()
				.unwrap_or_else(|poisoned| poisoned.into_inner());
			totals.unique = totals.unique.saturating_add(shard.worth.len() as u64);
			totals.in_language = totals.in_language.saturating_add(shard.in_language);
			totals.useful_bytes = totals.useful_bytes.saturating_add(shard.useful_bytes);
		}
		totals
	}
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
	use super::*;

	fn block(records: &[(u128, Worth)]) -> ByShard {
		let mut grouped = by_shard();
		for (key, worth) in records {
			grouped[shard_of(*key)].push((StoredKey::of(*key), *worth));
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
	fn worth_orders_rewards_and_saturates() {
		assert_eq!(worth(false, 1_000), 0);
		assert!(worth(true, 1) < worth(true, 2));
		assert!(worth(false, 5) < worth(true, 1));
		assert_eq!(worth(true, usize::MAX), u32::MAX);
		assert_eq!(shard_of(u128::MAX), SHARDS - 1);
		assert_eq!(shard_of(0), 0);
	}
}
