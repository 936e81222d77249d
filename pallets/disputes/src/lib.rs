//! # Disputes pallet
//!
//! Anyone may challenge a verified contribution while its rewards are in their challenge
//! window (the rewards pallet's [`pallet_rewards::ChallengeWindow`]): they hold a bond
//! ([`DisputeParams::bond`]), name a [`DisputeReason`] and publish the hash of their evidence.
//! A rights holder's takedown request ([`DisputeReason::Takedown`]) may come at any time. A
//! contribution has at most one undecided dispute, and its rewards do not vest while it has
//! one ([`pallet_rewards::VestingHold`]).
//!
//! The owner may answer with an evidence hash. The council ([`Config::DecideOrigin`])
//! decides within [`DisputeParams::decision_period`] blocks; a dispute it leaves undecided
//! is dismissed. The losing side may appeal once, within [`DisputeParams::appeal_period`]
//! blocks, holding twice the bond; two thirds of the council ([`Config::AppealOrigin`])
//! decide the appeal within the decision period, or the first decision stands.
//!
//! When a dispute closes:
//! - **upheld**: the contribution is revoked (taken down, for a takedown); everything it
//!   earned is taken back ([`pallet_rewards::RewardClawback::claw_back`]): what had not vested
//!   returns to the pot, what had vested becomes the owner's debt, recovered from their later
//!   rewards. The challenger's bond is released, and [`DisputeParams::bounty`] of what returned
//!   to the pot is paid to them.
//! - **dismissed**: the challenger's bond goes half to the owner and half to the pot, and the
//!   contribution's rewards vest (at once if their block has passed).
//!
//! An appeal's bond follows its appeal: released if it changed the decision, otherwise split
//! half to the other side and half to the pot. Disputes move money only by transfers and
//! holds: they never mint or burn.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
#[cfg(test)]
mod mock;
mod resolution;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

/// How many blocks after a deadline a dispute may look for room in [`Deadlines`] (a block
/// holds at most `MaxDeadlinesPerBlock`).
pub const DEADLINE_PROBES: u32 = 8;

// FRAME's pallet macros expand to `expect()` calls on spans of this module: the lint is
// allowed here only; code outside the `pallet` module is held to it.
#[frame_support::pallet]
#[allow(clippy::expect_used)]
pub mod pallet {
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use pallet_contributions::{ContributionId, ContributionRegistry};
	use pallet_rewards::RewardClawback;
	use sp_runtime::traits::{CheckedAdd, CheckedMul, One, Saturating, Zero};

	use super::*;

	/// Balance type of the bond currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A dispute as stored.
	pub type DisputeOf<T> =
		Dispute<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

	/// The dispute rules as stored.
	pub type DisputeParamsOf<T> = DisputeParams<BalanceOf<T>, BlockNumberFor<T>>;

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency bonds are held in (GYU).
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// Contributions: who owns a verified one, and revoking it.
		type Contributions: ContributionRegistry<Self::AccountId>;

		/// The rewards ledger: the challenge window, clawback and the pot.
		type Rewards: RewardClawback<Self::AccountId, BalanceOf<Self>>;

		/// The reward pot, which receives the pot's half of a lost bond.
		type Pot: Get<Self::AccountId>;

		/// Decides disputes (more than half of the council).
		type DecideOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Decides appeals (two thirds of the council).
		type AppealOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Sets the dispute rules.
		type ParamsOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The rules until governance sets others.
		type DefaultParams: Get<DisputeParamsOf<Self>>;

		/// Longest decision or appeal period governance may set.
		#[pallet::constant]
		type MaxPeriod: Get<BlockNumberFor<Self>>;

		/// How many of a contribution's latest disputes it lists (older ones are only
		/// forgotten by the list, never refused).
		#[pallet::constant]
		type MaxDisputesPerContribution: Get<u32>;

		/// Most disputes whose deadline falls in one block.
		#[pallet::constant]
		type MaxDeadlinesPerBlock: Get<u32>;

		/// Weights of this pallet, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A challenger's or appellant's bond.
		#[codec(index = 0)]
		DisputeBond,
	}

	/// The dispute rules.
	#[pallet::storage]
	pub type Params<T: Config> = StorageValue<_, DisputeParamsOf<T>, ValueQuery, T::DefaultParams>;

	/// The id the next dispute gets.
	#[pallet::storage]
	pub type NextDisputeId<T> = StorageValue<_, DisputeId, ValueQuery>;

	/// Every dispute, open or closed.
	#[pallet::storage]
	pub type Disputes<T: Config> =
		StorageMap<_, Twox64Concat, DisputeId, DisputeOf<T>, OptionQuery>;

	/// The undecided dispute of each contribution (at most one).
	#[pallet::storage]
	pub type OpenDisputeOf<T> = StorageMap<_, Twox64Concat, ContributionId, DisputeId, OptionQuery>;

	/// Each contribution's latest `MaxDisputesPerContribution` disputes, oldest first (older
	/// ones stay in [`Disputes`] and [`ByAccount`]).
	#[pallet::storage]
	pub type ByContribution<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ContributionId,
		BoundedVec<DisputeId, T::MaxDisputesPerContribution>,
		ValueQuery,
	>;

	/// The disputes each account is a side of (as challenger or owner).
	#[pallet::storage]
	pub type ByAccount<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		DisputeId,
		(),
		OptionQuery,
	>;

	/// The disputes whose stage ends at the start of each block.
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<DisputeId, T::MaxDeadlinesPerBlock>,
		ValueQuery,
	>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The rules; `None` keeps [`Config::DefaultParams`].
		pub params: Option<DisputeParamsOf<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(params) = self.params {
				assert!(
					Pallet::<T>::check_params(&params).is_ok(),
					"the dispute rules need a bond above zero and periods within MaxPeriod"
				);
				Params::<T>::put(params);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `challenger` disputed contribution `contribution` of `owner`, holding `bond`; the
		/// council decides before `deadline`.
		DisputeOpened {
			id: DisputeId,
			contribution: ContributionId,
			owner: T::AccountId,
			challenger: T::AccountId,
			reason: DisputeReason,
			evidence: EvidenceHash,
			bond: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
		},
		/// The owner answered a dispute.
		DisputeAnswered {
			id: DisputeId,
			evidence: EvidenceHash,
		},
		/// A dispute was decided (`undecided`: its deadline passed, so it was dismissed); the
		/// losing side may appeal before `appeal_until`.
		DisputeDecided {
			id: DisputeId,
			upheld: bool,
			undecided: bool,
			appeal_until: BlockNumberFor<T>,
		},
		/// `by` appealed a decision, holding `bond`; two thirds of the council decide before
		/// `deadline`.
		DisputeAppealed {
			id: DisputeId,
			by: Party,
			bond: BalanceOf<T>,
			deadline: BlockNumberFor<T>,
		},
		/// A dispute closed upheld: its contribution is revoked (or taken down) and its rewards
		/// taken back, as `settlement` says.
		DisputeUpheld {
			id: DisputeId,
			contribution: ContributionId,
			settlement: Settlement<BalanceOf<T>>,
		},
		/// A dispute closed dismissed: the challenger's bond was split, as `settlement` says,
		/// and the contribution's rewards vest.
		DisputeDismissed {
			id: DisputeId,
			contribution: ContributionId,
			settlement: Settlement<BalanceOf<T>>,
		},
		/// Governance set the dispute rules.
		ParamsSet { params: DisputeParamsOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No verified contribution has this id: only verified contributions can be disputed.
		NotVerified,
		/// An owner cannot dispute their own contribution.
		OwnContribution,
		/// The contribution's challenge window has passed (its rewards vested); only a
		/// takedown request may still be opened.
		ChallengeWindowClosed,
		/// The contribution has an undecided dispute already.
		AlreadyDisputed,
		/// The account cannot hold the bond (twice the bond, for an appeal).
		InsufficientBond,
		/// The blocks this dispute's deadline could fall in are full; try again in a later
		/// block.
		DeadlinesFull,
		/// No dispute has this id.
		UnknownDispute,
		/// Only the contribution's owner may answer.
		NotTheOwner,
		/// The dispute is not open to answers or a first decision.
		NotOpen,
		/// The owner answered already.
		AlreadyAnswered,
		/// The dispute has no decision to appeal: it is undecided, appealed or closed.
		NotDecided,
		/// Only the side that lost the decision may appeal.
		NotTheLosingSide,
		/// The dispute has no open appeal.
		NotAppealed,
		/// The bond must be above zero.
		ZeroBond,
		/// The decision period must be above zero, and both periods at most `MaxPeriod`.
		PeriodOutOfRange,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let due = Self::settle_due(now);
			T::WeightInfo::on_initialize(due)
		}

		fn integrity_test() {
			assert!(
				Self::check_params(&T::DefaultParams::get()).is_ok(),
				"DefaultParams need a bond above zero and periods within MaxPeriod"
			);
			assert!(
				T::MaxDeadlinesPerBlock::get() > 0,
				"MaxDeadlinesPerBlock must be above zero"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispute verified contribution `contribution` for `reason`, with the hash of the
		/// evidence; holds the bond. Within its challenge window, or at any time for a
		/// takedown.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::open_dispute())]
		pub fn open_dispute(
			origin: OriginFor<T>,
			contribution: ContributionId,
			reason: DisputeReason,
			evidence: EvidenceHash,
		) -> DispatchResult {
			let challenger = ensure_signed(origin)?;
			let owner =
				T::Contributions::verified_owner(contribution).ok_or(Error::<T>::NotVerified)?;
			ensure!(owner != challenger, Error::<T>::OwnContribution);
			ensure!(
				!OpenDisputeOf::<T>::contains_key(contribution),
				Error::<T>::AlreadyDisputed
			);
			ensure!(
				reason == DisputeReason::Takedown
					|| T::Rewards::in_challenge_window(&owner, contribution),
				Error::<T>::ChallengeWindowClosed
			);
			let mut history = ByContribution::<T>::get(contribution);
			let id = NextDisputeId::<T>::get();
			if history.is_full() {
				// Forget the oldest: it is closed (a contribution has one undecided dispute at
				// most, and it has none). Refusing instead would let an accomplice make a
				// contribution undisputable with a few frivolous disputes.
				history.remove(0);
			}
			if history.try_push(id).is_err() {
				frame_support::defensive!("room was made in the dispute history");
			}
			let params = Params::<T>::get();
			let deadline = Self::deadline_slot(params.decision_period)?;
			T::Currency::hold(&HoldReason::DisputeBond.into(), &challenger, params.bond)
				.map_err(|_| Error::<T>::InsufficientBond)?;

			Self::schedule(deadline, id);
			NextDisputeId::<T>::put(id.saturating_add(1));
			ByContribution::<T>::insert(contribution, history);
			OpenDisputeOf::<T>::insert(contribution, id);
			ByAccount::<T>::insert(&challenger, id, ());
			ByAccount::<T>::insert(&owner, id, ());
			Disputes::<T>::insert(
				id,
				Dispute {
					contribution,
					owner: owner.clone(),
					challenger: challenger.clone(),
					reason,
					evidence,
					answer: None,
					bond: params.bond,
					appeal_bond: Zero::zero(),
					opened_at: frame_system::Pallet::<T>::block_number(),
					stage: Stage::Open { deadline },
				},
			);
			Self::deposit_event(Event::DisputeOpened {
				id,
				contribution,
				owner,
				challenger,
				reason,
				evidence,
				bond: params.bond,
				deadline,
			});
			Ok(())
		}

		/// Answer an open dispute of your contribution with the hash of your evidence (once).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::answer())]
		pub fn answer(
			origin: OriginFor<T>,
			id: DisputeId,
			evidence: EvidenceHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Disputes::<T>::try_mutate(id, |entry| {
				let dispute = entry.as_mut().ok_or(Error::<T>::UnknownDispute)?;
				ensure!(dispute.owner == who, Error::<T>::NotTheOwner);
				ensure!(
					matches!(dispute.stage, Stage::Open { .. }),
					Error::<T>::NotOpen
				);
				ensure!(dispute.answer.is_none(), Error::<T>::AlreadyAnswered);
				dispute.answer = Some(evidence);
				Ok::<_, DispatchError>(())
			})?;
			Self::deposit_event(Event::DisputeAnswered { id, evidence });
			Ok(())
		}

		/// Decide an open dispute (the council): upheld or dismissed. The losing side may
		/// appeal within the appeal period; with none the decision is final at once.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::decide())]
		pub fn decide(origin: OriginFor<T>, id: DisputeId, upheld: bool) -> DispatchResult {
			T::DecideOrigin::ensure_origin(origin)?;
			let dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
			let Stage::Open { deadline } = dispute.stage else {
				return Err(Error::<T>::NotOpen.into());
			};
			Self::enter_decision(id, dispute, deadline, upheld, false)
		}

		/// Appeal a decision you lost (the owner an upheld one, the challenger a dismissed
		/// one), holding twice the dispute's bond. One appeal per dispute.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::appeal())]
		pub fn appeal(origin: OriginFor<T>, id: DisputeId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
			let Stage::Decided {
				upheld,
				appeal_until,
			} = dispute.stage
			else {
				return Err(Error::<T>::NotDecided.into());
			};
			let (by, loser) = if upheld {
				(Party::Owner, &dispute.owner)
			} else {
				(Party::Challenger, &dispute.challenger)
			};
			ensure!(*loser == who, Error::<T>::NotTheLosingSide);
			let bond = dispute
				.bond
				.checked_mul(&2u32.into())
				.ok_or(Error::<T>::InsufficientBond)?;
			let deadline = Self::deadline_slot(Params::<T>::get().decision_period)?;
			T::Currency::hold(&HoldReason::DisputeBond.into(), &who, bond)
				.map_err(|_| Error::<T>::InsufficientBond)?;

			Self::unschedule(appeal_until, id);
			Self::schedule(deadline, id);
			dispute.appeal_bond = bond;
			dispute.stage = Stage::Appealed {
				first_upheld: upheld,
				by,
				deadline,
			};
			Disputes::<T>::insert(id, dispute);
			Self::deposit_event(Event::DisputeAppealed {
				id,
				by,
				bond,
				deadline,
			});
			Ok(())
		}

		/// Decide an appeal (two thirds of the council): the final decision.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::decide_appeal())]
		pub fn decide_appeal(origin: OriginFor<T>, id: DisputeId, upheld: bool) -> DispatchResult {
			T::AppealOrigin::ensure_origin(origin)?;
			let dispute = Disputes::<T>::get(id).ok_or(Error::<T>::UnknownDispute)?;
			let Stage::Appealed { deadline, .. } = dispute.stage else {
				return Err(Error::<T>::NotAppealed.into());
			};
			Self::unschedule(deadline, id);
			Self::close(id, dispute, upheld);
			Ok(())
		}

		/// Set the dispute rules: they apply to disputes opened, decided or appealed from now
		/// on; bonds already held stay as they are.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_params())]
		pub fn set_params(origin: OriginFor<T>, params: DisputeParamsOf<T>) -> DispatchResult {
			T::ParamsOrigin::ensure_origin(origin)?;
			Self::check_params(&params)?;
			Params::<T>::put(params);
			Self::deposit_event(Event::ParamsSet { params });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether `params` are valid rules.
		pub(crate) fn check_params(params: &DisputeParamsOf<T>) -> DispatchResult {
			ensure!(!params.bond.is_zero(), Error::<T>::ZeroBond);
			ensure!(
				!params.decision_period.is_zero()
					&& params.decision_period <= T::MaxPeriod::get()
					&& params.appeal_period <= T::MaxPeriod::get(),
				Error::<T>::PeriodOutOfRange
			);
			Ok(())
		}

		/// The block a deadline `period` blocks from now falls in: that block, or the first of
		/// the next [`DEADLINE_PROBES`] with room.
		pub(crate) fn deadline_slot(
			period: BlockNumberFor<T>,
		) -> Result<BlockNumberFor<T>, DispatchError> {
			let now = frame_system::Pallet::<T>::block_number();
			let mut at = now.saturating_add(period.max(One::one()));
			for _ in 0..DEADLINE_PROBES {
				if (Deadlines::<T>::decode_len(at).unwrap_or(0) as u32)
					< T::MaxDeadlinesPerBlock::get()
				{
					return Ok(at);
				}
				at = at
					.checked_add(&One::one())
					.ok_or(Error::<T>::DeadlinesFull)?;
			}
			Err(Error::<T>::DeadlinesFull.into())
		}

		/// Lists dispute `id` under block `at` (a slot from [`Self::deadline_slot`]).
		pub(crate) fn schedule(at: BlockNumberFor<T>, id: DisputeId) {
			Deadlines::<T>::mutate(at, |due| {
				if due.try_push(id).is_err() {
					frame_support::defensive!("a deadline slot was chosen without room");
				}
			});
		}

		/// Takes dispute `id` off block `at`'s list.
		pub(crate) fn unschedule(at: BlockNumberFor<T>, id: DisputeId) {
			Deadlines::<T>::mutate_exists(at, |due| {
				if let Some(list) = due {
					list.retain(|listed| *listed != id);
					if list.is_empty() {
						*due = None;
					}
				}
			});
		}

		/// Releases up to `amount` of `who`'s held bond.
		pub(crate) fn release_bond(who: &T::AccountId, amount: BalanceOf<T>) {
			let _ = T::Currency::release(
				&HoldReason::DisputeBond.into(),
				who,
				amount,
				Precision::BestEffort,
			);
		}

		/// `who`'s disputes, as the runtime API reports them.
		pub fn disputes_of_account(
			who: &T::AccountId,
		) -> alloc::vec::Vec<(DisputeId, DisputeOf<T>)> {
			ByAccount::<T>::iter_key_prefix(who)
				.filter_map(|id| Disputes::<T>::get(id).map(|d| (id, d)))
				.collect()
		}

		/// Contribution `contribution`'s disputes, oldest first.
		pub fn disputes_of_contribution(
			contribution: ContributionId,
		) -> alloc::vec::Vec<(DisputeId, DisputeOf<T>)> {
			ByContribution::<T>::get(contribution)
				.into_iter()
				.filter_map(|id| Disputes::<T>::get(id).map(|d| (id, d)))
				.collect()
		}
	}

	impl<T: Config> pallet_rewards::VestingHold for Pallet<T> {
		fn is_held(id: ContributionId) -> bool {
			OpenDisputeOf::<T>::contains_key(id)
		}
	}
}
