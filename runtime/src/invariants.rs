//! The runtime's invariants in one call, for checks outside a block: the fuzzing harness
//! after every block it builds, and `gongyu-node check-invariants` on the exported state of
//! a running chain. Each pallet's `do_try_state` (what its `try_state` hook runs), then the
//! balances rule: total issuance is the sum of every account's free and reserved balance.

use alloc::{format, string::String};

use crate::{Balance, Runtime};

/// Checks every invariant in the state of the current externalities; the first violation
/// is returned, named by where it was found.
pub fn check_all() -> Result<(), String> {
	pallet_contributions::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("contributions: {e:?}"))?;
	pallet_rewards::Pallet::<Runtime>::do_try_state().map_err(|e| format!("rewards: {e:?}"))?;
	pallet_models::Pallet::<Runtime>::do_try_state().map_err(|e| format!("models: {e:?}"))?;
	pallet_disputes::Pallet::<Runtime>::do_try_state().map_err(|e| format!("disputes: {e:?}"))?;
	pallet_validator_set::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("validator set: {e:?}"))?;
	pallet_network_admission::Pallet::<Runtime>::do_try_state()
		.map_err(|e| format!("network admission: {e:?}"))?;
	let held: Balance = frame_system::Account::<Runtime>::iter_values()
		.map(|account| account.data.free.saturating_add(account.data.reserved))
		.fold(0, Balance::saturating_add);
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	if held != issuance {
		return Err(format!(
			"balances: total issuance {issuance} differs from the sum of all balances {held}"
		));
	}
	Ok(())
}
