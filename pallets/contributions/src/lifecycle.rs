//! How a pending contribution is decided: the tally of attestations, verification,
//! rejection, the release of deposits and expiry.

use alloc::{collections::BTreeSet, vec::Vec};
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{BalancedHold, MutateHold},
		tokens::Precision,
		Imbalance, OnUnbalanced, SortedMembers,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;

use sp_runtime::{
	traits::{One, Saturating, Zero},
	Perbill,
};

use crate::{
	novelty::{self, DatasetSketch, Sketch},
	Bands, Receipt, Receipts, Sketches,
};
use crate::{
	quality, quorum, weights::WeightInfo, BalanceOf, ByHash, Config, ContributionId,
	ContributionKind, ContributionOf, ContributionStatus, Contributions, Decision, Error, Event,
	Expiring, ExpiringCount, HoldReason, NextExpiryDeadline, NextExpiryPage,
	OnContributionVerified, Owners, Pallet, Params, RecordCounts, RootClaim, Score, Verdict,
};

/// Band numbers as stored in the index keys (`BANDS` fits in a byte).
fn band_index(band: usize) -> u8 {
	u8::try_from(band).unwrap_or(u8::MAX)
}

impl<T: Config> Pallet<T> {
	/// Whether `verdict` may be attested on `contribution`: a dataset is verified only by
	/// consistent record counts ([`Verdict::Measured`]), a fine-tune only by a score.
	pub(crate) fn ensure_verdict_fits(
		contribution: &ContributionOf<T>,
		verdict: &Verdict,
	) -> DispatchResult {
		let is_dataset = contribution.kind == ContributionKind::Dataset;
		match verdict {
			Verdict::Valid { .. } => ensure!(!is_dataset, Error::<T>::DatasetNeedsCounts),
			Verdict::Measured { counts, .. } => {
				ensure!(is_dataset, Error::<T>::CountsForDatasetsOnly);
				ensure!(
					quality::is_consistent(counts, contribution.bytes),
					Error::<T>::InconsistentCounts
				);
			}
			Verdict::BadFormat => ensure!(is_dataset, Error::<T>::CountsForDatasetsOnly),
			Verdict::ArchitectureMismatch | Verdict::AdapterMismatch | Verdict::Unevaluated => {
				ensure!(!is_dataset, Error::<T>::WeightsVerdictOnDataset)
			}
			Verdict::HashMismatch | Verdict::Unreachable | Verdict::CardMismatch => {}
		}
		Ok(())
	}

	/// The decision the attestations of current verifiers reach, if any. Scores of valid
	/// fine-tunes are combined by their median, an `Unevaluated` attestation counting as
	/// `Parameters::unevaluated_score`; counts of a dataset must be identical in a
	/// quorum of attestations, since every honest verifier computes the same ones.
	pub fn tally(contribution: &ContributionOf<T>) -> Option<Decision> {
		let verifiers = T::Verifiers::sorted_members();
		let params = Params::<T>::get();
		let required = quorum::required_votes(
			params.quorum,
			params.min_attestations,
			u32::try_from(verifiers.len()).unwrap_or(u32::MAX),
		);
		let current = contribution
			.attestations
			.iter()
			.filter(|a| verifiers.binary_search(&a.verifier).is_ok());
		let is_dataset = contribution.kind == ContributionKind::Dataset;
		let mut scores = Vec::new();
		let mut measured: Vec<((RecordCounts, Sketch), u32)> = Vec::new();
		let mut wrong: u32 = 0;
		let mut unreachable: u32 = 0;
		for attestation in current {
			match attestation.verdict {
				// A dataset's `Valid` attestation (only from before counts were required)
				// verifies nothing.
				Verdict::Valid { .. } if is_dataset => {}
				Verdict::Valid { score } => scores.push(score),
				Verdict::Unevaluated => scores.push(params.unevaluated_score),
				Verdict::Measured { counts, sketch } => {
					let found = (counts, sketch);
					match measured.iter_mut().find(|(seen, _)| *seen == found) {
						Some((_, votes)) => *votes = votes.saturating_add(1),
						None => measured.push((found, 1)),
					}
				}
				Verdict::HashMismatch
				| Verdict::CardMismatch
				| Verdict::BadFormat
				| Verdict::ArchitectureMismatch
				| Verdict::AdapterMismatch => wrong = wrong.saturating_add(1),
				Verdict::Unreachable => unreachable = unreachable.saturating_add(1),
			}
		}
		if let Some(((counts, sketch), _)) = measured.iter().find(|(_, votes)| *votes >= required) {
			return Some(Decision::Measured {
				counts: *counts,
				sketch: *sketch,
			});
		}
		if u32::try_from(scores.len()).unwrap_or(u32::MAX) >= required {
			return quorum::median(&mut scores).map(|score| Decision::Verified { score });
		}
		if wrong >= required {
			return Some(Decision::Rejected);
		}
		// A quorum against it, not all of whom could even fetch the bytes.
		(wrong.saturating_add(unreachable) >= required).then_some(Decision::Unavailable)
	}

	/// Carries out `decision` on the pending `contribution`.
	pub(crate) fn decide(
		id: ContributionId,
		contribution: &mut ContributionOf<T>,
		decision: Decision,
	) {
		match decision {
			Decision::Verified { score } => {
				Self::verify(id, contribution, score, contribution.bytes);
				Receipts::<T>::insert(
					id,
					Receipt {
						counts: None,
						score,
						novelty: Perbill::one(),
						overlaps: None,
						rewarded_bytes: contribution.bytes,
					},
				);
			}
			Decision::Measured { counts, sketch } => {
				let score = quality::dataset_score(&counts, T::MaxScore::get());
				let entry = DatasetSketch {
					sketch,
					records: counts.in_language,
				};
				let closest = Self::closest_earlier(id, &entry);
				let contained = closest.map_or(Perbill::zero(), |(_, part)| part);
				let novelty = Perbill::one().saturating_sub(contained);
				let rewarded_bytes = novelty.mul_floor(quality::rewarded_bytes(&counts));
				Self::verify(id, contribution, score, rewarded_bytes);
				if entry.records > 0 {
					Self::add_to_index(id, entry);
				}
				let overlaps = closest.map(|(earlier, _)| earlier);
				Receipts::<T>::insert(
					id,
					Receipt {
						counts: Some(counts),
						score,
						novelty,
						overlaps,
						rewarded_bytes,
					},
				);
				Self::deposit_event(Event::DatasetMeasured {
					id,
					counts,
					score,
					novelty,
					overlaps,
					rewarded_bytes,
				});
			}
			Decision::Rejected => Self::reject(id, contribution),
			Decision::Unavailable => Self::mark_unavailable(id, contribution),
		}
	}

	/// The earlier verified dataset in the novelty index that holds the largest part of
	/// `entry`'s records, with that part; `None` when no bucket holds an earlier dataset that
	/// shares a record. Reads at most `BANDS` buckets and `BANDS × MaxBandBucket` sketches.
	pub(crate) fn closest_earlier(
		id: ContributionId,
		entry: &DatasetSketch,
	) -> Option<(ContributionId, Perbill)> {
		if entry.records == 0 {
			return None;
		}
		let mut candidates: BTreeSet<ContributionId> = BTreeSet::new();
		for band in 0..novelty::BANDS {
			let key = (band_index(band), novelty::band_key(&entry.sketch, band));
			candidates.extend(
				Bands::<T>::get(key)
					.into_iter()
					.filter(|earlier| *earlier < id),
			);
		}
		candidates
			.into_iter()
			.filter_map(|earlier| {
				let sketch = Sketches::<T>::get(earlier)?;
				let part = novelty::containment(&sketch, entry);
				(!part.is_zero()).then_some((earlier, part))
			})
			// The largest part; of equal parts, the earliest dataset.
			.fold(
				None,
				|best: Option<(ContributionId, Perbill)>, (earlier, part)| match best {
					Some((_, best_part)) if best_part >= part => best,
					_ => Some((earlier, part)),
				},
			)
	}

	/// Adds dataset `id` to the novelty index: its sketch, and its id to each of its bands'
	/// buckets in id order. A full bucket keeps its earliest datasets: `id` takes the place of
	/// the latest one if it is earlier, and is left out otherwise.
	pub(crate) fn add_to_index(id: ContributionId, entry: DatasetSketch) {
		for band in 0..novelty::BANDS {
			let key = (band_index(band), novelty::band_key(&entry.sketch, band));
			Bands::<T>::mutate(key, |bucket| {
				let at = bucket.partition_point(|earlier| *earlier < id);
				// `Err` only when the bucket is full of earlier datasets: `id` stays out.
				let _ = bucket.force_insert_keep_left(at, id);
			});
		}
		Sketches::<T>::insert(id, entry);
	}

	/// Marks `contribution` verified with `score`, releases its deposit and tells
	/// `OnVerified` it is rewarded for `rewarded_bytes`.
	pub(crate) fn verify(
		id: ContributionId,
		contribution: &mut ContributionOf<T>,
		score: Score,
		rewarded_bytes: u64,
	) {
		Self::close(
			id,
			contribution,
			contribution.deposit,
			ContributionStatus::Verified { score },
		);
		T::OnVerified::on_contribution_verified(
			id,
			&contribution.owner,
			contribution.kind,
			rewarded_bytes,
			score,
		);
		Self::deposit_event(Event::ContributionVerified {
			id,
			owner: contribution.owner.clone(),
			score,
		});
	}

	/// Marks `contribution` rejected and slashes its deposit to `OnSlash`.
	pub(crate) fn reject(id: ContributionId, contribution: &mut ContributionOf<T>) {
		let slashed = Self::slash_deposit(contribution, contribution.deposit);
		Self::finish(contribution, ContributionStatus::Rejected);
		Self::deposit_event(Event::ContributionRejected {
			id,
			owner: contribution.owner.clone(),
			slashed,
		});
	}

	/// Marks `contribution` unavailable: slashes `unavailable_slash` of its deposit, returns
	/// the rest and reserves its root for its owner for `unavailable_cooldown` blocks.
	pub(crate) fn mark_unavailable(id: ContributionId, contribution: &mut ContributionOf<T>) {
		let params = Params::<T>::get();
		let slashed = Self::slash_deposit(
			contribution,
			params.unavailable_slash.mul_floor(contribution.deposit),
		);
		Self::close(
			id,
			contribution,
			contribution.deposit.saturating_sub(slashed),
			ContributionStatus::Unavailable,
		);
		let reserved_until =
			frame_system::Pallet::<T>::block_number().saturating_add(params.unavailable_cooldown);
		ByHash::<T>::insert(
			contribution.root,
			RootClaim::Reserved {
				id,
				owner: contribution.owner.clone(),
				until: reserved_until,
			},
		);
		Self::deposit_event(Event::ContributionUnavailable {
			id,
			owner: contribution.owner.clone(),
			slashed,
			reserved_until,
		});
	}

	/// Slashes `amount` of `contribution`'s held deposit to `OnSlash`; returns what was
	/// slashed.
	pub(crate) fn slash_deposit(
		contribution: &ContributionOf<T>,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		let (credit, _missing) = T::Currency::slash(
			&HoldReason::ContributionDeposit.into(),
			&contribution.owner,
			amount,
		);
		let slashed = credit.peek();
		T::OnSlash::on_unbalanced(credit);
		slashed
	}

	/// Takes the storage fee from `amount` (what is still held of its deposit) of a pending
	/// contribution, releases the rest and gives it its final `status`.
	pub(crate) fn close(
		id: ContributionId,
		contribution: &mut ContributionOf<T>,
		amount: BalanceOf<T>,
		status: ContributionStatus,
	) {
		let fee = Params::<T>::get().storage_fee.min(amount);
		let amount = if fee.is_zero() {
			amount
		} else {
			let paid = Self::slash_deposit(contribution, fee);
			Self::deposit_event(Event::StorageFeePaid {
				id,
				owner: contribution.owner.clone(),
				amount: paid,
			});
			amount.saturating_sub(paid)
		};
		let released = T::Currency::release(
			&HoldReason::ContributionDeposit.into(),
			&contribution.owner,
			amount,
			Precision::BestEffort,
		);
		if released.ok() != Some(amount) {
			frame_support::defensive!("a pending contribution's deposit was not fully held");
		}
		Self::finish(contribution, status);
	}

	/// Leaves the pending state: counts, hash index and status. The entry in [`Expiring`]
	/// stays, for expiry to skip: removing it would cost a read and a write of its page.
	pub(crate) fn finish(contribution: &mut ContributionOf<T>, status: ContributionStatus) {
		Owners::<T>::mutate(&contribution.owner, |record| {
			record.pending = record.pending.saturating_sub(1);
		});
		if !matches!(status, ContributionStatus::Verified { .. }) {
			ByHash::<T>::remove(contribution.root);
		}
		contribution.status = status;
	}

	/// Lists contribution `id` for expiry at `deadline`, on the last page of its list or a
	/// new one; whether it opened the page. Fails with `DeadlineFull` when the deadline
	/// lists `MaxSubmissionsPerDeadline` already.
	pub(crate) fn list_for_expiry(
		deadline: BlockNumberFor<T>,
		id: ContributionId,
	) -> Result<bool, DispatchError> {
		let count = ExpiringCount::<T>::get(deadline);
		ensure!(
			count < T::MaxSubmissionsPerDeadline::get(),
			Error::<T>::DeadlineFull
		);
		let page_size = Pallet::<T>::expiry_page_size();
		Expiring::<T>::try_append(
			deadline,
			count.checked_div(page_size).unwrap_or_default(),
			id,
		)
		.map_err(|_| Error::<T>::DeadlineFull)?;
		ExpiringCount::<T>::insert(deadline, count.saturating_add(1));
		Ok(count.is_multiple_of(page_size))
	}

	/// Expires pending contributions whose deadline is before `now`, in deadline order from
	/// [`NextExpiryDeadline`] on, and each deadline's in submission order: at most
	/// `max_expired` of them, examining at most `max_examined` entries (an entry skipped as
	/// decided already, or a deadline found empty, counts as one). Each page finished is
	/// removed; what is left of a page is written back and waits for the next block.
	///
	/// The weight is the benchmark's for the numbers expired and skipped.
	pub(crate) fn expire_due(
		now: BlockNumberFor<T>,
		max_expired: u32,
		max_examined: u32,
	) -> Weight {
		let page_size = Pallet::<T>::expiry_page_size();
		let mut deadline = NextExpiryDeadline::<T>::get();
		let mut page = NextExpiryPage::<T>::get();
		let mut examined: u32 = 0;
		let mut expired: u32 = 0;
		let has_budget =
			|examined: u32, expired: u32| examined < max_examined && expired < max_expired;
		'deadlines: while deadline < now && has_budget(examined, expired) {
			let count = ExpiringCount::<T>::get(deadline);
			if count == 0 {
				examined = examined.saturating_add(1);
				deadline = deadline.saturating_add(One::one());
				page = 0;
				continue;
			}
			while page < count.div_ceil(page_size) {
				if !has_budget(examined, expired) {
					break 'deadlines;
				}
				let listed = Expiring::<T>::get(deadline, page).into_inner();
				let mut done: usize = 0;
				for id in &listed {
					if !has_budget(examined, expired) {
						break;
					}
					examined = examined.saturating_add(1);
					done = done.saturating_add(1);
					if Self::expire(deadline, *id) {
						expired = expired.saturating_add(1);
					}
				}
				if let Some(rest) = listed.get(done..).filter(|rest| !rest.is_empty()) {
					Expiring::<T>::insert(deadline, page, BoundedVec::truncate_from(rest.to_vec()));
					break 'deadlines;
				}
				Expiring::<T>::remove(deadline, page);
				page = page.saturating_add(1);
			}
			ExpiringCount::<T>::remove(deadline);
			deadline = deadline.saturating_add(One::one());
			page = 0;
		}
		NextExpiryDeadline::<T>::put(deadline);
		NextExpiryPage::<T>::put(page);
		T::WeightInfo::on_initialize(expired, examined.saturating_sub(expired))
	}

	/// Expires contribution `id`, listed under `deadline`, if it is still pending with that
	/// deadline; whether it did. A contribution decided before its deadline is skipped.
	fn expire(deadline: BlockNumberFor<T>, id: ContributionId) -> bool {
		let Some(mut contribution) = Contributions::<T>::get(id)
			.filter(|c| c.status == ContributionStatus::Pending && c.deadline == deadline)
		else {
			return false;
		};
		let deposit = contribution.deposit;
		Self::close(id, &mut contribution, deposit, ContributionStatus::Expired);
		let owner = contribution.owner.clone();
		Contributions::<T>::insert(id, contribution);
		Self::deposit_event(Event::ContributionExpired { id, owner });
		true
	}
}
