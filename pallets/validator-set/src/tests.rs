//! Unit tests of pallet-validator-set.

#![allow(clippy::arithmetic_side_effects)]

use frame_support::{assert_noop, assert_ok};
use pallet_session::SessionManager;
use sp_runtime::DispatchError::BadOrigin;

use crate::{
	mock::*, Changed, Error, Event, MinValidators, SessionLength, SessionLengthOf, Validators,
};

fn council() -> RuntimeOrigin {
	RuntimeOrigin::signed(42)
}

#[test]
fn genesis_sorts_the_validators_and_sets_minimum_and_session_length() {
	new_test_ext().execute_with(|| {
		use frame_support::traits::Get;
		assert_eq!(Validators::<Test>::get().to_vec(), vec![1, 2, 3]);
		assert_eq!(MinValidators::<Test>::get(), 2);
		assert_eq!(SessionLength::<Test>::get(), 5);
		assert_eq!(<SessionLengthOf<Test> as Get<u64>>::get(), 5);
		assert_eq!(ValidatorSet::new_session(1), None, "nothing changed");
	});
}

#[test]
fn council_adds_a_validator_for_the_next_session() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(council(), 4));
		assert_eq!(Validators::<Test>::get().to_vec(), vec![1, 2, 3, 4]);
		System::assert_last_event(Event::ValidatorAdded { who: 4 }.into());
		assert_eq!(ValidatorSet::new_session(1), Some(vec![1, 2, 3, 4]));
		assert!(!Changed::<Test>::get());
		assert_eq!(ValidatorSet::new_session(2), None);
	});
}

#[test]
fn validators_without_session_keys_wait() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(council(), 5));
		assert_eq!(ValidatorSet::new_session(1), Some(vec![1, 2, 3]));
	});
}

#[test]
fn council_removes_a_validator() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::remove_validator(council(), 2));
		assert_eq!(Validators::<Test>::get().to_vec(), vec![1, 3]);
		System::assert_last_event(Event::ValidatorRemoved { who: 2 }.into());
		assert_eq!(ValidatorSet::new_session(1), Some(vec![1, 3]));
	});
}

#[test]
fn removal_below_the_minimum_fails() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::remove_validator(council(), 2));
		assert_noop!(
			ValidatorSet::remove_validator(council(), 1),
			Error::<Test>::TooFewValidators
		);
	});
}

#[test]
fn add_and_remove_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::add_validator(council(), 1),
			Error::<Test>::AlreadyValidator
		);
		assert_noop!(
			ValidatorSet::remove_validator(council(), 9),
			Error::<Test>::NotValidator
		);
		assert_ok!(ValidatorSet::add_validator(council(), 4));
		assert_ok!(ValidatorSet::add_validator(council(), 5));
		assert_noop!(
			ValidatorSet::add_validator(council(), 6),
			Error::<Test>::TooManyValidators
		);
	});
}

#[test]
fn only_the_council_manages_validators() {
	new_test_ext().execute_with(|| {
		for origin in [
			RuntimeOrigin::signed(1),
			RuntimeOrigin::root(),
			RuntimeOrigin::none(),
		] {
			assert_noop!(ValidatorSet::add_validator(origin.clone(), 4), BadOrigin);
			assert_noop!(ValidatorSet::remove_validator(origin, 1), BadOrigin);
		}
	});
}

#[test]
fn a_set_without_any_keyed_validator_is_never_handed_to_session() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(council(), 4));
		WithKeys::set(Default::default());
		assert_eq!(ValidatorSet::new_session(1), None);
	});
}
