//! The table of who decides what (`src/configs/governance-decisions.json`, which the toolkit
//! and docs/governance.md follow) against the origins the runtime really configures: for
//! every call, the council share it names is accepted and the next smaller share is not.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use frame_support::traits::EnsureOrigin;
use gongyu_runtime::{configs::governance::CouncilCollective, AccountId, Runtime, RuntimeOrigin};

const DECISIONS: &str = include_str!("../../src/configs/governance-decisions.json");

/// A council motion approved by `ayes` of `members`.
fn council(ayes: u32, members: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, CouncilCollective>::Members(ayes, members).into()
}

/// Whether the origin the runtime configures for `call` accepts `origin`.
fn accepts(call: &str, origin: RuntimeOrigin) -> bool {
	type Contributions = <Runtime as pallet_contributions::Config>::GovernanceOrigin;
	type Models = <Runtime as pallet_models::Config>::GovernanceOrigin;
	type Verifiers =
		<Runtime as pallet_membership::Config<pallet_membership::Instance1>>::AddOrigin;
	type VerifierRemoval =
		<Runtime as pallet_membership::Config<pallet_membership::Instance1>>::RemoveOrigin;
	type CouncilAdd =
		<Runtime as pallet_membership::Config<pallet_membership::Instance2>>::AddOrigin;
	type CouncilRemoval =
		<Runtime as pallet_membership::Config<pallet_membership::Instance2>>::RemoveOrigin;
	type Budget = <Runtime as pallet_rewards::Config>::BudgetOrigin;
	type Grant = <Runtime as pallet_rewards::Config>::GrantOrigin;
	type Mint = <Runtime as pallet_rewards::Config>::MintOrigin;
	type Validators = <Runtime as pallet_validator_set::Config>::ManageOrigin;
	type Admission = <Runtime as pallet_network_admission::Config>::ManageOrigin;
	type Root = <Runtime as pallet_governance::Config>::RootOrigin;
	type Decide = <Runtime as pallet_disputes::Config>::DecideOrigin;
	type Appeal = <Runtime as pallet_disputes::Config>::AppealOrigin;
	type DisputeRules = <Runtime as pallet_disputes::Config>::ParamsOrigin;
	match call {
		"contributions.setParameters"
		| "contributions.forceDecide"
		| "contributions.setLicense" => Contributions::try_origin(origin).is_ok(),
		"models.registerModelVersion"
		| "models.registerRelease"
		| "models.deprecateRelease"
		| "models.setSplit" => Models::try_origin(origin).is_ok(),
		"verifierMembership.addMember" => Verifiers::try_origin(origin).is_ok(),
		"verifierMembership.removeMember" => VerifierRemoval::try_origin(origin).is_ok(),
		"councilMembership.addMember" => CouncilAdd::try_origin(origin).is_ok(),
		"councilMembership.removeMember" => CouncilRemoval::try_origin(origin).is_ok(),
		"rewards.setBudget"
		| "rewards.setEpochLength"
		| "rewards.setRules"
		| "rewards.setChallengeWindow" => Budget::try_origin(origin).is_ok(),
		"rewards.grantBonus" | "rewards.setBonusCap" => Grant::try_origin(origin).is_ok(),
		"rewards.mintIntoPot" => Mint::try_origin(origin).is_ok(),
		"validatorSet.addValidator" | "validatorSet.removeValidator" => {
			Validators::try_origin(origin).is_ok()
		}
		"networkAdmission.admitNode" | "networkAdmission.removeNode" => {
			Admission::try_origin(origin).is_ok()
		}
		"governance.dispatchAsRoot" => Root::try_origin(origin).is_ok(),
		"disputes.decide" => Decide::try_origin(origin).is_ok(),
		"disputes.decideAppeal" => Appeal::try_origin(origin).is_ok(),
		"disputes.setParams" => DisputeRules::try_origin(origin).is_ok(),
		other => {
			panic!("{other}: the table names a call this test does not know; add its origin here")
		}
	}
}

/// (accepted, refused) council votes for a named share: the share itself on a council where
/// it is exact, and the largest vote just short of it.
fn boundary(needs: &str) -> ((u32, u32), (u32, u32)) {
	match needs {
		"more than half" => ((3, 5), (2, 4)),
		"two thirds" => ((2, 3), (3, 5)),
		"three quarters" => ((3, 4), (2, 3)),
		other => panic!("unknown share {other:?}"),
	}
}

#[test]
fn every_decision_needs_exactly_the_share_the_table_names() {
	let table: serde_json::Value = serde_json::from_str(DECISIONS).unwrap();
	let decisions = table["decisions"].as_array().unwrap();
	assert!(!decisions.is_empty());
	for decision in decisions {
		let call = decision["call"].as_str().unwrap();
		let needs = decision["needs"].as_str().unwrap();
		let ((ayes, members), (short, of)) = boundary(needs);
		assert!(
			accepts(call, council(ayes, members)),
			"{call}: {ayes} of {members} should be enough ({needs})"
		);
		assert!(
			!accepts(call, council(short, of)),
			"{call}: {short} of {of} should not be enough ({needs})"
		);
		assert!(
			!accepts(call, RuntimeOrigin::signed(AccountId::new([1; 32]))),
			"{call}: a signed account must not decide"
		);
	}
}

#[test]
fn sudo_has_a_key_on_dev_only() {
	for preset in gongyu_runtime::genesis_config_presets::preset_names() {
		let patch = gongyu_runtime::genesis_config_presets::get_preset(&preset).unwrap();
		let patch: serde_json::Value = serde_json::from_slice(&patch).unwrap();
		let key = &patch["sudo"]["key"];
		if AsRef::<str>::as_ref(&preset) == sp_genesis_builder::DEV_RUNTIME_PRESET {
			assert!(key.is_string(), "dev has a sudo key");
		} else {
			assert!(key.is_null(), "{preset:?} must have no sudo key, has {key}");
		}
	}
}
