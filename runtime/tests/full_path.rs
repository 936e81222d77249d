//! The whole path on the real runtime (not a mock), from the `dev` genesis preset: the
//! council sets the reward budget by motion, Alice submits a dataset, two verifiers attest,
//! the epoch closes and Alice is paid; outsiders are refused.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects
)]

use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{IntegrityTest, OnInitialize},
	weights::Weight,
};
use gongyu_runtime::{
	genesis_config_presets, AccountId, AllPalletsWithSystem, Balances, BuildStorage, Contributions,
	Council, Rewards, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin,
	System, UNIT,
};
use pallet_contributions::{ContributionKind, ContributionStatus, Verdict};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use sp_runtime::{traits::Hash, DispatchError};

fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// Storage of the `dev` preset, at block 1.
fn dev_chain() -> sp_io::TestExternalities {
	let preset = genesis_config_presets::get_preset(&sp_genesis_builder::DEV_RUNTIME_PRESET.into())
		.expect("the dev preset exists");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&preset).unwrap());
	let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
	ext.execute_with(|| run_to(1));
	ext
}

fn run_to(n: u32) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		<AllPalletsWithSystem as OnInitialize<u32>>::on_initialize(next);
	}
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// The council votes on `call`: Alice proposes it with the threshold of all `ayes`, they vote
/// aye, Charlie closes. Returns the result of executing it.
fn council_vote(call: RuntimeCall, ayes: &[AccountId]) -> sp_runtime::DispatchResult {
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
	assert_ok!(Council::propose(
		signed(&Alice.to_account_id()),
		ayes.len() as u32,
		Box::new(call),
		length
	));
	for who in ayes {
		assert_ok!(Council::vote(signed(who), hash, index, true));
	}
	assert_ok!(Council::close(
		signed(&Charlie.to_account_id()),
		hash,
		index,
		Weight::MAX / 4,
		length
	));
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => {
				Some(result)
			}
			_ => None,
		})
		.expect("the motion executed")
}

/// Alice and Bob (2 of 3: more than half) pass `call`, which must succeed.
fn council_motion(call: RuntimeCall) {
	assert_ok!(council_vote(
		call,
		&[Alice.to_account_id(), Bob.to_account_id()]
	));
}

#[test]
fn council_budget_then_submit_attest_verify_and_get_paid() {
	dev_chain().execute_with(|| {
		let alice = Alice.to_account_id();
		let budget = 5_000 * UNIT;

		council_motion(RuntimeCall::Rewards(pallet_rewards::Call::set_budget {
			budget,
		}));
		assert_eq!(pallet_rewards::Budget::<Runtime>::get(), budget);

		assert_ok!(Contributions::submit(
			signed(&alice),
			ContributionKind::Dataset,
			[42; 32],
			1 << 20,
			b"https://data.gongyu.example/ko-dialogues.tar".to_vec(),
			b"CC-BY-4.0".to_vec(),
			None,
		));
		let free_before = Balances::free_balance(&alice);
		assert_ok!(Contributions::attest(
			signed(&Bob.to_account_id()),
			0,
			Verdict::Valid { score: 90 }
		));
		assert_ok!(Contributions::attest(
			signed(&Charlie.to_account_id()),
			0,
			Verdict::Valid { score: 70 }
		));
		assert_eq!(
			pallet_contributions::Contributions::<Runtime>::get(0)
				.unwrap()
				.status,
			ContributionStatus::Verified { score: 80 }
		);
		let deposit = pallet_contributions::Contributions::<Runtime>::get(0)
			.unwrap()
			.deposit;
		assert_eq!(
			Balances::free_balance(&alice),
			free_before + deposit,
			"deposit released"
		);

		// The dev epoch is ten blocks: the epoch closes and pays the whole budget to Alice.
		let epoch = pallet_rewards::CurrentEpoch::<Runtime>::get();
		run_to(epoch.start + pallet_rewards::EpochLength::<Runtime>::get() + 1);
		assert_eq!(
			Balances::free_balance(&alice),
			free_before + deposit + budget
		);
		assert_eq!(Rewards::pending_of(&alice), 0);
		let account = pallet_rewards::AccountRewardsOf::<Runtime>::get(&alice);
		assert_eq!((account.earned, account.paid), (budget, budget));
		assert_eq!(
			pallet_rewards::ContributionRewards::<Runtime>::get(0).reward,
			budget
		);
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Rewards(pallet_rewards::Event::RewardPaid { who, amount })
				if *who == alice && *amount == budget
		)));
	});
}

#[test]
fn outsiders_cannot_set_the_budget_or_propose() {
	dev_chain().execute_with(|| {
		let dave = Dave.to_account_id();
		let before = pallet_rewards::Budget::<Runtime>::get();
		assert_noop!(
			Rewards::set_budget(signed(&dave), 1),
			DispatchError::BadOrigin
		);
		let call = RuntimeCall::Rewards(pallet_rewards::Call::set_budget { budget: 1 });
		assert_noop!(
			Council::propose(signed(&dave), 2, Box::new(call), 100),
			pallet_collective::Error::<Runtime, pallet_collective::Instance1>::NotMember
		);
		assert_eq!(pallet_rewards::Budget::<Runtime>::get(), before);
	});
}

#[test]
fn three_quarters_of_the_council_reach_root_and_a_majority_does_not() {
	dev_chain().execute_with(|| {
		let remark = Box::new(RuntimeCall::System(frame_system::Call::set_heap_pages {
			pages: 9,
		}));
		let call =
			RuntimeCall::Governance(pallet_governance::Call::dispatch_as_root { call: remark });
		let (alice, bob, charlie) = (
			Alice.to_account_id(),
			Bob.to_account_id(),
			Charlie.to_account_id(),
		);

		// Two of three is a majority but not three quarters: the motion executes and fails.
		assert!(council_vote(call.clone(), &[alice.clone(), bob.clone()]).is_err());
		// Three of three: Root.
		assert_ok!(council_vote(call, &[alice, bob, charlie]));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Governance(pallet_governance::Event::DispatchedAsRoot { result: Ok(()) })
		)));
	});
}

#[test]
fn a_majority_cannot_pack_the_council_to_reach_root() {
	dev_chain().execute_with(|| {
		// The capture route: Alice and Bob (2 of 3) add Dave, then Eve, to reach three
		// quarters without Charlie. The first step already needs three quarters.
		let call = RuntimeCall::CouncilMembership(pallet_membership::Call::add_member {
			who: sp_runtime::MultiAddress::Id(Dave.to_account_id()),
		});
		let result = council_vote(call, &[Alice.to_account_id(), Bob.to_account_id()]);
		assert_eq!(result, Err(DispatchError::BadOrigin));
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().len(),
			3
		);
	});
}

#[test]
fn genesis_presets_build() {
	for preset in genesis_config_presets::preset_names() {
		let patch = genesis_config_presets::get_preset(&preset).unwrap();
		let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
		merge(&mut config, serde_json::from_slice(&patch).unwrap());
		let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
		let mut ext = sp_io::TestExternalities::new(config.build_storage().unwrap());
		ext.execute_with(|| {
			<AllPalletsWithSystem as IntegrityTest>::integrity_test();
			assert!(!pallet_session::Validators::<Runtime>::get().is_empty());
		});
	}
}

/// The node's verifier signs with `tx_extension` and `tx_extension_implicit`: they must be
/// what the runtime itself derives, or its attestations would fail as `BadProof`.
#[test]
fn the_exported_extension_constructor_matches_the_runtime() {
	use sp_runtime::{generic::Era, traits::TransactionExtension};

	dev_chain().execute_with(|| {
		let genesis = frame_system::BlockHash::<Runtime>::get(0);
		let extension = gongyu_runtime::tx_extension(7, Era::Immortal, 0);
		assert_eq!(
			extension.implicit().unwrap(),
			gongyu_runtime::tx_extension_implicit(genesis, genesis)
		);

		run_to(5);
		let parent = System::parent_hash();
		frame_system::BlockHash::<Runtime>::insert(4, parent);
		let mortal = gongyu_runtime::tx_extension(7, Era::mortal(64, 4), 0);
		assert_eq!(
			mortal.implicit().unwrap(),
			gongyu_runtime::tx_extension_implicit(genesis, parent)
		);
	});
}
