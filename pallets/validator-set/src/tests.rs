//! Unit tests of pallet-validator-set.

#![allow(clippy::arithmetic_side_effects)]

use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError::BadOrigin;

use crate::{mock::*, Error, Event, MinValidators, SessionLength, SessionLengthOf, Validators};

fn council() -> RuntimeOrigin {
	RuntimeOrigin::signed(42)
}

#[test]
fn genesis_sorts_the_validators_and_sets_minimum_and_session_length() {
	build_and_execute(|| {
		use frame_support::traits::Get;
		assert_eq!(Validators::<Test>::get().to_vec(), vec![1, 2, 3]);
		assert_eq!(MinValidators::<Test>::get(), 2);
		assert_eq!(SessionLength::<Test>::get(), 5);
		assert_eq!(<SessionLengthOf<Test> as Get<u64>>::get(), 5);
		assert_eq!(rotate(1), None, "nothing changed");
	});
}

#[test]
fn council_adds_a_validator_for_the_next_session() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(council(), 4));
		assert_eq!(Validators::<Test>::get().to_vec(), vec![1, 2, 3, 4]);
		System::assert_last_event(Event::ValidatorAdded { who: 4 }.into());
		assert_eq!(rotate(1), Some(vec![1, 2, 3, 4]));
		assert_eq!(rotate(2), None);
	});
}

#[test]
fn validators_without_session_keys_wait() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(council(), 5));
		assert_eq!(rotate(1), None, "the queued set 1, 2, 3 stays");
	});
}

#[test]
fn council_removes_a_validator() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::remove_validator(council(), 2));
		assert_eq!(Validators::<Test>::get().to_vec(), vec![1, 3]);
		System::assert_last_event(Event::ValidatorRemoved { who: 2 }.into());
		assert_eq!(rotate(1), Some(vec![1, 3]));
	});
}

#[test]
fn removal_below_the_minimum_fails() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::remove_validator(council(), 2));
		assert_noop!(
			ValidatorSet::remove_validator(council(), 1),
			Error::<Test>::TooFewValidators
		);
	});
}

#[test]
fn add_and_remove_errors() {
	build_and_execute(|| {
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
	build_and_execute(|| {
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
	build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(council(), 4));
		WithKeys::set(Default::default());
		assert_eq!(rotate(1), None);
	});
}

/// The bug: the set was recomputed only after a council change, so a validator admitted
/// before it set its keys never joined once it did.
#[test]
fn a_validator_that_sets_its_keys_after_admission_joins_at_the_next_rotation() {
	build_and_execute(|| {
		assert_ok!(ValidatorSet::add_validator(council(), 5));
		assert_eq!(rotate(1), None, "5 has no keys yet: the set stays 1, 2, 3");
		assert_eq!(rotate(2), None);
		WithKeys::mutate(|keys| {
			keys.insert(5);
		});
		assert_eq!(rotate(3), Some(vec![1, 2, 3, 5]));
		assert_eq!(rotate(4), None, "nothing changed since");
	});
}

#[test]
fn a_validator_whose_keys_are_gone_leaves_at_the_next_rotation() {
	build_and_execute(|| {
		WithKeys::mutate(|keys| {
			keys.remove(&2);
		});
		assert_eq!(rotate(1), Some(vec![1, 3]));
	});
}
