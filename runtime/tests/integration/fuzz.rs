//! Fuzzed invariants of the real runtime. From the `dev` and `local` genesis presets, blocks
//! are built the way a node builds them (`Executive`: the timestamp inherent, then signed
//! extrinsics that pay fees and carry nonces) out of random calls of every Gongyu pallet,
//! balances and the council: random signers (dev accounts, funded or not, and strangers),
//! sizes, ids, scores, parameters, and council motions with random thresholds and votes that
//! carry privileged calls. Blocks end at random, sometimes many at once, so epochs close and
//! contributions expire in between. After every block:
//! - every pallet's `try_state` invariants hold and total issuance is the sum of all free and
//!   reserved balances (`gongyu_runtime::invariants::check_all`),
//! - total issuance changed only by what governance minted,
//! - the block's weight is within the limit, and no call declared more than an extrinsic
//!   may use or used more than it declared.
//!
//! Nothing may panic. The run is seeded: a failure prints the seed, and the calls of the
//! failing run are written to `tests/artifacts/fuzz-<preset>-<seed>.log`.
//!
//! `GONGYU_FUZZ_CALLS` (calls per preset; the test command's short run uses the default)
//! and `GONGYU_FUZZ_SEED` (a fixed seed; otherwise the short run uses seed 1 and
//! `scripts/fuzz.sh` a fresh one) set the run.
#![allow(
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::arithmetic_side_effects
)]

use crate::support;

use std::{
	io::Write,
	panic::{self, AssertUnwindSafe},
	time::Instant,
};

use codec::Encode;
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::Weight,
};
use gongyu_runtime::{
	AccountId, Balance, Balances, Executive, Header, Runtime, RuntimeCall, SignedPayload, System,
	UncheckedExtrinsic, UNIT,
};
use pallet_contributions::{
	ContributionKind, Decision, Parameters, RecordCounts, UriSchemes, Verdict,
};
use rand::{rngs::StdRng, seq::IndexedRandom, Rng, SeedableRng};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Digest, DigestItem, Era},
	traits::{Hash, Header as _},
	MultiAddress, MultiSignature, Perbill,
};

/// Calls per preset in the test command's short run.
const DEFAULT_CALLS: u64 = 5_000;

/// One signer of the run: a key and the account it controls.
struct Signer {
	name: String,
	pair: sr25519::Pair,
}

impl Signer {
	fn account(&self) -> AccountId {
		self.pair.public().into()
	}
}

/// The state of one fuzzing run.
struct Fuzz {
	rng: StdRng,
	signers: Vec<Signer>,
	roots: Vec<[u8; 32]>,
	peers: Vec<Vec<u8>>,
	genesis_issuance: Balance,
	parent: sp_core::H256,
	session: u32,
	log: Vec<String>,
	calls: u64,
	applied: u64,
	succeeded: u64,
	blocks: u32,
}

fn account_of(keyring: Sr25519Keyring) -> AccountId {
	keyring.to_account_id()
}

impl Fuzz {
	fn new(seed: u64) -> Self {
		let mut signers: Vec<Signer> = Sr25519Keyring::iter()
			.take(6)
			.map(|k| Signer {
				name: format!("{k:?}"),
				pair: k.pair(),
			})
			.collect();
		// Two strangers: no funds, no role.
		for name in ["stranger-1", "stranger-2"] {
			signers.push(Signer {
				name: name.into(),
				pair: sr25519::Pair::from_string(&format!("//{name}"), None).unwrap(),
			});
		}
		let mut rng = StdRng::seed_from_u64(seed);
		let roots = (0..8).map(|_| rng.random()).collect();
		let peers = vec![vec![], vec![7; 38], vec![8; 38], vec![9; 200]];
		Self {
			rng,
			signers,
			roots,
			peers,
			genesis_issuance: Balances::total_issuance(),
			parent: System::parent_hash(),
			session: pallet_session::CurrentIndex::<Runtime>::get(),
			log: Vec::new(),
			calls: 0,
			applied: 0,
			succeeded: 0,
			blocks: 0,
		}
	}

	fn any_account(&mut self) -> AccountId {
		self.signers.choose(&mut self.rng).unwrap().account()
	}

	/// Starts block `n` as a node would: Aura pre-digest for slot `n`, timestamp inherent.
	fn start_block(&mut self) {
		let number = System::block_number() + 1;
		let slot = Slot::from(u64::from(number));
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())],
		};
		let header = Header::new(
			number,
			Default::default(),
			Default::default(),
			self.parent,
			digest,
		);
		Executive::initialize_block(&header);
		let now = u64::from(number) * gongyu_runtime::SLOT_DURATION;
		let inherent =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now,
			}));
		Executive::apply_extrinsic(inherent)
			.expect("the timestamp inherent is valid")
			.expect("the timestamp inherent succeeds");
	}

	/// Ends the block and checks every invariant.
	fn end_block(&mut self) {
		let header = Executive::finalize_block();
		self.parent = header.hash();
		self.blocks += 1;
		self.check_invariants();
		self.session = pallet_session::CurrentIndex::<Runtime>::get();
		self.start_block();
	}

	fn check_invariants(&mut self) {
		let block = System::block_number();
		let fail = |what: String| -> ! { panic!("after block {block}: {what}") };
		if let Err(e) = gongyu_runtime::invariants::check_all() {
			fail(e);
		}
		let issuance = Balances::total_issuance();
		let minted = pallet_rewards::Totals::<Runtime>::get().minted;
		if issuance != self.genesis_issuance + minted {
			fail(format!(
				"issuance {issuance} is not genesis {} plus minted {minted}",
				self.genesis_issuance
			));
		}
		let limits: frame_system::limits::BlockWeights =
			<Runtime as frame_system::Config>::BlockWeights::get();
		let used = frame_system::BlockWeight::<Runtime>::get();
		let normal_limit = limits
			.get(DispatchClass::Normal)
			.max_total
			.unwrap_or(limits.max_block);
		if !used.get(DispatchClass::Normal).all_lte(normal_limit) {
			fail(format!("normal extrinsics weigh {used:?}, over the limit"));
		}
		// pallet-session counts a block that rotates the session as full (`max_block`) on
		// purpose; every other block must fit its limit, hooks and inherents included.
		let rotated = pallet_session::CurrentIndex::<Runtime>::get() != self.session;
		if !rotated && !used.total().all_lte(limits.max_block) {
			fail(format!("block weight {:?} over the limit", used.total()));
		}
	}

	/// Signs `call` as signer `who` and applies it; ends the block when it is full. Returns
	/// the dispatch outcome, or `None` when the extrinsic was not included.
	fn send(&mut self, who: usize, call: RuntimeCall) -> Option<sp_runtime::DispatchResult> {
		let name = self.signers[who].name.clone();
		let pair = self.signers[who].pair.clone();
		let account: AccountId = pair.public().into();
		let info = call.get_dispatch_info();
		let limits: frame_system::limits::BlockWeights =
			<Runtime as frame_system::Config>::BlockWeights::get();
		let max_extrinsic = limits
			.get(DispatchClass::Normal)
			.max_extrinsic
			.unwrap_or(Weight::MAX);
		assert!(
			info.call_weight.all_lte(max_extrinsic),
			"{call:?} declares {:?}, more than an extrinsic may use",
			info.call_weight
		);
		self.log.push(format!(
			"block {} {}: {call:?}",
			System::block_number(),
			name
		));
		let genesis = frame_system::BlockHash::<Runtime>::get(0);
		let nonce = System::account_nonce(&account);
		let extension = gongyu_runtime::tx_extension(nonce, Era::Immortal, 0);
		let implicit = gongyu_runtime::tx_extension_implicit(genesis, genesis);
		let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
		let signature = payload.using_encoded(|bytes| pair.sign(bytes));
		let payload_call = call.clone();
		let extrinsic = UncheckedExtrinsic::new_signed(
			call,
			MultiAddress::Id(account.clone()),
			MultiSignature::Sr25519(signature),
			extension,
		);
		self.calls += 1;
		Self::check_declared_weight(&account, &payload_call, info.call_weight);
		match Executive::apply_extrinsic(extrinsic) {
			Ok(outcome) => {
				self.applied += 1;
				self.succeeded += u64::from(outcome.is_ok());
				Some(outcome)
			}
			Err(sp_runtime::transaction_validity::TransactionValidityError::Invalid(
				sp_runtime::transaction_validity::InvalidTransaction::ExhaustsResources,
			)) => {
				self.end_block();
				None
			}
			// Unfunded signers and the like: refused before dispatch, as a node would.
			Err(_) => None,
		}
	}

	/// Dispatches `call` as `account` and rolls it back: the weight it reports having used
	/// must be no more than it declared.
	fn check_declared_weight(account: &AccountId, call: &RuntimeCall, declared: Weight) {
		use frame_support::storage::{with_transaction, TransactionOutcome};
		use sp_runtime::traits::Dispatchable;
		let origin = gongyu_runtime::RuntimeOrigin::signed(account.clone());
		let used: Result<Option<Weight>, sp_runtime::DispatchError> = with_transaction(|| {
			let post = match call.clone().dispatch(origin) {
				Ok(post) => post,
				Err(error) => error.post_info,
			};
			TransactionOutcome::Rollback(Ok(post.actual_weight))
		});
		if let Ok(Some(used)) = used {
			assert!(
				used.all_lte(declared),
				"{call:?} used {used:?}, more than the {declared:?} it declared"
			);
		}
	}

	fn signer_index(&self, keyring: Sr25519Keyring) -> usize {
		let account = account_of(keyring);
		self.signers
			.iter()
			.position(|s| s.account() == account)
			.unwrap()
	}

	/// A pending contribution's id seven times in ten, otherwise any id up to one past the
	/// newest.
	fn contribution_id(&mut self) -> u64 {
		if self.rng.random_ratio(7, 10) {
			let now = frame_system::Pallet::<Runtime>::block_number();
			let pending: Vec<u64> = pallet_contributions::Expiring::<Runtime>::iter()
				.filter(|(deadline, _, _)| *deadline >= now)
				.flat_map(|(_, _, ids)| ids.into_inner())
				.filter(|id| {
					pallet_contributions::Contributions::<Runtime>::get(id).is_some_and(|c| {
						c.status == pallet_contributions::ContributionStatus::Pending
					})
				})
				.collect();
			if let Some(id) = pending.choose(&mut self.rng) {
				return *id;
			}
		}
		let next = pallet_contributions::NextContributionId::<Runtime>::get();
		self.rng.random_range(0..=next)
	}

	/// A submission: well-formed two times in three (a fresh root, a web URI, a license),
	/// otherwise with a reused root or a bad field.
	fn submit(&mut self) -> RuntimeCall {
		if self.rng.random_ratio(2, 3) {
			let n: u32 = self.rng.random();
			return RuntimeCall::Contributions(pallet_contributions::Call::submit {
				kind: ContributionKind::Dataset,
				root: self.rng.random(),
				bytes: self.rng.random_range(1..=1 << 30),
				uri: format!("https://data.example/{n}").into_bytes(),
				license: b"CC-BY-4.0".to_vec(),
				consent: self.consent(),
				description_hash: None,
			});
		}
		let root = if self.rng.random_ratio(1, 20) {
			gongyu_runtime::genesis_config_presets::BASE_MODEL_WEIGHTS_ROOT
		} else {
			*self.roots.choose(&mut self.rng).unwrap()
		};
		let bytes = *[0, 1, 4_096, 5_000, 1 << 20, u64::MAX]
			.choose(&mut self.rng)
			.unwrap();
		let n: u8 = self.rng.random();
		let uri = match self.rng.random_range(0..6) {
			0 => format!("https://data.example/{n}").into_bytes(),
			1 => format!("http://data.example/{n}").into_bytes(),
			2 => format!("file:///data/{n}").into_bytes(),
			3 => b"ftp://data.example/x".to_vec(),
			4 => Vec::new(),
			_ => vec![b'h'; 600],
		};
		let license = self.license();
		let kind = if self.rng.random_bool(0.7) {
			ContributionKind::Dataset
		} else {
			ContributionKind::FineTune {
				base: self.rng.random_range(0..3),
			}
		};
		let description_hash = self.rng.random_bool(0.3).then(|| self.rng.random());
		RuntimeCall::Contributions(pallet_contributions::Call::submit {
			kind,
			root,
			bytes,
			uri,
			license,
			consent: self.consent(),
			description_hash,
		})
	}

	/// A license: listed, unlisted but well-formed, malformed or too long.
	fn license(&mut self) -> Vec<u8> {
		match self.rng.random_range(0..5) {
			0 => b"CC-BY-4.0".to_vec(),
			1 => Vec::new(),
			2 => b"CC BY\n".to_vec(),
			3 => b"GPL-3.0-only".to_vec(),
			_ => vec![b'M'; 70],
		}
	}

	/// A consent, each category at a random level.
	fn consent(&mut self) -> pallet_contributions::Consent {
		use pallet_contributions::ConsentLevel::{Allowed, Constrained, NotAllowed};
		let mut level = || {
			*[Allowed, NotAllowed, Constrained]
				.choose(&mut self.rng)
				.unwrap()
		};
		pallet_contributions::Consent {
			ai_training: level(),
			ai_generative_training: level(),
			ai_inference: level(),
			data_mining: level(),
		}
	}

	fn verdict(&mut self) -> Verdict {
		match self.rng.random_range(0..11) {
			0 => Verdict::HashMismatch,
			1 => Verdict::Unreachable,
			2 => Verdict::CardMismatch,
			3 => Verdict::BadFormat,
			8 => Verdict::ArchitectureMismatch,
			9 => Verdict::AdapterMismatch,
			10 => Verdict::Unevaluated,
			4 | 5 => Verdict::Measured {
				counts: self.counts(),
				sketch: self.sketch(),
			},
			_ => Verdict::Valid {
				score: self.rng.random_range(0..=120),
			},
		}
	}

	/// A sketch from a few overlapping families, so that datasets often share bands and
	/// verifiers often agree.
	fn sketch(&mut self) -> pallet_contributions::Sketch {
		let family: u32 = self.rng.random_range(0..4);
		let shared = self.rng.random_range(0..=64usize);
		core::array::from_fn(|i| if i < shared { family } else { 100 + i as u32 })
	}

	/// Record counts: consistent for a dataset of a few megabytes most of the time, from a
	/// few fixed sets so that verifiers often agree.
	fn counts(&mut self) -> RecordCounts {
		let records = *[1u64, 10, 1_000].choose(&mut self.rng).unwrap();
		let valid = self.rng.random_range(0..=records);
		let duplicates = self.rng.random_range(0..=valid / 2);
		let in_language = valid.saturating_sub(duplicates);
		RecordCounts {
			records,
			valid,
			duplicates,
			in_language,
			useful_bytes: in_language
				.saturating_mul(*[1u64, 100, 10_000].choose(&mut self.rng).unwrap()),
		}
	}

	fn parameters(&mut self) -> Parameters<Balance, u32> {
		Parameters {
			quorum: Perbill::from_percent(self.rng.random_range(0..=100)),
			min_attestations: self.rng.random_range(0..4),
			verification_period: self.rng.random_range(0..30),
			deposit_base: self.rng.random_range(0..=10) * UNIT,
			deposit_per_byte: self.rng.random_range(0..=1_000_000),
			unavailable_slash: Perbill::from_percent(self.rng.random_range(0..=100)),
			unavailable_cooldown: self.rng.random_range(0..50),
			uri_schemes: UriSchemes {
				https: self.rng.random(),
				http: self.rng.random(),
				file: self.rng.random(),
			},
			storage_fee: self.rng.random_range(0..=2) * UNIT / 2,
			unevaluated_score: self.rng.random_range(0..=110),
		}
	}

	/// A call only governance may make.
	fn privileged_call(&mut self) -> RuntimeCall {
		let who = MultiAddress::Id(self.any_account());
		let amount: Balance = self.rng.random_range(0..=2_000) * UNIT;
		match self.rng.random_range(0..24) {
			18 => RuntimeCall::Contributions(pallet_contributions::Call::set_license {
				license: self.license(),
				terms: self
					.rng
					.random_bool(0.7)
					.then(|| pallet_contributions::LicenseTerms {
						training: self.rng.random(),
						weights_redistribution: self.rng.random(),
						commercial: self.rng.random(),
					}),
			}),
			16 => RuntimeCall::Models(pallet_models::Call::register_release {
				name: vec![b'r'; self.rng.random_range(0..70)],
				weights_root: [self.rng.random(); 32],
				fingerprint: [self.rng.random(); 32],
				parents: (0..self.rng.random_range(0..3))
					.map(|_| self.rng.random_range(0..5))
					.collect(),
				intended_use: pallet_contributions::IntendedUse {
					commercial: self.rng.random(),
					generative: self.rng.random(),
				},
				ingredients: (0..self.rng.random_range(0..4))
					.map(|_| {
						let id = self.contribution_id();
						(
							id,
							self.rng
								.random_bool(0.5)
								.then(|| self.rng.random_range(0..4)),
						)
					})
					.collect(),
			}),
			17 => RuntimeCall::Models(pallet_models::Call::set_split {
				split: pallet_models::RevenueSplit {
					holders: sp_runtime::Perbill::from_percent(self.rng.random_range(0..=100)),
					parents: sp_runtime::Perbill::from_percent(self.rng.random_range(0..=60)),
				},
			}),
			0 => RuntimeCall::Contributions(pallet_contributions::Call::force_decide {
				id: self.contribution_id(),
				decision: match self.rng.random_range(0..4) {
					0 => Decision::Rejected,
					1 => Decision::Unavailable,
					2 => Decision::Measured {
						counts: self.counts(),
						sketch: self.sketch(),
					},
					_ => Decision::Verified {
						score: self.rng.random_range(0..=120),
					},
				},
			}),
			1 => RuntimeCall::Contributions(pallet_contributions::Call::set_parameters {
				parameters: self.parameters(),
			}),
			2 => RuntimeCall::Models(pallet_models::Call::register_model_version {
				name: vec![b'm'; self.rng.random_range(0..70)],
				weights_root: *self.roots.choose(&mut self.rng).unwrap(),
				parent: self
					.rng
					.random_bool(0.5)
					.then(|| self.rng.random_range(0..3)),
				architecture: self.rng.random_bool(0.7).then(|| {
					(
						[self.rng.random(); 32],
						b"https://models.example/m/".to_vec(),
					)
				}),
			}),
			3 => RuntimeCall::Rewards(pallet_rewards::Call::set_budget { budget: amount }),
			4 => RuntimeCall::Rewards(if self.rng.random_bool(0.5) {
				pallet_rewards::Call::set_epoch_length {
					length: self.rng.random_range(0..20),
				}
			} else {
				// Short windows, so rewards vest (and long ones, refused) within a run.
				pallet_rewards::Call::set_challenge_window {
					window: *[0, 1, 7, 40, u32::MAX].choose(&mut self.rng).unwrap(),
				}
			}),
			5 => RuntimeCall::Rewards(pallet_rewards::Call::set_rules {
				rules: pallet_rewards::RewardRules {
					dataset_weight: self.rng.random_range(0..3),
					fine_tune_weight: *[0, 2, u32::MAX].choose(&mut self.rng).unwrap(),
					per_submission_cost: *[0, 4_096, u64::MAX].choose(&mut self.rng).unwrap(),
					max_price_per_weight: *[0, 1, 100_000, u128::MAX]
						.choose(&mut self.rng)
						.unwrap(),
					max_account_share: sp_runtime::Perbill::from_percent(
						*[0, 10, 50, 100].choose(&mut self.rng).unwrap(),
					),
				},
			}),
			6 => RuntimeCall::Rewards(pallet_rewards::Call::grant_bonus {
				id: self.contribution_id(),
				amount: amount / 10,
				reason: [1; 32],
			}),
			7 => RuntimeCall::Rewards(pallet_rewards::Call::mint_into_pot { amount }),
			8 => RuntimeCall::Rewards(pallet_rewards::Call::set_bonus_cap { cap: amount }),
			9 => RuntimeCall::VerifierMembership(pallet_membership::Call::add_member { who }),
			10 => RuntimeCall::VerifierMembership(pallet_membership::Call::remove_member { who }),
			11 => RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator {
				who: self.any_account(),
			}),
			12 => RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator {
				who: self.any_account(),
			}),
			13 => RuntimeCall::NetworkAdmission(pallet_network_admission::Call::admit_node {
				peer_id: self.peers.choose(&mut self.rng).unwrap().clone(),
				operator: self.any_account(),
			}),
			14 => RuntimeCall::NetworkAdmission(pallet_network_admission::Call::remove_node {
				peer_id: self.peers.choose(&mut self.rng).unwrap().clone(),
			}),
			19 | 20 => RuntimeCall::Disputes(pallet_disputes::Call::decide {
				id: self.rng.random_range(0..6),
				upheld: self.rng.random_bool(0.5),
			}),
			21 => RuntimeCall::Disputes(pallet_disputes::Call::decide_appeal {
				id: self.rng.random_range(0..6),
				upheld: self.rng.random_bool(0.5),
			}),
			22 => RuntimeCall::Disputes(pallet_disputes::Call::set_params {
				// Short periods so disputes settle within a run; a zero bond or period, refused.
				params: pallet_disputes::DisputeParams {
					bond: *[0, UNIT, 100 * UNIT].choose(&mut self.rng).unwrap(),
					bounty: sp_runtime::Perbill::from_percent(
						*[0, 10, 100].choose(&mut self.rng).unwrap(),
					),
					decision_period: *[0, 1, 5, 30].choose(&mut self.rng).unwrap(),
					appeal_period: *[0, 2, 10].choose(&mut self.rng).unwrap(),
				},
			}),
			_ => RuntimeCall::CouncilMembership(if self.rng.random_bool(0.7) {
				pallet_membership::Call::add_member { who }
			} else {
				pallet_membership::Call::remove_member { who }
			}),
		}
	}

	/// A council motion on a privileged call: a random member proposes it with a random
	/// threshold, every member votes at random, a random member closes it.
	fn motion(&mut self) {
		let members = pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get();
		let member_signers: Vec<usize> = (0..self.signers.len())
			.filter(|i| members.contains(&self.signers[*i].account()))
			.collect();
		let Some(&proposer) = member_signers.choose(&mut self.rng) else {
			return;
		};
		let mut call = self.privileged_call();
		if self.rng.random_ratio(1, 6) {
			call = RuntimeCall::Governance(pallet_governance::Call::dispatch_as_root {
				call: Box::new(call),
			});
		}
		let length = call.encoded_size() as u32;
		let weight = call.get_dispatch_info().call_weight;
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
		let index =
			pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get();
		let threshold = self.rng.random_range(1..=member_signers.len() as u32);
		self.send(
			proposer,
			RuntimeCall::Council(pallet_collective::Call::propose {
				threshold,
				proposal: Box::new(call),
				length_bound: length,
			}),
		);
		if threshold == 1 {
			return;
		}
		for &member in &member_signers {
			let approve = self.rng.random_bool(0.8);
			self.send(
				member,
				RuntimeCall::Council(pallet_collective::Call::vote {
					proposal: hash,
					index,
					approve,
				}),
			);
		}
		let closer = *member_signers.choose(&mut self.rng).unwrap();
		self.send(
			closer,
			RuntimeCall::Council(pallet_collective::Call::close {
				proposal_hash: hash,
				index,
				proposal_weight_bound: weight,
				length_bound: length,
			}),
		);
	}

	/// A privileged call sent directly by a signer: it must fail to dispatch.
	fn forbidden(&mut self) {
		let who = self.rng.random_range(0..self.signers.len());
		let call = self.privileged_call();
		let outcome = self.send(who, call);
		assert!(
			outcome != Some(Ok(())),
			"a signed origin made a privileged call succeed"
		);
	}

	fn step(&mut self) {
		let who = self.rng.random_range(0..self.signers.len());
		match self.rng.random_range(0..100) {
			0..=21 => {
				let call = self.submit();
				self.send(who, call);
			}
			22..=43 => {
				// Mostly verifiers, sometimes anyone.
				let attester = if self.rng.random_bool(0.8) {
					let verifiers = [
						Sr25519Keyring::Alice,
						Sr25519Keyring::Bob,
						Sr25519Keyring::Charlie,
					];
					let verifier = *verifiers.choose(&mut self.rng).unwrap();
					self.signer_index(verifier)
				} else {
					who
				};
				let id = self.contribution_id();
				let verdict = self.verdict();
				self.send(
					attester,
					RuntimeCall::Contributions(pallet_contributions::Call::attest { id, verdict }),
				);
			}
			44..=48 => {
				let id = self.contribution_id();
				self.send(
					who,
					RuntimeCall::Contributions(pallet_contributions::Call::withdraw { id }),
				);
			}
			49..=55 => {
				let to = MultiAddress::Id(self.any_account());
				let value = *[1, UNIT, 1_000 * UNIT, 2_000_000 * UNIT]
					.choose(&mut self.rng)
					.unwrap();
				self.send(
					who,
					RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
						dest: to,
						value,
					}),
				);
			}
			56 => {
				self.send(who, RuntimeCall::Rewards(pallet_rewards::Call::claim {}));
			}
			57 => {
				let release = self.rng.random_range(0..5);
				let call = if self.rng.random_bool(0.6) {
					pallet_models::Call::pay_usage {
						release,
						amount: *[0, 1, 999, UNIT, 3_000_000 * UNIT]
							.choose(&mut self.rng)
							.unwrap(),
						memo: [2; 32],
					}
				} else {
					pallet_models::Call::claim_revenue {
						release,
						contribution: self.contribution_id(),
					}
				};
				self.send(who, RuntimeCall::Models(call));
			}
			58..=61 => {
				let call = match self.rng.random_range(0..4) {
					0 | 1 => pallet_disputes::Call::open_dispute {
						contribution: self.contribution_id(),
						reason: *[
							pallet_disputes::DisputeReason::Plagiarism,
							pallet_disputes::DisputeReason::Duplicate,
							pallet_disputes::DisputeReason::Takedown,
						]
						.choose(&mut self.rng)
						.unwrap(),
						evidence: [3; 32],
					},
					2 => pallet_disputes::Call::answer {
						id: self.rng.random_range(0..6),
						evidence: [4; 32],
					},
					_ => pallet_disputes::Call::appeal {
						id: self.rng.random_range(0..6),
					},
				};
				self.send(who, RuntimeCall::Disputes(call));
			}
			62..=75 => self.motion(),
			76..=83 => self.forbidden(),
			84..=96 => self.end_block(),
			_ => {
				for _ in 0..self.rng.random_range(2..=25) {
					self.end_block();
				}
			}
		}
	}
}

/// Runs `calls` random calls on the chain of `preset` with `seed`; on failure writes the
/// calls to a log and panics with the seed.
fn run(preset: &str, seed: u64, calls: u64) {
	let mut ext = support::chain(preset);
	let started = Instant::now();
	ext.execute_with(|| {
		let mut fuzz = Fuzz::new(seed);
		let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
			fuzz.start_block();
			while fuzz.calls < calls {
				fuzz.step();
			}
			fuzz.end_block();
		}));
		if let Err(cause) = outcome {
			let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/artifacts");
			let _ = std::fs::create_dir_all(&dir);
			let path = dir.join(format!("fuzz-{preset}-{seed}.log"));
			if let Ok(mut file) = std::fs::File::create(&path) {
				for line in &fuzz.log {
					let _ = writeln!(file, "{line}");
				}
			}
			let reason = cause
				.downcast_ref::<String>()
				.cloned()
				.or_else(|| cause.downcast_ref::<&str>().map(|s| s.to_string()))
				.unwrap_or_default();
			panic!(
				"fuzzing `{preset}` failed with seed {seed} after {} calls: {reason}\n\
				 replay: GONGYU_FUZZ_SEED={seed} GONGYU_FUZZ_CALLS={calls} bash scripts/fuzz.sh\n\
				 calls: {}",
				fuzz.calls,
				path.display()
			);
		}
		let seconds = started.elapsed().as_secs_f64();
		let mut statuses = std::collections::BTreeMap::<String, u32>::new();
		for c in pallet_contributions::Contributions::<Runtime>::iter_values() {
			let name = format!("{:?}", c.status);
			let name = name
				.split([' ', '{'])
				.next()
				.unwrap_or_default()
				.to_string();
			*statuses.entry(name).or_default() += 1;
		}
		println!(
			"fuzz {preset} seed {seed}: {} calls ({} included, {} succeeded) in {} blocks, \
			 {:.1} s, {:.0} calls/s; contributions {statuses:?}; {} epochs; {} motions",
			fuzz.calls,
			fuzz.applied,
			fuzz.succeeded,
			fuzz.blocks,
			seconds,
			fuzz.calls as f64 / seconds,
			pallet_rewards::CurrentEpoch::<Runtime>::get().index,
			pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get(),
		);
	});
}

fn settings() -> (u64, u64) {
	let calls = std::env::var("GONGYU_FUZZ_CALLS")
		.ok()
		.and_then(|v| v.parse().ok())
		.unwrap_or(DEFAULT_CALLS);
	let seed = std::env::var("GONGYU_FUZZ_SEED")
		.ok()
		.and_then(|v| v.parse().ok())
		.unwrap_or(1);
	(seed, calls)
}

#[test]
fn random_calls_on_the_dev_chain_keep_every_invariant() {
	let (seed, calls) = settings();
	run(sp_genesis_builder::DEV_RUNTIME_PRESET, seed, calls);
}

#[test]
fn random_calls_on_the_local_chain_keep_every_invariant() {
	let (seed, calls) = settings();
	run(
		gongyu_runtime::genesis_config_presets::LOCAL_TESTNET_RUNTIME_PRESET,
		seed,
		calls,
	);
}
