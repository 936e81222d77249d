//! Benchmarks of pallet-contributions, each at its worst case.

// Benchmark setup runs only in benchmarks, on values it chose itself.
#![allow(clippy::arithmetic_side_effects)]

use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get, SortedMembers, UnfilteredDispatchable,
};
use frame_system::RawOrigin;
use sp_runtime::{traits::Zero, Perbill, Saturating};

use crate::*;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who);
	who
}

/// Gives `who` enough for many of the largest deposits.
fn fund<T: Config>(who: &T::AccountId) {
	// Enough for several of the largest deposits, without overflowing total issuance.
	let largest_deposit =
		Params::<T>::get().submission_deposit(T::MaxUriLen::get(), T::MaxLicenseLen::get(), true);
	let amount = largest_deposit
		.saturating_mul(100u32.into())
		.saturating_add(T::Currency::minimum_balance().saturating_mul(1_000u32.into()));
	let _ = T::Currency::set_balance(who, amount);
}

fn uri_of_len(len: u32) -> Vec<u8> {
	let mut uri = b"https://".to_vec();
	uri.resize(len.max(9) as usize, b'a');
	uri
}

/// The root the `submit_*` benchmarks submit.
const SUBMITTED_ROOT: ContentHash = [0xff; 32];

/// The submission the `submit_*` benchmarks measure: `kind` at [`SUBMITTED_ROOT`], with a URI
/// of `uri_len` bytes, `license`, every use consented to and a description.
fn submission<T: Config>(kind: ContributionKind, uri_len: u32, license: Vec<u8>) -> Call<T> {
	Call::<T>::submit {
		kind,
		root: SUBMITTED_ROOT,
		bytes: 1_000,
		uri: uri_of_len(uri_len),
		license,
		consent: Consent::all(ConsentLevel::Allowed),
		description_hash: Some([1; 32]),
	}
}

/// A license of `len` bytes, listed as accepted with every use allowed.
fn accepted_license<T: Config>(len: u32) -> Result<Vec<u8>, BenchmarkError> {
	let license = vec![b'L'; len as usize];
	Pallet::<T>::list_license(license.clone(), LicenseTerms::OPEN)
		.map_err(|_| BenchmarkError::Stop("the license list is full"))?;
	Ok(license)
}

fn root_of(index: u32) -> ContentHash {
	let mut root = [0u8; 32];
	root[..4].copy_from_slice(&index.to_le_bytes());
	root
}

/// Submits a pending dataset with the longest metadata for a fresh owner; root and owner
/// derive from the new id, so repeated runs never collide.
fn pending<T: Config>() -> Result<ContributionId, BenchmarkError> {
	let id = NextContributionId::<T>::get();
	let seed = u32::try_from(id).map_err(|_| BenchmarkError::Stop("too many contributions"))?;
	let owner = funded::<T>("owner", seed);
	Pallet::<T>::submit(
		RawOrigin::Signed(owner).into(),
		ContributionKind::Dataset,
		root_of(seed),
		1_000,
		uri_of_len(T::MaxUriLen::get()),
		accepted_license::<T>(T::MaxLicenseLen::get())?,
		Consent::all(ConsentLevel::Allowed),
		Some([1; 32]),
	)?;
	Ok(id)
}

/// A `Measured` verdict on a [`pending`] dataset (1,000 bytes): `10 + extra` records, 10 of
/// them valid, one a duplicate, the other 9 useful. Different `extra`, different counts.
fn measured(extra: u64) -> Verdict {
	Verdict::Measured {
		counts: RecordCounts {
			records: extra.saturating_add(10),
			valid: 10,
			duplicates: 1,
			in_language: 9,
			useful_bytes: 450,
		},
		sketch: benchmark_sketch(),
	}
}

/// The sketch of every [`measured`] verdict.
fn benchmark_sketch() -> Sketch {
	core::array::from_fn(|i| u32::try_from(i).unwrap_or_default())
}

/// Fills every bucket of [`benchmark_sketch`]'s bands with `MaxBandBucket` earlier verified
/// datasets of their own, each in one band only: the most sketches a decision reads.
fn fill_novelty_index<T: Config>(before: ContributionId) {
	let per_bucket = u64::from(T::MaxBandBucket::get());
	let sketch = benchmark_sketch();
	let mut id: ContributionId = 0;
	for band in 0..novelty::BANDS {
		let key = (
			u8::try_from(band).unwrap_or_default(),
			novelty::band_key(&sketch, band),
		);
		for _ in 0..per_bucket {
			if id >= before {
				return;
			}
			// Shares this band with the benchmark sketch and nothing else.
			let mut theirs: Sketch = core::array::from_fn(|i| {
				u32::MAX.saturating_sub(u32::try_from(i).unwrap_or_default())
			});
			let rows = band.saturating_mul(novelty::ROWS);
			for row in rows..rows.saturating_add(novelty::ROWS) {
				if let (Some(slot), Some(value)) = (theirs.get_mut(row), sketch.get(row)) {
					*slot = *value;
				}
			}
			// Any other value makes each candidate distinct.
			if let Some(last) = theirs.last_mut() {
				*last = last.wrapping_sub(u32::try_from(id).unwrap_or_default());
			}
			Sketches::<T>::insert(
				id,
				DatasetSketch {
					sketch: theirs,
					records: 9,
				},
			);
			Bands::<T>::mutate(key, |bucket| {
				let _ = bucket.try_push(id);
			});
			id = id.saturating_add(1);
		}
	}
}

/// The whitelisted caller, funded, with one pending contribution fewer than the limit, and an
/// accepted license of `len` bytes: the owner of a benchmarked submission. Its deadline's
/// count and the page of the expiry list it goes on are whitelisted: a block reads and writes
/// the count once (charged in `on_initialize`, [`Pallet::shared_keys_weight`]) and each page
/// once (charged to the submission that opens it, [`Pallet::expiry_page_weight`]).
fn submitter<T: Config>(len: u32) -> Result<(T::AccountId, Vec<u8>), BenchmarkError> {
	// The block the benchmarked call runs in (the benchmark moves block 0 to 1 before it).
	if frame_system::Pallet::<T>::block_number().is_zero() {
		frame_system::Pallet::<T>::set_block_number(1u32.into());
	}
	let owner: T::AccountId = whitelisted_caller();
	fund::<T>(&owner);
	let short_license = accepted_license::<T>(1)?;
	for i in 1..T::MaxPendingPerAccount::get() {
		let _ = Pallet::<T>::submit(
			RawOrigin::Signed(owner.clone()).into(),
			ContributionKind::Dataset,
			root_of(i),
			1,
			uri_of_len(9),
			short_license.clone(),
			Consent::all(ConsentLevel::Allowed),
			None,
		);
	}
	let deadline = frame_system::Pallet::<T>::block_number()
		.saturating_add(Params::<T>::get().verification_period);
	// Earlier submissions of the block, by other owners, leave one place on the open page.
	let page_size = Pallet::<T>::expiry_page_size();
	let mut count = ExpiringCount::<T>::get(deadline);
	let page = count / page_size;
	Expiring::<T>::mutate(deadline, page, |ids| {
		let mut other = ContributionId::MAX;
		while ids.len() + 1 < page_size as usize && ids.try_push(other).is_ok() {
			other = other.saturating_sub(1);
			count += 1;
		}
	});
	ExpiringCount::<T>::insert(deadline, count);
	for key in [
		ExpiringCount::<T>::hashed_key_for(deadline),
		Expiring::<T>::hashed_key_for(deadline, page),
	] {
		frame_benchmarking::benchmarking::add_to_whitelist(key.into());
	}
	Ok((owner, accepted_license::<T>(len)?))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Submission of a dataset by an owner one below the pending limit, with a URI of `u`
	/// bytes, a license of `l` bytes and a description. The owner is the whitelisted
	/// caller, as for every signed call in FRAME's benchmarks: the signer's account is read
	/// and written by the transaction's fee payment, which the base extrinsic weight
	/// already prices; the deposit hold's own item is counted.
	#[benchmark]
	fn submit_dataset(
		u: Linear<9, { T::MaxUriLen::get() }>,
		l: Linear<1, { T::MaxLicenseLen::get() }>,
	) -> Result<(), BenchmarkError> {
		let (owner, license) = submitter::<T>(l)?;
		let call = submission::<T>(ContributionKind::Dataset, u, license);

		#[block]
		{
			call.dispatch_bypass_filter(RawOrigin::Signed(owner).into())?;
		}

		assert!(ByHash::<T>::contains_key(SUBMITTED_ROOT));
		Ok(())
	}

	/// As [`submit_dataset`], for a fine-tune: one more read, of its base model version.
	#[benchmark]
	fn submit_fine_tune(
		u: Linear<9, { T::MaxUriLen::get() }>,
		l: Linear<1, { T::MaxLicenseLen::get() }>,
	) -> Result<(), BenchmarkError> {
		let (owner, license) = submitter::<T>(l)?;
		let base = T::ModelVersions::benchmark_base().unwrap_or_default();
		let call = submission::<T>(ContributionKind::FineTune { base }, u, license);

		#[block]
		{
			call.dispatch_bypass_filter(RawOrigin::Signed(owner).into())?;
		}

		assert!(ByHash::<T>::contains_key(SUBMITTED_ROOT));
		Ok(())
	}

	/// The deciding attestation, with `a - 1` attestations already recorded: verifies the
	/// dataset by its counts, against a full novelty index (every bucket of its bands full of
	/// earlier datasets, each read). From two attestations up: a decision needs a strict
	/// majority of the verifiers, which one vote is only alone.
	#[benchmark]
	fn attest(a: Linear<2, { T::MaxAttestations::get() }>) -> Result<(), BenchmarkError> {
		// `a` verifiers attest: members the chain has already, topped up with new ones.
		let mut index = 0u32;
		while (T::Verifiers::count() as u32) < a {
			let verifier: T::AccountId = account("verifier", index, 0);
			if !T::Verifiers::contains(&verifier) {
				T::Verifiers::add(&verifier);
			}
			index = index.saturating_add(1);
		}
		let verifiers: Vec<T::AccountId> = T::Verifiers::sorted_members()
			.into_iter()
			.take(a as usize)
			.collect();
		// Exactly `a` agreeing attestations decide, whatever verifiers the chain has already.
		let total = u32::try_from(T::Verifiers::count()).unwrap_or(u32::MAX);
		Params::<T>::mutate(|p| {
			p.quorum = Perbill::from_rational(a, total);
			p.min_attestations = 1;
		});
		// Room below the pending id for a full novelty index of earlier datasets.
		let earlier_datasets =
			u64::from(T::MaxBandBucket::get()).saturating_mul(novelty::BANDS as u64);
		NextContributionId::<T>::mutate(|next| *next = (*next).max(earlier_datasets));
		let id = pending::<T>()?;
		fill_novelty_index::<T>(id);
		let (last, earlier) = verifiers.split_last().ok_or(BenchmarkError::Weightless)?;
		for v in earlier {
			let _ = Pallet::<T>::attest(RawOrigin::Signed(v.clone()).into(), id, measured(0));
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(last.clone()), id, measured(0));

		assert!(matches!(
			Contributions::<T>::get(id).map(|c| c.status),
			Some(ContributionStatus::Verified { .. })
		));
		Ok(())
	}

	/// An attestation that decides nothing, with `a - 1` attestations already recorded: what
	/// `attest` costs after its refund. The quorum is every verifier, the earlier attestations
	/// all count different records (the tally compares each with every group) and the last
	/// finds a mismatch, so no side reaches it.
	#[benchmark]
	fn attest_recorded(a: Linear<1, { T::MaxAttestations::get() }>) -> Result<(), BenchmarkError> {
		let mut index = 0u32;
		while (T::Verifiers::count() as u32) < a.max(2) {
			let verifier: T::AccountId = account("verifier", index, 0);
			if !T::Verifiers::contains(&verifier) {
				T::Verifiers::add(&verifier);
			}
			index = index.saturating_add(1);
		}
		let verifiers: Vec<T::AccountId> = T::Verifiers::sorted_members()
			.into_iter()
			.take(a as usize)
			.collect();
		Params::<T>::mutate(|p| p.quorum = Perbill::one());
		let id = pending::<T>()?;
		let (last, earlier) = verifiers.split_last().ok_or(BenchmarkError::Weightless)?;
		for (extra, v) in (0u64..).zip(earlier) {
			let _ = Pallet::<T>::attest(RawOrigin::Signed(v.clone()).into(), id, measured(extra));
		}

		#[extrinsic_call]
		attest(RawOrigin::Signed(last.clone()), id, Verdict::HashMismatch);

		let contribution = Contributions::<T>::get(id).ok_or(BenchmarkError::Weightless)?;
		assert_eq!(contribution.status, ContributionStatus::Pending);
		assert_eq!(contribution.attestations.len(), a as usize);
		Ok(())
	}

	/// After a negative attestation: the deposit is slashed to the pot, the dearer case.
	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let verifier: T::AccountId = account("verifier", 0, 0);
		if !T::Verifiers::contains(&verifier) {
			T::Verifiers::add(&verifier);
		}
		let id = pending::<T>()?;
		let owner = Contributions::<T>::get(id)
			.map(|c| c.owner)
			.unwrap_or_else(|| account("owner", 0, 0));
		Pallet::<T>::attest(RawOrigin::Signed(verifier).into(), id, Verdict::Unreachable)
			.map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert_eq!(
			Contributions::<T>::get(id).map(|c| c.status),
			Some(ContributionStatus::Withdrawn)
		);
		Ok(())
	}

	#[benchmark]
	fn set_parameters() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let mut parameters = Params::<T>::get();
		parameters.quorum = Perbill::from_percent(67);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, parameters);

		assert_eq!(Params::<T>::get().quorum, Perbill::from_percent(67));
		Ok(())
	}

	/// Listing a new license of the longest identifier: the count is read and written.
	#[benchmark]
	fn set_license() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let license = vec![b'N'; T::MaxLicenseLen::get() as usize];
		let listed = LicenseCount::<T>::get();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			license,
			Some(LicenseTerms::OPEN),
		);

		assert_eq!(LicenseCount::<T>::get(), listed.saturating_add(1));
		Ok(())
	}

	/// Verifying a dataset by its counts against a full novelty index is the heaviest
	/// decision: it reads every candidate's sketch, where a rejection slashes into the pot.
	#[benchmark]
	fn force_decide() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let earlier_datasets =
			u64::from(T::MaxBandBucket::get()).saturating_mul(novelty::BANDS as u64);
		NextContributionId::<T>::mutate(|next| *next = (*next).max(earlier_datasets));
		let id = pending::<T>()?;
		fill_novelty_index::<T>(id);
		let Verdict::Measured { counts, sketch } = measured(0) else {
			return Err(BenchmarkError::Weightless);
		};

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			id,
			Decision::Measured { counts, sketch },
		);

		assert!(matches!(
			Contributions::<T>::get(id).map(|c| c.status),
			Some(ContributionStatus::Verified { .. })
		));
		Ok(())
	}

	/// `n` contributions past their deadline expire in one block and `s` entries are
	/// skipped as withdrawn, `n + s` being the block's budget of checks. Each was submitted
	/// in a block of its own, so each has a deadline and a page to itself, read and removed
	/// with its count; the last page holds more entries, left for the next block and
	/// written back.
	#[benchmark]
	fn on_initialize(
		n: Linear<0, { T::MaxExpiriesPerBlock::get() }>,
		s: Linear<0, { T::MaxExpiryChecksPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let period = Params::<T>::get().verification_period;
		let start = frame_system::Pallet::<T>::block_number().saturating_add(1u32.into());
		let mut block = start;
		// The withdrawn entries first: the block expires the last `n`.
		for _ in 0..s {
			frame_system::Pallet::<T>::set_block_number(block);
			let id = pending::<T>()?;
			let owner = Contributions::<T>::get(id)
				.map(|c| c.owner)
				.ok_or(BenchmarkError::Weightless)?;
			Pallet::<T>::withdraw(RawOrigin::Signed(owner).into(), id)?;
			block = block.saturating_add(1u32.into());
		}
		let first = NextContributionId::<T>::get();
		for _ in 0..n {
			frame_system::Pallet::<T>::set_block_number(block);
			pending::<T>()?;
			block = block.saturating_add(1u32.into());
		}
		let last_deadline = block.saturating_sub(1u32.into()).saturating_add(period);
		if n.saturating_add(s) > 0 {
			// Entries beyond this block's budget, on the last page.
			Expiring::<T>::mutate(last_deadline, 0, |ids| {
				let mut later = ContributionId::MAX;
				while ids.try_push(later).is_ok() {
					later = later.saturating_sub(1);
				}
			});
			let listed = Expiring::<T>::get(last_deadline, 0).len() as u32;
			ExpiringCount::<T>::insert(last_deadline, listed);
		}
		NextExpiryDeadline::<T>::put(start.saturating_add(period));
		let now = last_deadline.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(now);

		#[block]
		{
			Pallet::<T>::expire_due(now, T::MaxExpiriesPerBlock::get(), n.saturating_add(s));
		}

		for id in first..first.saturating_add(u64::from(n)) {
			assert_eq!(
				Contributions::<T>::get(id).map(|c| c.status),
				Some(ContributionStatus::Expired)
			);
		}
		if n.saturating_add(s) > 0 {
			let left = T::ExpiryPageSize::get().saturating_sub(1);
			assert_eq!(Expiring::<T>::get(last_deadline, 0).len(), left as usize);
			assert_eq!(NextExpiryDeadline::<T>::get(), last_deadline);
		}
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::new_bench(),
		crate::mock::Test
	);
}
