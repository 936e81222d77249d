//! The dispute rules governance sets.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Perbill};

use super::*;

#[test]
fn governance_sets_the_rules() {
	build_and_execute(|| {
		let params = DisputeParams {
			bond: 500,
			bounty: Perbill::from_percent(25),
			decision_period: 50,
			appeal_period: 0,
		};
		assert_ok!(DisputesPallet::set_params(RuntimeOrigin::root(), params));
		assert_eq!(Params::<Test>::get(), params);
		System::assert_last_event(Event::ParamsSet { params }.into());
		// A new dispute holds the new bond.
		owner_earns_the_first_epoch();
		challenge();
		assert_eq!(bonded(CHALLENGER), 500);
	});
}

#[test]
fn rules_need_a_bond_and_periods_in_range() {
	build_and_execute(|| {
		let set = |params| DisputesPallet::set_params(RuntimeOrigin::root(), params);
		let default = DefaultParams::get();
		assert_noop!(
			set(DisputeParams { bond: 0, ..default }),
			Error::<Test>::ZeroBond
		);
		assert_noop!(
			set(DisputeParams {
				decision_period: 0,
				..default
			}),
			Error::<Test>::PeriodOutOfRange
		);
		assert_noop!(
			set(DisputeParams {
				decision_period: 101,
				..default
			}),
			Error::<Test>::PeriodOutOfRange
		);
		assert_noop!(
			set(DisputeParams {
				appeal_period: 101,
				..default
			}),
			Error::<Test>::PeriodOutOfRange
		);
	});
}

#[test]
fn only_governance_sets_the_rules() {
	build_and_execute(|| {
		for origin in [
			RuntimeOrigin::signed(COUNCIL),
			RuntimeOrigin::signed(OWNER),
			RuntimeOrigin::none(),
		] {
			assert_noop!(
				DisputesPallet::set_params(origin, DefaultParams::get()),
				DispatchError::BadOrigin
			);
		}
	});
}
