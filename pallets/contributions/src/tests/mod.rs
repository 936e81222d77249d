//! Unit tests of pallet-contributions, by feature.
#![allow(clippy::arithmetic_side_effects)]

mod attest;
mod fine_tunes;
mod governance;
mod licenses;
mod lifecycle;
mod measured;
mod migration;
mod novelty;
mod revocation;
mod submit;

use frame_support::assert_ok;

use crate::{mock::*, *};

/// A valid dataset submission's URI.
pub const URI: &[u8] = b"https://data.example/set.tar";
/// A valid license, one the mock lists as accepted.
pub const LICENSE: &[u8] = b"CC-BY-4.0";
/// The consent of every test submission: all three levels, so a record that kept another
/// value would show.
pub const CONSENT: Consent = Consent {
	ai_training: ConsentLevel::Allowed,
	ai_generative_training: ConsentLevel::Constrained,
	ai_inference: ConsentLevel::NotAllowed,
	data_mining: ConsentLevel::Allowed,
};

/// The deposit a submission with [`URI`], [`LICENSE`] and no description holds.
pub fn standard_deposit() -> Balance {
	DEPOSIT_BASE + DEPOSIT_PER_BYTE * (URI.len() + LICENSE.len()) as Balance
}

/// Submits a dataset with root `[seed; 32]` as `who` and returns its id.
pub fn submit_dataset(who: AccountId, seed: u8) -> ContributionId {
	let id = NextContributionId::<Test>::get();
	assert_ok!(ContributionsPallet::submit(
		RuntimeOrigin::signed(who),
		ContributionKind::Dataset,
		[seed; 32],
		1_000,
		URI.to_vec(),
		LICENSE.to_vec(),
		CONSENT,
		None,
	));
	id
}

/// Submits a fine-tune of the mock's base model 0 with root `[seed; 32]` as `who` and
/// returns its id. Fine-tunes are verified by a quorum's median score.
pub fn submit_fine_tune(who: AccountId, seed: u8) -> ContributionId {
	let id = NextContributionId::<Test>::get();
	assert_ok!(ContributionsPallet::submit(
		RuntimeOrigin::signed(who),
		ContributionKind::FineTune { base: 0 },
		[seed; 32],
		1_000,
		URI.to_vec(),
		LICENSE.to_vec(),
		CONSENT,
		None,
	));
	id
}

/// The status of contribution `id`.
pub fn status(id: ContributionId) -> ContributionStatus {
	Contributions::<Test>::get(id).unwrap().status
}

/// `verifier` attests contribution `id`.
pub fn attest(
	verifier: AccountId,
	id: ContributionId,
	verdict: Verdict,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	ContributionsPallet::attest(RuntimeOrigin::signed(verifier), id, verdict)
}

/// Governance sets the mock's default parameters with `change` applied.
pub fn change_parameters(change: impl FnOnce(&mut Parameters<Balance, u64>)) {
	let mut parameters = DefaultParams::get();
	change(&mut parameters);
	assert_ok!(ContributionsPallet::set_parameters(
		RuntimeOrigin::root(),
		parameters
	));
}

/// The last block in which contribution `id` may be attested.
pub fn deadline(id: ContributionId) -> u64 {
	Contributions::<Test>::get(id).unwrap().deadline
}

/// The balance `who` holds for contribution deposits.
pub fn held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	<Balances as InspectHold<AccountId>>::balance_on_hold(
		&RuntimeHoldReason::ContributionsPallet(HoldReason::ContributionDeposit),
		&who,
	)
}

/// The free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// The ids listed for expiry under `deadline`, page after page.
pub fn listed(deadline: u64) -> Vec<ContributionId> {
	let pages =
		ExpiringCount::<Test>::get(deadline).div_ceil(ContributionsPallet::expiry_page_size());
	(0..pages)
		.flat_map(|page| Expiring::<Test>::get(deadline, page).into_inner())
		.collect()
}
