//! The whole path on the real runtime (not a mock), from the `dev` genesis preset: the
//! council sets the reward budget by motion, Alice submits a dataset, two verifiers attest,
//! the epoch closes and Alice is paid; outsiders are refused.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects
)]

use crate::support;

use frame_support::{assert_noop, assert_ok, traits::IntegrityTest};
use gongyu_runtime::{
	genesis_config_presets, AllPalletsWithSystem, Balances, BuildStorage, Contributions, Council,
	Rewards, Runtime, RuntimeCall, RuntimeEvent, System, UNIT,
};
use pallet_contributions::{ContributionKind, ContributionStatus, Verdict};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave};
use sp_runtime::DispatchError;
use support::{council_vote, dev_chain, measured_counts, preset_config, run_to, signed};

/// Alice and Bob (2 of 3: more than half) pass `call`, which must succeed.
fn council_motion(call: RuntimeCall) {
	assert_ok!(council_vote(
		call,
		&[Alice.to_account_id(), Bob.to_account_id()]
	));
}

/// The keys the calls since the last commit changed, without System's items (priced with
/// the block and the transaction) and `:transaction_level:` (the dispatch's transactional
/// layer, never committed).
fn keys_written_by_calls(ext: &sp_io::TestExternalities) -> Vec<Vec<u8>> {
	let system_prefix = sp_io::hashing::twox_128(b"System");
	ext.overlayed_changes()
		.changes()
		.map(|(key, _)| key.clone())
		.filter(|key| !key.starts_with(&system_prefix) && !key.starts_with(b":"))
		.collect()
}

/// The weight a block declared covers a database write of every key in `changed`.
fn assert_declares_a_write_of_each(
	declared: frame_support::weights::Weight,
	changed: &[Vec<u8>],
	db: frame_support::weights::RuntimeDbWeight,
) {
	let writes = db.writes(changed.len() as u64);
	assert!(
		declared.ref_time() >= writes.ref_time(),
		"declared {declared:?} for {} keys written",
		changed.len()
	);
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
			pallet_contributions::Consent::all(pallet_contributions::ConsentLevel::Allowed),
			None,
		));
		let free_before = Balances::free_balance(&alice);
		// Both verifiers count the same records: 10,000, of which 8,000 are valid, unique
		// and in the dataset's language, 800,000 bytes of them. Score 80.
		let counts = measured_counts();
		assert_ok!(Contributions::attest(
			signed(&Bob.to_account_id()),
			0,
			Verdict::Measured {
				counts,
				sketch: [7; 64],
			}
		));
		assert_ok!(Contributions::attest(
			signed(&Charlie.to_account_id()),
			0,
			Verdict::Measured {
				counts,
				sketch: [7; 64],
			}
		));
		assert_eq!(
			pallet_contributions::Contributions::<Runtime>::get(0)
				.unwrap()
				.status,
			ContributionStatus::Verified { score: 80 }
		);
		// The deposit comes back less the storage fee, which stays in the reward pot.
		let fee = pallet_contributions::Params::<Runtime>::get().storage_fee;
		assert!(fee > 0);
		let deposit = pallet_contributions::Contributions::<Runtime>::get(0)
			.unwrap()
			.deposit - fee;
		assert_eq!(
			Balances::free_balance(&alice),
			free_before + deposit,
			"deposit released less the storage fee"
		);

		// The dev epoch is ten blocks: the epoch closes and pays Alice's contribution what
		// its weight is worth at the price cap (score 80 × (800,000 useful bytes − 4 KiB) ×
		// 0.1 µGYU ≈ 6.37 GYU), not the whole budget it is alone in, nor its 1 MiB.
		let rules = pallet_rewards::Rules::<Runtime>::get();
		let reward = 80 * (800_000 - 4096) * rules.max_price_per_weight;
		assert_eq!(reward, 6_367_232_000_000);
		assert!(reward < rules.max_account_share * budget);
		let epoch = pallet_rewards::CurrentEpoch::<Runtime>::get();
		run_to(epoch.start + pallet_rewards::EpochLength::<Runtime>::get() + 1);
		assert_eq!(
			Balances::free_balance(&alice),
			free_before + deposit + reward
		);
		assert_eq!(Rewards::pending_of(&alice), 0);
		let account = pallet_rewards::AccountRewardsOf::<Runtime>::get(&alice);
		assert_eq!((account.earned, account.paid), (reward, reward));
		assert_eq!(
			pallet_rewards::ContributionRewards::<Runtime>::get(0).reward,
			reward
		);
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Rewards(pallet_rewards::Event::RewardPaid { who, amount })
				if *who == alice && *amount == reward
		)));
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Rewards(pallet_rewards::Event::EpochCappedByPrice { to_pay, .. })
				if *to_pay == reward
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
		let config = preset_config(&preset);
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

/// The premise of charging the keys every submission shares once per block: a block of
/// submissions from several accounts changes the id counter's key, its deadline's count and
/// the page of the expiry list they fill once each, so the database writes each once; the
/// submission that opens the page pays for it, the rest are refunded. Besides them the block
/// changes each submission's contribution and root, and each account's owner record and
/// deposit hold (the signer's account is priced with the transaction's fee), and what the
/// submissions are charged, with what `on_initialize` charges in every block, covers a
/// write of every key they change.
#[test]
fn a_block_of_submissions_writes_its_shared_keys_once_and_declares_every_write() {
	use frame_support::weights::Weight;
	use frame_support::{
		dispatch::GetDispatchInfo,
		traits::{Get, OnInitialize},
		weights::RuntimeDbWeight,
	};
	use pallet_contributions::{
		Consent, ConsentLevel, Expiring, ExpiringCount, NextContributionId,
	};
	use sp_keyring::Sr25519Keyring::{Eve, Ferdie};
	use sp_runtime::traits::Dispatchable;

	let submitters = [Alice, Bob, Charlie, Dave, Eve, Ferdie].map(|k| k.to_account_id());
	let per_account = 3u8;
	let db: RuntimeDbWeight = <Runtime as frame_system::Config>::DbWeight::get();
	let mut ext = dev_chain();
	ext.execute_with(|| run_to(2));
	// What the pallet's `on_initialize` charges in a block with nothing to expire: at least
	// a read and a write of each key every submission shares.
	let per_block = ext.execute_with(|| <Contributions as OnInitialize<u32>>::on_initialize(2));
	let deadline =
		ext.execute_with(|| 2 + pallet_contributions::Params::<Runtime>::get().verification_period);
	assert_eq!(Contributions::shared_keys_weight(), db.reads_writes(3, 3));
	assert!(per_block.all_gte(db.reads_writes(3, 3)));
	ext.commit_all().unwrap();
	let declared = ext.execute_with(|| {
		let mut declared = per_block;
		for (index, who) in submitters.iter().enumerate() {
			for n in 0..per_account {
				let mut root = [0xd7; 32];
				root[0] = index as u8;
				root[1] = n;
				let call = RuntimeCall::Contributions(pallet_contributions::Call::submit {
					kind: ContributionKind::Dataset,
					root,
					bytes: 1 << 20,
					uri: b"https://data.gongyu.example/block.tsv".to_vec(),
					license: b"CC-BY-4.0".to_vec(),
					consent: Consent::all(ConsentLevel::Allowed),
					description_hash: None,
				});
				let info = call.get_dispatch_info();
				let call_weight = info.call_weight;
				let post = call
					.dispatch(signed(who))
					.expect("a well-formed submission");
				// Only the submission that opens a page of the expiry list pays for it.
				let page_size: u32 =
					<Runtime as pallet_contributions::Config>::ExpiryPageSize::get();
				let opens_page = ExpiringCount::<Runtime>::get(deadline) % page_size == 1;
				let refund = if opens_page {
					Weight::zero()
				} else {
					db.reads_writes(1, 1)
				};
				assert_eq!(post.calc_actual_weight(&info), call_weight - refund);
				declared = declared.saturating_add(call_weight - refund);
			}
		}
		declared
	});

	let changed = keys_written_by_calls(&ext);
	let submissions = submitters.len() * usize::from(per_account);
	let counter = NextContributionId::<Runtime>::hashed_key();
	assert_eq!(changed.iter().filter(|key| **key == counter).count(), 1);
	// Every submission of the block shares one deadline: one count, and pages filled one
	// after another.
	let count = ext.execute_with(|| ExpiringCount::<Runtime>::hashed_key_for(deadline));
	assert_eq!(changed.iter().filter(|key| **key == count).count(), 1);
	let page_size: u32 = <Runtime as pallet_contributions::Config>::ExpiryPageSize::get();
	let page_size = page_size as usize;
	let pages = submissions.div_ceil(page_size);
	assert!(pages > 1, "the block fills more than one page");
	let listed: usize = ext.execute_with(|| {
		(0..pages as u32)
			.map(|page| {
				let key = Expiring::<Runtime>::hashed_key_for(deadline, page);
				assert_eq!(changed.iter().filter(|changed| **changed == key).count(), 1);
				Expiring::<Runtime>::get(deadline, page).len()
			})
			.sum()
	});
	assert_eq!(listed, submissions);
	// Two keys per submission (the contribution and its root), two per account (its owner
	// record and deposit hold), the id counter, the deadline's count and its pages.
	assert_eq!(
		changed.len(),
		2 * submissions + 2 * submitters.len() + 2 + pages
	);
	assert_declares_a_write_of_each(declared, &changed, db);
}

/// Governance changing the verification period in the middle of a block moves the block's
/// later submissions to another deadline, whose count and first page `on_initialize` never
/// charged for. `set_parameters` declares a read and a write of both beside its benchmark,
/// and with it the block declares a write of every key it changes: submissions from six
/// accounts, three under each deadline.
#[test]
fn a_verification_period_changed_mid_block_declares_the_new_deadlines_keys() {
	use frame_support::{
		dispatch::GetDispatchInfo, traits::OnInitialize, weights::RuntimeDbWeight,
	};
	use pallet_contributions::{
		Consent, ConsentLevel, Expiring, ExpiringCount, Params, WeightInfo as _,
	};
	use sp_keyring::Sr25519Keyring::{Eve, Ferdie};
	use sp_runtime::traits::Dispatchable;

	let submitters = [Alice, Bob, Charlie, Dave, Eve, Ferdie].map(|k| k.to_account_id());
	let db: RuntimeDbWeight = <Runtime as frame_system::Config>::DbWeight::get();
	let mut ext = dev_chain();
	ext.execute_with(|| run_to(2));
	let per_block = ext.execute_with(|| <Contributions as OnInitialize<u32>>::on_initialize(2));
	let (first_deadline, parameters) = ext.execute_with(|| {
		let parameters = Params::<Runtime>::get();
		(2 + parameters.verification_period, parameters)
	});
	ext.commit_all().unwrap();

	let submit = |index: usize| {
		let mut root = [0xe3; 32];
		root[0] = index as u8;
		RuntimeCall::Contributions(pallet_contributions::Call::submit {
			kind: ContributionKind::Dataset,
			root,
			bytes: 1 << 20,
			uri: b"https://data.gongyu.example/period.tsv".to_vec(),
			license: b"CC-BY-4.0".to_vec(),
			consent: Consent::all(ConsentLevel::Allowed),
			description_hash: None,
		})
	};
	let longer = pallet_contributions::ParametersOf::<Runtime> {
		verification_period: parameters.verification_period + 1,
		..parameters
	};
	let set = RuntimeCall::Contributions(pallet_contributions::Call::set_parameters {
		parameters: longer,
	});
	let set_weight = set.get_dispatch_info().call_weight;
	assert_eq!(
		set_weight,
		<Runtime as pallet_contributions::Config>::WeightInfo::set_parameters()
			.saturating_add(db.reads_writes(2, 2))
	);

	let declared = ext.execute_with(|| {
		let mut declared = per_block;
		for (index, who) in submitters.iter().enumerate() {
			if index == 3 {
				set.clone()
					.dispatch(gongyu_runtime::RuntimeOrigin::root())
					.expect("governance sets valid parameters");
				declared = declared.saturating_add(set_weight);
			}
			let call = submit(index);
			let info = call.get_dispatch_info();
			let post = call
				.dispatch(signed(who))
				.expect("a well-formed submission");
			declared = declared.saturating_add(post.calc_actual_weight(&info));
		}
		declared
	});

	let second_deadline = first_deadline + 1;
	let changed = keys_written_by_calls(&ext);
	ext.execute_with(|| {
		for deadline in [first_deadline, second_deadline] {
			assert_eq!(ExpiringCount::<Runtime>::get(deadline), 3);
			assert_eq!(Expiring::<Runtime>::get(deadline, 0).len(), 3);
			for key in [
				ExpiringCount::<Runtime>::hashed_key_for(deadline),
				Expiring::<Runtime>::hashed_key_for(deadline, 0),
			] {
				assert!(
					changed.contains(&key),
					"the deadline {deadline}'s keys are written"
				);
			}
		}
	});
	// Per submission its contribution, root, owner record and hold; the parameters, the id
	// counter, and each deadline's count and first page.
	assert_eq!(changed.len(), 4 * submitters.len() + 2 + 2 * 2);
	assert_declares_a_write_of_each(declared, &changed, db);
}

/// One deadline's expiry list holds at least twice the submissions a block admits, so the
/// block after governance shortened the verification period by one still finds room.
#[test]
fn a_deadline_lists_twice_the_submissions_a_block_admits() {
	use frame_support::dispatch::DispatchClass;
	use pallet_contributions::WeightInfo as _;

	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let room = normal
		.max_total
		.unwrap_or(weights.max_block)
		.saturating_sub(weights.base_block);
	// The lightest submission: the shortest URI and license.
	let submission = normal.base_extrinsic.saturating_add(
		<Runtime as pallet_contributions::Config>::WeightInfo::submit_dataset(9, 1),
	);
	let per_block = room.ref_time() / submission.ref_time();
	let bound = <Runtime as pallet_contributions::Config>::MaxSubmissionsPerDeadline::get();
	assert!(
		2 * per_block <= u64::from(bound),
		"{per_block} submissions fit in a block; a deadline lists {bound}"
	);
}
