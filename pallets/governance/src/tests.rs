//! Unit tests of pallet-governance.

#![allow(clippy::arithmetic_side_effects)]

use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

use crate::{mock::*, Event};

fn set_heap_pages(pages: u64) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::System(frame_system::Call::set_heap_pages {
		pages,
	}))
}

#[test]
fn council_dispatches_root_call() {
	new_test_ext().execute_with(|| {
		assert_ok!(Governance::dispatch_as_root(
			RuntimeOrigin::signed(42),
			set_heap_pages(7)
		));
		assert_eq!(
			sp_io::storage::get(sp_core::storage::well_known_keys::HEAP_PAGES).map(|v| v.to_vec()),
			Some(7u64.to_le_bytes().to_vec())
		);
		System::assert_last_event(Event::DispatchedAsRoot { result: Ok(()) }.into());
	});
}

#[test]
fn failing_inner_call_is_reported_in_the_event() {
	new_test_ext().execute_with(|| {
		// `set_heap_pages` needs Root; dispatching a call that itself fails (a nested
		// `dispatch_as_root` from Root, which is not the council) reports the inner error.
		let inner = Box::new(RuntimeCall::Governance(crate::Call::dispatch_as_root {
			call: set_heap_pages(1),
		}));
		assert_ok!(Governance::dispatch_as_root(
			RuntimeOrigin::signed(42),
			inner
		));
		System::assert_last_event(
			Event::DispatchedAsRoot {
				result: Err(DispatchError::BadOrigin),
			}
			.into(),
		);
	});
}

#[test]
fn other_origins_cannot_dispatch_as_root() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Governance::dispatch_as_root(RuntimeOrigin::signed(1), set_heap_pages(7)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Governance::dispatch_as_root(RuntimeOrigin::none(), set_heap_pages(7)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Governance::dispatch_as_root(RuntimeOrigin::root(), set_heap_pages(7)),
			DispatchError::BadOrigin
		);
	});
}
