//! The license policy: `submit` takes only listed licenses, and governance keeps the list.

use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

use super::*;

fn submit_under(license: &[u8], seed: u8) -> frame_support::dispatch::DispatchResult {
	ContributionsPallet::submit(
		RuntimeOrigin::signed(ALICE),
		ContributionKind::Dataset,
		[seed; 32],
		1_000,
		URI.to_vec(),
		license.to_vec(),
		CONSENT,
		None,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

fn set_license(
	license: &[u8],
	terms: Option<LicenseTerms>,
) -> frame_support::dispatch::DispatchResult {
	ContributionsPallet::set_license(RuntimeOrigin::root(), license.to_vec(), terms)
}

#[test]
fn genesis_lists_its_licenses_with_their_terms() {
	ExtBuilder::build_and_execute(|| {
		assert_eq!(LicenseCount::<Test>::get(), 2);
		assert_eq!(
			ContributionsPallet::licenses(),
			vec![
				(b"CC-BY-4.0".to_vec(), OPEN_TERMS),
				(b"CC-BY-NC-4.0".to_vec(), NON_COMMERCIAL_TERMS),
			]
		);
	});
}

#[test]
fn a_license_off_the_list_is_refused_and_nothing_is_held() {
	ExtBuilder::build_and_execute(|| {
		// A well-formed SPDX identifier the chain does not accept, and one written to look
		// like a listed one.
		for license in [&b"GPL-3.0-only"[..], b"cc-by-4.0", b"CC-BY-4.0+"] {
			assert_noop!(submit_under(license, 1), Error::<Test>::LicenseNotAccepted);
		}
		assert_eq!(held(ALICE), 0);
		assert_eq!(NextContributionId::<Test>::get(), 0);
	});
}

#[test]
fn a_listed_license_is_accepted_with_the_consent_given() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(submit_under(b"CC-BY-NC-4.0", 1));
		let c = Contributions::<Test>::get(0).unwrap();
		assert_eq!(c.license.to_vec(), b"CC-BY-NC-4.0".to_vec());
		assert_eq!(c.consent, CONSENT);
		assert_eq!(
			ContributionsPallet::contribution_info(0).unwrap().consent,
			CONSENT
		);
	});
}

#[test]
fn governance_lists_a_license_and_submit_then_takes_it() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(submit_under(b"MIT", 1), Error::<Test>::LicenseNotAccepted);
		assert_ok!(set_license(b"MIT", Some(OPEN_TERMS)));
		System::assert_last_event(
			Event::LicenseAccepted {
				license: b"MIT".to_vec().try_into().unwrap(),
				terms: OPEN_TERMS,
			}
			.into(),
		);
		assert_eq!(LicenseCount::<Test>::get(), 3);
		assert_ok!(submit_under(b"MIT", 1));
	});
}

#[test]
fn changing_a_listed_license_keeps_the_count() {
	ExtBuilder::build_and_execute(|| {
		assert_ok!(set_license(b"CC-BY-4.0", Some(NON_COMMERCIAL_TERMS)));
		assert_eq!(LicenseCount::<Test>::get(), 2);
		assert_eq!(
			Licenses::<Test>::get(bounded(b"CC-BY-4.0")),
			Some(NON_COMMERCIAL_TERMS)
		);
	});
}

#[test]
fn a_withdrawn_license_stops_new_submissions_and_keeps_old_records() {
	ExtBuilder::build_and_execute(|| {
		let id = submit_dataset(ALICE, 1);
		assert_ok!(set_license(LICENSE, None));
		System::assert_last_event(
			Event::LicenseWithdrawn {
				license: bounded(LICENSE),
			}
			.into(),
		);
		assert_eq!(LicenseCount::<Test>::get(), 1);
		assert_noop!(submit_under(LICENSE, 2), Error::<Test>::LicenseNotAccepted);
		assert_eq!(
			Contributions::<Test>::get(id).unwrap().license.to_vec(),
			LICENSE.to_vec()
		);
	});
}

#[test]
fn withdrawing_an_unlisted_license_fails() {
	ExtBuilder::build_and_execute(|| {
		assert_noop!(set_license(b"MIT", None), Error::<Test>::LicenseNotListed);
	});
}

#[test]
fn the_list_is_bounded() {
	ExtBuilder::build_and_execute(|| {
		// The mock allows four: two at genesis and two more.
		assert_ok!(set_license(b"MIT", Some(OPEN_TERMS)));
		assert_ok!(set_license(b"CC0-1.0", Some(OPEN_TERMS)));
		assert_noop!(
			set_license(b"Apache-2.0", Some(OPEN_TERMS)),
			Error::<Test>::TooManyLicenses
		);
		// A full list still takes new terms for a listed license.
		assert_ok!(set_license(b"MIT", Some(NON_COMMERCIAL_TERMS)));
	});
}

#[test]
fn malformed_licenses_cannot_be_listed() {
	ExtBuilder::build_and_execute(|| {
		for license in [&b""[..], b"MIT License", b"Apache\n2.0"] {
			assert_noop!(
				set_license(license, Some(OPEN_TERMS)),
				Error::<Test>::InvalidLicense
			);
		}
		assert_noop!(
			set_license(b"LicenseRef-very-long-1", Some(OPEN_TERMS)),
			Error::<Test>::LicenseTooLong
		);
	});
}

#[test]
fn only_governance_keeps_the_list() {
	ExtBuilder::build_and_execute(|| {
		for origin in [RuntimeOrigin::signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(
				ContributionsPallet::set_license(origin.clone(), b"MIT".to_vec(), Some(OPEN_TERMS)),
				DispatchError::BadOrigin
			);
			// Nor may anyone else take a license off the list, or change its terms.
			assert_noop!(
				ContributionsPallet::set_license(origin.clone(), LICENSE.to_vec(), None),
				DispatchError::BadOrigin
			);
			assert_noop!(
				ContributionsPallet::set_license(
					origin,
					LICENSE.to_vec(),
					Some(NON_COMMERCIAL_TERMS)
				),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn the_registry_judges_a_release_use_by_the_record_and_the_list() {
	use crate::{ContributionRegistry, IntendedUse, UseRefusal};

	const RESEARCH_CHAT: IntendedUse = IntendedUse {
		commercial: false,
		generative: true,
	};
	const COMMERCIAL_CHAT: IntendedUse = IntendedUse {
		commercial: true,
		generative: true,
	};
	let refusal = |id, intended| {
		<ContributionsPallet as ContributionRegistry<AccountId>>::use_refusal(id, intended)
	};
	ExtBuilder::build_and_execute(|| {
		// Under the open license with `CONSENT` (generative training constrained).
		let open = submit_dataset(ALICE, 1);
		assert_eq!(refusal(open, RESEARCH_CHAT), None);
		assert_eq!(
			refusal(open, COMMERCIAL_CHAT),
			Some(UseRefusal::ConsentForbids)
		);
		// Under the non-commercial license: its terms come from the list, not the caller.
		assert_ok!(submit_under(b"CC-BY-NC-4.0", 2));
		assert_eq!(
			refusal(1, COMMERCIAL_CHAT),
			Some(UseRefusal::LicenseForbids)
		);
		// Governance widens the license's terms: the record now allows more.
		assert_ok!(set_license(b"CC-BY-NC-4.0", Some(OPEN_TERMS)));
		assert_eq!(refusal(1, IntendedUse::default()), None);
		// A withdrawn license allows nothing.
		assert_ok!(set_license(b"CC-BY-NC-4.0", None));
		assert_eq!(
			refusal(1, IntendedUse::default()),
			Some(UseRefusal::LicenseNotAccepted)
		);
	});
}

fn bounded(license: &[u8]) -> LicenseOf<Test> {
	license.to_vec().try_into().unwrap()
}

#[test]
fn a_release_ingredient_is_judged_in_one_read_as_the_three_checks_judge_it() {
	use crate::{ContributionRegistry, IngredientRefusal, IntendedUse, UseRefusal};

	type Registry = ContributionsPallet;
	let research = IntendedUse::default();
	// What the three separate checks say, for comparison with the one read.
	let separately = |id| {
		<Registry as ContributionRegistry<AccountId>>::verified_owner(id)
			.ok_or(IngredientRefusal::NotVerified)?;
		match <Registry as ContributionRegistry<AccountId>>::use_refusal(id, research) {
			Some(refusal) => Err(IngredientRefusal::Use(refusal)),
			None => Ok(<Registry as ContributionRegistry<AccountId>>::reward_weight(id)),
		}
	};
	let ingredient =
		|id| <Registry as ContributionRegistry<AccountId>>::ingredient(id, research, None);
	ExtBuilder::build_and_execute(|| {
		// No such contribution, then a pending one: neither may go into a release.
		assert_eq!(ingredient(7), Err(IngredientRefusal::NotVerified));
		let id = submit_fine_tune(ALICE, 1);
		assert_eq!(ingredient(id), Err(IngredientRefusal::NotVerified));
		assert_eq!(ingredient(id), separately(id));
		// Verified: worth its score times its bytes, as its receipt says.
		assert_ok!(attest(V1, id, Verdict::Unevaluated));
		assert_ok!(attest(V2, id, Verdict::Unevaluated));
		assert_eq!(
			ingredient(id),
			Ok(Some(u64::from(UNEVALUATED_SCORE) * 1_000))
		);
		assert_eq!(ingredient(id), separately(id));
		// Shares the release declares stand in for the reward weight.
		assert_eq!(
			<Registry as ContributionRegistry<AccountId>>::ingredient(id, research, Some(5)),
			Ok(Some(5))
		);
		// Its license taken off the list: refused, as the separate checks refuse it.
		assert_ok!(set_license(LICENSE, None));
		assert_eq!(
			ingredient(id),
			Err(IngredientRefusal::Use(UseRefusal::LicenseNotAccepted))
		);
		assert_eq!(ingredient(id), separately(id));
	});
}
