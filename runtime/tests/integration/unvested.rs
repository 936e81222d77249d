//! An unvested reward on the real runtime, where balances' freezes overlap holds: its owner
//! cannot transfer it away, may put it under a contribution deposit, and a clawback then
//! takes back what it can and records the held part as the owner's debt, so moving the
//! reward under a hold does not escape the clawback.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects
)]

use crate::support;

use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectFreeze, InspectHold},
		tokens::{Fortitude, Preservation},
	},
};
use gongyu_runtime::{
	AccountId, Balances, Contributions, Runtime, RuntimeCall, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, EXISTENTIAL_DEPOSIT, UNIT,
};
use pallet_contributions::{Consent, ConsentLevel, ContributionKind, Verdict};
use pallet_rewards::clawback::RewardClawback;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use sp_runtime::TokenError;
use support::{council_vote, dev_chain, measured_counts, run_to, signed};

const URI: &[u8] = b"https://data.gongyu.example/ko-dialogues.tar";
const LICENSE: &[u8] = b"CC-BY-4.0";

fn submit(who: &AccountId, root: u8) -> sp_runtime::DispatchResult {
	Contributions::submit(
		signed(who),
		ContributionKind::Dataset,
		[root; 32],
		1 << 20,
		URI.to_vec(),
		LICENSE.to_vec(),
		Consent::all(ConsentLevel::Allowed),
		None,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

fn unvested_frozen(who: &AccountId) -> u128 {
	Balances::balance_frozen(
		&RuntimeFreezeReason::Rewards(pallet_rewards::FreezeReason::UnvestedReward),
		who,
	)
}

fn deposit_held(who: &AccountId) -> u128 {
	Balances::balance_on_hold(
		&RuntimeHoldReason::Contributions(pallet_contributions::HoldReason::ContributionDeposit),
		who,
	)
}

#[test]
fn an_unvested_reward_moved_under_a_deposit_hold_is_clawed_back_as_debt() {
	dev_chain().execute_with(|| {
		assert_ok!(council_vote(
			RuntimeCall::Rewards(pallet_rewards::Call::set_budget {
				budget: 5_000 * UNIT
			}),
			&[Alice.to_account_id(), Bob.to_account_id()],
		));
		// A new account with just enough for one deposit.
		let owner = AccountId::new([0x5a; 32]);
		let deposit = pallet_contributions::Params::<Runtime>::get().submission_deposit(
			URI.len() as u32,
			LICENSE.len() as u32,
			false,
		);
		assert_ok!(Balances::force_set_balance(
			RuntimeOrigin::root(),
			owner.clone().into(),
			deposit + EXISTENTIAL_DEPOSIT,
		));
		assert_ok!(submit(&owner, 1));
		let counts = measured_counts();
		for verifier in [Bob, Charlie] {
			assert_ok!(Contributions::attest(
				signed(&verifier.to_account_id()),
				0,
				Verdict::Measured {
					counts,
					sketch: [7; 64],
				}
			));
		}
		let epoch = pallet_rewards::CurrentEpoch::<Runtime>::get();
		run_to(epoch.start + pallet_rewards::EpochLength::<Runtime>::get() + 1);
		let reward = pallet_rewards::ContributionRewards::<Runtime>::get(0).reward;
		assert!(
			reward > deposit,
			"the reward pays more than a second deposit"
		);
		assert_eq!(unvested_frozen(&owner), reward);

		// The owner sends away everything not frozen; the reward itself cannot follow.
		let unfrozen =
			Balances::reducible_balance(&owner, Preservation::Preserve, Fortitude::Polite);
		assert_ok!(Balances::transfer_keep_alive(
			signed(&owner),
			Alice.to_account_id().into(),
			unfrozen
		));
		assert_noop!(
			Balances::transfer_keep_alive(signed(&owner), Alice.to_account_id().into(), 1),
			TokenError::Frozen
		);

		// A freeze overlaps holds: the unvested reward pays a second deposit.
		assert_ok!(submit(&owner, 2));
		assert_eq!(deposit_held(&owner), deposit);
		assert_eq!(unvested_frozen(&owner), reward);

		// A dispute upheld against the first contribution takes the reward back: all but
		// the held part at once, the held part as a debt on later rewards.
		let clawed =
			<pallet_rewards::Pallet<Runtime> as RewardClawback<_, _>>::claw_back(&owner, 0);
		assert_eq!(clawed.returned + clawed.debt, reward);
		assert!(
			clawed.debt >= deposit,
			"the held deposit cannot be taken now"
		);
		assert_eq!(pallet_rewards::Debts::<Runtime>::get(&owner), clawed.debt);
		assert_eq!(unvested_frozen(&owner), 0);
		assert_eq!(
			Balances::reducible_balance(&owner, Preservation::Expendable, Fortitude::Polite),
			0,
			"nothing of the reward is left to move"
		);
	});
}
