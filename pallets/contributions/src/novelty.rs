//! Novelty against everything already verified: what part of a dataset's records an earlier
//! verified dataset holds already, from MinHash sketches and a locality-sensitive (LSH) band
//! index.
//!
//! Verifiers attest, with a dataset's counts, a [`Sketch`] of its unique, in-language records'
//! keys (the verifier's `dataset` module defines keys): a one-permutation MinHash, where one
//! hash per key chooses one of [`SKETCH_SIZE`] positions and a value, each position keeps its
//! smallest value ([`sketch_slot`]) and empty positions borrow a filled one's ([`densify`]).
//! The share of positions where two sketches agree estimates the Jaccard similarity `J` of
//! the two record sets (standard error about `sqrt(J(1 − J) / SKETCH_SIZE)`).
//!
//! The index cuts every verified dataset's sketch into [`BANDS`] bands of [`ROWS`] values;
//! datasets whose sketches agree on a whole band share that band's bucket, kept in id order;
//! a full bucket keeps its earliest datasets, so later submissions (copies included) can never
//! push an earlier dataset out of the index. A new dataset is
//! compared with the datasets in its buckets (at most `BANDS × MaxBandBucket`, so the lookup
//! is bounded), earlier ids only, so that of two overlapping datasets the one submitted first
//! keeps the credit whatever order they are verified in.
//!
//! The novel part of dataset `B` against an earlier `A` is `1 − containment(B in A)`, with
//! `containment = |A ∩ B| / |B| = J (|A| + |B|) / ((1 + J) |B|)`: unlike `1 − J`, it sees a
//! tenth of an earlier dataset, copied, as a copy. Against several earlier datasets the
//! closest one counts. The rewarded bytes are scaled by the novel part.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// Values in a sketch.
pub const SKETCH_SIZE: usize = 64;

/// Bands the index cuts a sketch into.
pub const BANDS: usize = 16;

/// Values in a band: `BANDS × ROWS = SKETCH_SIZE`. Two datasets with Jaccard similarity `J`
/// share at least one bucket with probability `1 − (1 − J^ROWS)^BANDS`: 0.98 at `J = 0.5`,
/// 0.15 at `J = 0.2`.
pub const ROWS: usize = 4;

const _: () = assert!(BANDS * ROWS == SKETCH_SIZE);
// [`sketch_slot`] and [`densify`] choose a position by the top 6 bits of a hash.
const _: () = assert!(SKETCH_SIZE == 1 << 6);

/// A dataset's MinHash sketch.
pub type Sketch = [u32; SKETCH_SIZE];

/// A verified dataset's entry in the index: its sketch and how many records it summarises.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct DatasetSketch {
	/// The sketch of its unique, in-language records.
	pub sketch: Sketch,
	/// How many such records it has.
	pub records: u64,
}

/// The seed of the sketch's one hash function.
pub const SKETCH_SEED: u64 = 0x6779_755F_736B_6574;

/// The seed of the probes that fill a sketch's empty positions.
pub const DENSIFY_SEED: u64 = 0x6779_755F_6465_6E73;

/// Probes [`densify`] makes for an empty position before it takes the next filled one.
pub const DENSIFY_PROBES: u64 = 256;

/// The positions of a sketch while records are added: a position no record chose yet holds
/// [`EMPTY_BIN`], any other the smallest value among the records it chose.
pub type SketchBins = [u64; SKETCH_SIZE];

/// An empty position of [`SketchBins`]; values are 32-bit, so no value is this.
pub const EMPTY_BIN: u64 = u64::MAX;

/// Where a record key (its low 64 bits) goes in a sketch, one-permutation MinHash: with
/// `h = splitmix64(key ⊕ SKETCH_SEED)`, the top 6 bits of `h` choose the position and the
/// low 32 bits are the value. Position `i` of a dataset's sketch is the smallest value among
/// its unique, in-language records that chose `i`; one hash per record, so that sketching
/// costs what keying costs.
pub fn sketch_slot(key: u64) -> (usize, u32) {
	let h = splitmix64(key ^ SKETCH_SEED);
	let position = (h >> 58) as usize;
	(position, h as u32)
}

/// Takes a record key into `bins` (see [`sketch_slot`]).
pub fn add_to_bins(bins: &mut SketchBins, key: u64) {
	let (position, value) = sketch_slot(key);
	if let Some(bin) = bins.get_mut(position) {
		*bin = (*bin).min(u64::from(value));
	}
}

/// The sketch of `bins`: each empty position takes the value of a filled one, chosen the same
/// way for every dataset (optimal densification: probe `k` of position `i` is the top 6 bits
/// of `splitmix64(DENSIFY_SEED ⊕ (i · 2^32 + k))`; after [`DENSIFY_PROBES`] misses, the next
/// filled position to the right, wrapping). Two datasets' positions then agree with
/// probability their Jaccard similarity, however few records they have. With no filled
/// position at all, every value is `u32::MAX`.
pub fn densify(bins: &SketchBins) -> Sketch {
	let value = |position: usize| {
		bins.get(position % SKETCH_SIZE)
			.filter(|bin| **bin != EMPTY_BIN)
			.map(|bin| *bin as u32)
	};
	core::array::from_fn(|i| {
		if let Some(own) = value(i) {
			return own;
		}
		(0..DENSIFY_PROBES)
			.find_map(|k| {
				let probe = splitmix64(DENSIFY_SEED ^ ((i as u64) << 32 | k));
				value((probe >> 58) as usize)
			})
			.or_else(|| (1..SKETCH_SIZE).find_map(|step| value(i.saturating_add(step))))
			.unwrap_or(u32::MAX)
	})
}

/// The bucket key of `sketch`'s band `band` (`band < BANDS`): the band's values mixed into
/// 64 bits, one SplitMix64 round per value.
pub fn band_key(sketch: &Sketch, band: usize) -> u64 {
	let start = band.saturating_mul(ROWS);
	let rows = sketch
		.get(start..start.saturating_add(ROWS))
		.unwrap_or_default();
	rows.iter().fold(band as u64, |key, value| {
		splitmix64(key ^ u64::from(*value))
	})
}

/// SplitMix64's output function: a fixed, well-mixed permutation of 64-bit values.
pub fn splitmix64(x: u64) -> u64 {
	let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
	z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
	z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
	z ^ (z >> 31)
}

/// Positions where two sketches agree.
pub fn agreeing(a: &Sketch, b: &Sketch) -> u32 {
	let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
	u32::try_from(equal).unwrap_or(u32::MAX)
}

/// The estimated share of `later`'s records that `earlier` holds: `J (|A| + |B|) / ((1 + J)
/// |B|)` with `J = agreeing / SKETCH_SIZE`, at most one.
pub fn containment(earlier: &DatasetSketch, later: &DatasetSketch) -> Perbill {
	if later.records == 0 {
		return Perbill::zero();
	}
	let agree = u128::from(agreeing(&earlier.sketch, &later.sketch));
	let size = SKETCH_SIZE as u128;
	let both = u128::from(earlier.records).saturating_add(u128::from(later.records));
	let shared = agree.saturating_mul(both);
	let whole = size
		.saturating_add(agree)
		.saturating_mul(u128::from(later.records));
	if shared >= whole {
		return Perbill::one();
	}
	Perbill::from_rational(shared, whole)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
	use super::*;

	/// A sketch whose first `shared` values equal [`base`]'s and the rest differ.
	fn sketch_sharing(shared: usize) -> Sketch {
		let mut sketch = base();
		for (i, value) in sketch.iter_mut().enumerate().skip(shared) {
			*value = 1_000_000 + i as u32;
		}
		sketch
	}

	fn base() -> Sketch {
		core::array::from_fn(|i| i as u32)
	}

	fn entry(sketch: Sketch, records: u64) -> DatasetSketch {
		DatasetSketch { sketch, records }
	}

	#[test]
	fn identical_sets_are_contained_whole() {
		assert_eq!(
			containment(&entry(base(), 100), &entry(base(), 100)),
			Perbill::one()
		);
		assert_eq!(agreeing(&base(), &base()), SKETCH_SIZE as u32);
	}

	#[test]
	fn disjoint_sets_contain_nothing() {
		assert_eq!(
			containment(&entry(base(), 100), &entry(sketch_sharing(0), 100)),
			Perbill::zero()
		);
	}

	#[test]
	fn a_superset_with_a_tenth_new_is_a_tenth_novel() {
		// B = A plus 10 % new records: |A| = 900, |B| = 1,000, J = 0.9.
		let j_sixty_fourths = 58; // 0.906 of 64
		let c = containment(
			&entry(base(), 900),
			&entry(sketch_sharing(j_sixty_fourths), 1_000),
		);
		assert!(
			c >= Perbill::from_percent(85) && c <= Perbill::from_percent(95),
			"{c:?}"
		);
	}

	#[test]
	fn a_copied_tenth_of_an_earlier_dataset_is_a_copy() {
		// B is a tenth of A: J = 0.1, yet B is all in A.
		let c = containment(&entry(base(), 10_000), &entry(sketch_sharing(6), 1_000));
		assert!(c >= Perbill::from_percent(90), "{c:?}");
	}

	/// The sketch of keys `keys` (each a well-mixed 64-bit value).
	fn sketch_of(keys: impl Iterator<Item = u64>) -> Sketch {
		let mut bins = [EMPTY_BIN; SKETCH_SIZE];
		keys.for_each(|key| add_to_bins(&mut bins, splitmix64(key)));
		densify(&bins)
	}

	#[test]
	fn a_sketch_does_not_depend_on_the_order_of_its_keys() {
		assert_eq!(sketch_of(0..500), sketch_of((0..500).rev()));
	}

	#[test]
	fn every_position_of_a_small_sketch_is_filled_and_a_copy_agrees_everywhere() {
		let one = sketch_of(7..8);
		assert!(one
			.iter()
			.all(|value| *value == one[0] && *value < u32::MAX));
		let few = sketch_of(0..5);
		assert!(few.iter().all(|value| *value < u32::MAX));
		assert_eq!(agreeing(&few, &sketch_of((0..5).rev())), SKETCH_SIZE as u32);
		assert_eq!(densify(&[EMPTY_BIN; SKETCH_SIZE]), [u32::MAX; SKETCH_SIZE]);
	}

	#[test]
	fn agreeing_positions_estimate_jaccard_similarity_for_small_and_large_sets() {
		// (set A, set B, true Jaccard similarity), averaged over shifted key ranges so that
		// the mean error is well below one standard error of a single sketch.
		for (size, overlap) in [(20u64, 10u64), (200, 100), (5_000, 2_500), (5_000, 4_500)] {
			let jaccard = overlap as f64 / (2 * size - overlap) as f64;
			let trials = 40u64;
			let mean: f64 = (0..trials)
				.map(|t| {
					let base = t * 1_000_000;
					let a = sketch_of(base..base + size);
					let b = sketch_of(base + size - overlap..base + 2 * size - overlap);
					f64::from(agreeing(&a, &b)) / SKETCH_SIZE as f64
				})
				.sum::<f64>()
				/ trials as f64;
			let error = (jaccard * (1.0 - jaccard) / (SKETCH_SIZE as f64 * trials as f64)).sqrt();
			assert!(
				(mean - jaccard).abs() <= 4.0 * error + 0.01,
				"{size} records, {overlap} shared: {mean} vs {jaccard}"
			);
		}
	}

	#[test]
	fn band_keys_depend_on_their_band_only() {
		let mut other = base();
		other[SKETCH_SIZE - 1] = 7_777;
		assert_eq!(band_key(&base(), 0), band_key(&other, 0));
		assert_ne!(band_key(&base(), BANDS - 1), band_key(&other, BANDS - 1));
		assert_ne!(band_key(&base(), 0), band_key(&base(), 1));
	}
}
