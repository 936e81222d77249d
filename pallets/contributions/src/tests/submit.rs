//! `submit`: validation, deposits, the hash index.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

use super::*;

fn submit(
	who: AccountId,
	kind: ContributionKind,
	root: ContentHash,
	size: u64,
	uri: &[u8],
	license: &[u8],
) -> frame_support::dispatch::DispatchResult {
	ContributionsPallet::submit(
		RuntimeOrigin::signed(who),
		kind,
		root,
		size,
		uri.to_vec(),
		license.to_vec(),
		CONSENT,
		None,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

#[test]
fn submit_records_holds_deposit_and_emits_event() {
	ExtBuilder::build_and_execute(|| {
		let deposit = standard_deposit();
		assert_ok!(submit(
			ALICE,
			ContributionKind::Dataset,
			[1; 32],
			1_000,
			URI,
			LICENSE
		));

		let c = Contributions::<Test>::get(0).unwrap();
		assert_eq!(c.owner, ALICE);
		assert_eq!(c.kind, ContributionKind::Dataset);
		assert_eq!(c.root, [1; 32]);
		assert_eq!(c.bytes, 1_000);
		assert_eq!(c.uri.to_vec(), URI.to_vec());
		assert_eq!(c.license.to_vec(), LICENSE.to_vec());
		assert_eq!(c.consent, CONSENT);
		assert_eq!(c.deposit, deposit);
		assert_eq!(c.submitted_at, 1);
		assert_eq!(c.deadline, 1 + PERIOD);
		assert_eq!(c.status, ContributionStatus::Pending);
		assert!(c.attestations.is_empty());

		assert_eq!(
			ByHash::<Test>::get([1; 32]),
			Some(RootClaim::Contribution(0))
		);
		assert_eq!(
			Owners::<Test>::get(ALICE),
			OwnerRecord {
				pending: 1,
				latest: Some(0)
			}
		);
		assert_eq!(ContributionsPallet::contributions_of(&ALICE, 10), vec![0]);
		assert_eq!(NextContributionId::<Test>::get(), 1);
		assert_eq!(held(ALICE), deposit);
		assert_eq!(free(ALICE), INITIAL_BALANCE - deposit);
		System::assert_last_event(
			Event::ContributionSubmitted {
				id: 0,
				owner: ALICE,
				kind: ContributionKind::Dataset,
				root: [1; 32],
				bytes: 1_000,
				deposit,
			}
			.into(),
		);
	});
}

#[test]
fn deposit_counts_description_hash_bytes() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(ContributionsPallet::submit(
			RuntimeOrigin::signed(ALICE),
			ContributionKind::Dataset,
			[1; 32],
			5,
			URI.to_vec(),
			LICENSE.to_vec(),
			CONSENT,
			Some([9; 32]),
		));
		assert_eq!(held(ALICE), standard_deposit() + 32 * DEPOSIT_PER_BYTE);
		assert_eq!(
			Contributions::<Test>::get(0).unwrap().description_hash,
			Some([9; 32])
		);
	});
}

#[test]
fn the_held_deposit_is_what_submission_deposit_quotes() {
	ExtBuilder::build_and_execute(|| {
		let params = Params::<Test>::get();
		assert_eq!(
			params.submission_deposit(URI.len() as u32, LICENSE.len() as u32, false),
			standard_deposit()
		);
		let quoted = params.submission_deposit(URI.len() as u32, LICENSE.len() as u32, true);
		assert_ok!(ContributionsPallet::submit(
			RuntimeOrigin::signed(ALICE),
			ContributionKind::Dataset,
			[1; 32],
			5,
			URI.to_vec(),
			LICENSE.to_vec(),
			CONSENT,
			Some([9; 32]),
		));
		assert_eq!(held(ALICE), quoted);
		assert_eq!(Contributions::<Test>::get(0).unwrap().deposit, quoted);
		// Saturates instead of overflowing for absurd lengths.
		assert_eq!(
			params.submission_deposit(u32::MAX, u32::MAX, true),
			DEPOSIT_BASE + DEPOSIT_PER_BYTE * Balance::from(u32::MAX)
		);
	});
}

#[test]
fn fine_tune_on_registered_base_is_accepted() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(submit(
			ALICE,
			ContributionKind::FineTune { base: 0 },
			[1; 32],
			9,
			URI,
			LICENSE
		));
		assert_eq!(
			Contributions::<Test>::get(0).unwrap().kind,
			ContributionKind::FineTune { base: 0 }
		);
	});
}

#[test]
fn file_uris_are_refused_unless_governance_enables_them() {
	ExtBuilder::build_and_execute(|| {
		// Farming the verifiers' own files (`/proc/self/exe`) starts with a file:// URI.
		assert_noop!(
			submit(
				ALICE,
				ContributionKind::Dataset,
				[1; 32],
				9,
				b"file:///proc/self/exe",
				LICENSE
			),
			Error::<Test>::UnsupportedUriScheme
		);
		assert_ok!(submit(
			ALICE,
			ContributionKind::Dataset,
			[2; 32],
			9,
			b"http://data.example/a",
			LICENSE
		));
		// A development chain enables file://.
		change_parameters(|p| p.uri_schemes = UriSchemes::WITH_FILE);
		assert_ok!(submit(
			ALICE,
			ContributionKind::Dataset,
			[1; 32],
			9,
			b"file:///srv/a.bin",
			LICENSE
		));
	});
}

#[test]
fn a_disabled_scheme_is_refused() {
	ExtBuilder::build_and_execute(|| {
		change_parameters(|p| {
			p.uri_schemes = UriSchemes {
				https: true,
				http: false,
				file: false,
			}
		});
		assert_noop!(
			submit(
				ALICE,
				ContributionKind::Dataset,
				[2; 32],
				9,
				b"http://data.example/a",
				LICENSE
			),
			Error::<Test>::UnsupportedUriScheme
		);
	});
}

#[test]
fn a_pending_root_cannot_be_front_run_by_another_account() {
	ExtBuilder::build_and_execute(|| {
		submit_dataset(ALICE, 1);
		assert_noop!(
			submit(ALICE, ContributionKind::Dataset, [1; 32], 9, URI, LICENSE),
			Error::<Test>::DuplicateContent
		);
		assert_noop!(
			submit(BOB, ContributionKind::Dataset, [1; 32], 9, URI, LICENSE),
			Error::<Test>::DuplicateContent
		);
	});
}

#[test]
fn model_weights_cannot_be_submitted_as_a_contribution() {
	ExtBuilder::build_and_execute(|| {
		// [7; 32] is the genesis base model's weights root.
		assert_noop!(
			submit(BOB, ContributionKind::Dataset, [7; 32], 9, URI, LICENSE),
			Error::<Test>::RootIsModelVersion
		);
	});
}

#[test]
fn unsigned_origin_is_rejected() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			ContributionsPallet::submit(
				RuntimeOrigin::none(),
				ContributionKind::Dataset,
				[1; 32],
				1,
				URI.to_vec(),
				LICENSE.to_vec(),
				CONSENT,
				None
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ContributionsPallet::submit(
				RuntimeOrigin::root(),
				ContributionKind::Dataset,
				[1; 32],
				1,
				URI.to_vec(),
				LICENSE.to_vec(),
				CONSENT,
				None
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn zero_size_fails() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			submit(ALICE, ContributionKind::Dataset, [1; 32], 0, URI, LICENSE),
			Error::<Test>::ZeroSize
		);
	});
}

#[test]
fn empty_uri_fails() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			submit(ALICE, ContributionKind::Dataset, [1; 32], 1, b"", LICENSE),
			Error::<Test>::EmptyUri
		);
	});
}

#[test]
fn over_long_uri_fails() {
	ExtBuilder::build_and_execute(|| {
		let mut uri = b"https://".to_vec();
		uri.resize(65, b'a');
		assert_noop!(
			submit(ALICE, ContributionKind::Dataset, [1; 32], 1, &uri, LICENSE),
			Error::<Test>::UriTooLong
		);
	});
}

#[test]
fn unsupported_uri_scheme_fails() {
	ExtBuilder::build_and_execute(|| {
		for uri in [
			&b"ftp://host/x"[..],
			b"ipfs://bafy",
			b"https://",
			b"data.tar",
		] {
			assert_noop!(
				submit(ALICE, ContributionKind::Dataset, [1; 32], 1, uri, LICENSE),
				Error::<Test>::UnsupportedUriScheme
			);
		}
	});
}

#[test]
fn invalid_license_fails() {
	ExtBuilder::build_and_execute(|| {
		for license in [&b""[..], b"MIT License", b"Apache\n2.0"] {
			assert_noop!(
				submit(ALICE, ContributionKind::Dataset, [1; 32], 1, URI, license),
				Error::<Test>::InvalidLicense
			);
		}
	});
}

#[test]
fn over_long_license_fails() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			submit(
				ALICE,
				ContributionKind::Dataset,
				[1; 32],
				1,
				URI,
				b"LicenseRef-very-long-1"
			),
			Error::<Test>::LicenseTooLong
		);
	});
}

#[test]
fn unknown_base_model_fails() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(
			submit(
				ALICE,
				ContributionKind::FineTune { base: 42 },
				[1; 32],
				1,
				URI,
				LICENSE
			),
			Error::<Test>::UnknownBaseModel
		);
	});
}

#[test]
fn duplicate_hash_fails_for_anyone() {
	ExtBuilder::build_and_execute(|| {
		submit_dataset(ALICE, 1);
		assert_noop!(
			submit(ALICE, ContributionKind::Dataset, [1; 32], 5, URI, LICENSE),
			Error::<Test>::DuplicateContent
		);
		assert_noop!(
			submit(BOB, ContributionKind::Dataset, [1; 32], 5, URI, LICENSE),
			Error::<Test>::DuplicateContent
		);
	});
}

#[test]
fn too_many_pending_fails() {
	ExtBuilder::build_and_execute(|| {
		for seed in 1..=3 {
			submit_dataset(ALICE, seed);
		}
		assert_noop!(
			submit(ALICE, ContributionKind::Dataset, [4; 32], 1, URI, LICENSE),
			Error::<Test>::TooManyPending
		);
		// Another account is not affected.
		submit_dataset(BOB, 4);
	});
}

#[test]
fn insufficient_balance_fails_and_changes_nothing() {
	ExtBuilder::build_and_execute(|| {
		let poor = 77;
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), poor, 50));
		assert_noop!(
			submit(poor, ContributionKind::Dataset, [1; 32], 1, URI, LICENSE),
			Error::<Test>::InsufficientBalance
		);
		assert_eq!(free(poor), 50);
	});
}
