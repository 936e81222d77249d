//! The supply rule: total issuance changes only when governance mints into the reward pot.
//! Signed accounts cannot burn or set balances, directly or inside a batch; what they can
//! do (transfers) and what governance can do (minting) keeps the rule, which the rewards
//! pallet's `try_state` checks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support;

use frame_support::assert_ok;
use gongyu_runtime::{Balances, Rewards, RuntimeCall};
use sp_keyring::Sr25519Keyring::{Alice, Bob};
use sp_runtime::traits::Dispatchable;

fn is_filtered(
	result: sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo>,
) -> bool {
	result.is_err_and(|e| {
		e.error == frame_system::Error::<gongyu_runtime::Runtime>::CallFiltered.into()
	})
}

#[test]
fn signed_accounts_cannot_change_the_supply() {
	support::dev_chain().execute_with(|| {
		let issuance = Balances::total_issuance();
		let burn = RuntimeCall::Balances(pallet_balances::Call::burn {
			value: 1_000,
			keep_alive: true,
		});
		assert!(is_filtered(
			burn.clone()
				.dispatch(support::signed(&Alice.to_account_id()))
		));
		let set = RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
			who: Bob.to_account_id().into(),
			new_free: 1,
		});
		assert!(is_filtered(
			set.dispatch(support::signed(&Alice.to_account_id()))
		));
		// Hidden in a batch, the burn is still refused (the batch stops at it).
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![burn] });
		assert!(batch
			.dispatch(support::signed(&Alice.to_account_id()))
			.is_err());
		assert_eq!(Balances::total_issuance(), issuance);

		// The honest paths: transfers move GYU, governance mints it; the rule holds.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Bob.to_account_id().into(),
			value: 1_000,
		});
		assert_ok!(transfer.dispatch(support::signed(&Alice.to_account_id())));
		assert_ok!(Rewards::mint_into_pot(
			frame_system::RawOrigin::Root.into(),
			5_000
		));
		assert_eq!(Balances::total_issuance(), issuance + 5_000);
		assert_ok!(Rewards::do_try_state());
	});
}
