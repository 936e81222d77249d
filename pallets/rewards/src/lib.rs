//! # Rewards pallet
//!
//! Pays GYU to verified contributions. Time is cut into epochs of `EpochLength` blocks;
//! governance sets each epoch's budget and the [`RewardRules`]. Every contribution verified
//! during an epoch (told through [`pallet_contributions::OnContributionVerified`]) gets the
//! reward weight `score × kind weight × (size − per-submission cost)`. When the epoch closes,
//! its budget — or less, if the reward pot cannot afford it or the epoch's weight is worth
//! less at the price cap ([`RewardRules::max_price_per_weight`]) — is shared pro rata by
//! weight, rounding down, and no account is credited more than its share of the budget
//! ([`RewardRules::max_account_share`]); what is not paid stays in the pot.
//!
//! Payout is automatic: `on_initialize` credits and transfers a bounded number of rewards per
//! block. A transfer that cannot be made (say, below the existential deposit) leaves the
//! reward pending, and the owner can [`Pallet::claim`] it later. Per account and per
//! contribution the chain keeps what was earned and paid, and events say when.
//!
//! Governance also grants one-off bonuses to verified contributions (for instance those
//! merged into a model release) and mints GYU into the pot.
//!
//! Every reward and bonus vests through its contribution's challenge window
//! ([`ChallengeWindow`] blocks from the block that credits it): it is transferred at once but
//! frozen in the owner's balance (freeze reason [`FreezeReason::UnvestedReward`], seen as
//! `balances.freezes` in polkadot.js) and recorded per contribution in [`Unvested`]. At the
//! start of the block it vests, `on_initialize` thaws it ([`Event::RewardVested`]). Each
//! account's ledger keeps both parts: `earned` and, of it, `unvested`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod clawback;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use clawback::{RewardClawback, VestingHold};
pub use types::*;
pub use weights::WeightInfo;

/// How many blocks from the end of its challenge window a reward may look for room in the
/// [`VestingQueue`] (a block holds at most `MaxPayoutsPerBlock` vestings).
pub const VESTING_SLOT_PROBES: u32 = 8;

// FRAME's pallet macros expand to `expect()` calls on spans of this module: the lint is
// allowed here only; code outside the `pallet` module is held to it.
#[frame_support::pallet]
#[allow(clippy::expect_used)]
pub mod pallet {
	use frame_support::{
		defensive,
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateFreeze},
			tokens::{Fortitude, Preservation},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use pallet_contributions::{
		ContributionId, ContributionKind, ContributionRegistry, OnContributionVerified, Score,
	};
	use sp_runtime::{
		helpers_128bit::multiply_by_rational_with_rounding,
		traits::{AccountIdConversion, CheckedAdd, One, Saturating, Zero},
		Rounding, SaturatedConversion,
	};

	use super::*;

	/// Balance type of the reward currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// An account's unvested rewards by contribution, as the runtime API reports them.
	pub type VestingSchedule<T> = alloc::vec::Vec<(
		ContributionId,
		UnvestedReward<BalanceOf<T>, BlockNumberFor<T>>,
	)>;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The reward currency (GYU), which freezes unvested rewards.
		type Currency: Mutate<Self::AccountId>
			+ MutateFreeze<Self::AccountId, Id = Self::RuntimeFreezeReason>;

		/// The runtime's freeze reasons, which include this pallet's.
		type RuntimeFreezeReason: From<FreezeReason>;

		/// Verified contributions, for bonus grants.
		type Contributions: ContributionRegistry<Self::AccountId>;

		/// Whether a contribution's rewards are held past their vesting block (by an open
		/// dispute).
		type VestingHold: VestingHold;

		/// Sets budgets, reward rules and the epoch length.
		type BudgetOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Grants bonuses and sets the bonus cap (a power over the pot like minting's).
		type GrantOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Mints new GYU into the pot.
		type MintOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Id of the reward pot account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Epoch length until governance sets another.
		#[pallet::constant]
		type DefaultEpochLength: Get<BlockNumberFor<Self>>;

		/// Reward rules until governance sets others.
		type DefaultRules: Get<RewardRules>;

		/// Most bonuses granted in one epoch, in total, until governance sets another cap.
		#[pallet::constant]
		type DefaultBonusCap: Get<BalanceOf<Self>>;

		/// Most rewards credited and paid in one block, and most rewards that vest in one
		/// block.
		#[pallet::constant]
		type MaxPayoutsPerBlock: Get<u32>;

		/// Challenge window until governance sets another: blocks from a reward's credit to
		/// its vesting.
		#[pallet::constant]
		type DefaultChallengeWindow: Get<BlockNumberFor<Self>>;

		/// Longest challenge window governance may set, so that no decision freezes rewards
		/// for ever.
		#[pallet::constant]
		type MaxChallengeWindow: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet freezes funds.
	#[pallet::composite_enum]
	pub enum FreezeReason {
		/// Rewards still in their contribution's challenge window.
		#[codec(index = 0)]
		UnvestedReward,
	}

	/// What each epoch pays, if the pot can afford it.
	#[pallet::storage]
	pub type Budget<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// How contributions are weighed.
	#[pallet::storage]
	pub type Rules<T: Config> = StorageValue<_, RewardRules, ValueQuery, T::DefaultRules>;

	/// Blocks per epoch.
	#[pallet::storage]
	pub type EpochLength<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultEpochLength>;

	/// The epoch under way.
	#[pallet::storage]
	pub type CurrentEpoch<T: Config> = StorageValue<_, EpochState<BlockNumberFor<T>>, ValueQuery>;

	/// Contributions verified in an epoch and not yet credited.
	#[pallet::storage]
	pub type EpochEntries<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EpochIndex,
		Twox64Concat,
		ContributionId,
		EpochEntry<T::AccountId>,
		OptionQuery,
	>;

	/// The weight each open or closing epoch has gathered.
	#[pallet::storage]
	pub type EpochTallies<T> = StorageMap<_, Twox64Concat, EpochIndex, EpochTally, ValueQuery>;

	/// The epoch being paid out, if any.
	#[pallet::storage]
	pub type Closing<T: Config> = StorageValue<_, Payout<BalanceOf<T>>, OptionQuery>;

	/// What each contribution earned.
	#[pallet::storage]
	pub type ContributionRewards<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, ContributionReward<BalanceOf<T>>, ValueQuery>;

	/// What each account earned and was paid.
	#[pallet::storage]
	pub type AccountRewardsOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		AccountRewards<BalanceOf<T>, BlockNumberFor<T>>,
		ValueQuery,
	>;

	/// Chain-wide sums.
	#[pallet::storage]
	pub type Totals<T: Config> = StorageValue<_, RewardTotals<BalanceOf<T>>, ValueQuery>;

	/// Most bonuses granted in one epoch, in total.
	#[pallet::storage]
	pub type BonusCap<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery, T::DefaultBonusCap>;

	/// Bonuses granted so far, with the epoch they were granted in (a new epoch starts at zero).
	#[pallet::storage]
	pub type BonusesGranted<T: Config> = StorageValue<_, (EpochIndex, BalanceOf<T>), ValueQuery>;

	/// Blocks from a reward's credit to its vesting; rewards credited from now on wait this
	/// long.
	#[pallet::storage]
	pub type ChallengeWindow<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, T::DefaultChallengeWindow>;

	/// Rewards still in their challenge window, by owner and contribution (an epoch reward
	/// and bonuses of one contribution add up, and vest with the latest of them).
	#[pallet::storage]
	pub type Unvested<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		ContributionId,
		UnvestedReward<BalanceOf<T>, BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// What vests at the start of each block: (owner, contribution) pairs of [`Unvested`].
	/// A pair whose reward was extended to a later block waits for that block's entry.
	#[pallet::storage]
	pub type VestingQueue<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<(T::AccountId, ContributionId), T::MaxPayoutsPerBlock>,
		ValueQuery,
	>;

	/// What each account owes from rewards an upheld dispute took back after they had vested;
	/// recovered from its later rewards and bonuses. No entry for no debt.
	#[pallet::storage]
	pub type Debts<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>, ValueQuery>;

	/// What an upheld dispute took back from each revoked contribution.
	#[pallet::storage]
	pub type ClawedBack<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, ClawBack<BalanceOf<T>>, OptionQuery>;

	/// The part of the total issuance that `mint_into_pot` did not create: what the genesis
	/// balances held. Set once and never changed, so that total issuance = this + minted is an
	/// invariant (`try_state`): nothing but governance minting changes the supply.
	#[pallet::storage]
	pub type UnmintedIssuance<T: Config> = StorageValue<_, BalanceOf<T>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Budget of every epoch until governance changes it.
		pub budget: BalanceOf<T>,
		/// Epoch length; `None` keeps [`Config::DefaultEpochLength`].
		pub epoch_length: Option<BlockNumberFor<T>>,
		/// Reward rules; `None` keeps [`Config::DefaultRules`].
		pub rules: Option<RewardRules>,
		/// Challenge window; `None` keeps [`Config::DefaultChallengeWindow`].
		pub challenge_window: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Budget::<T>::put(self.budget);
			if let Some(length) = self.epoch_length {
				assert!(!length.is_zero(), "the epoch length must be above zero");
				EpochLength::<T>::put(length);
			}
			if let Some(rules) = self.rules {
				Rules::<T>::put(rules);
			}
			if let Some(window) = self.challenge_window {
				assert!(
					window <= T::MaxChallengeWindow::get(),
					"the challenge window must not exceed MaxChallengeWindow"
				);
				ChallengeWindow::<T>::put(window);
			}
			// Balances build their genesis before this pallet (declaration order).
			UnmintedIssuance::<T>::put(T::Currency::total_issuance());
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A verified contribution joined the current epoch with this reward weight.
		ContributionEntered {
			id: ContributionId,
			epoch: EpochIndex,
			weight: RewardWeight,
		},
		/// An epoch closed; `paid` of it will be credited over the next blocks and `dust` stays
		/// in the pot.
		EpochClosed {
			epoch: EpochIndex,
			budget: BalanceOf<T>,
			total_weight: RewardWeight,
			paid: BalanceOf<T>,
			dust: BalanceOf<T>,
		},
		/// An epoch's weight was too small for its budget at the price cap: it pays `to_pay`
		/// (total weight × the most per unit of weight); the rest of the budget stays in
		/// the pot.
		EpochCappedByPrice {
			epoch: EpochIndex,
			budget: BalanceOf<T>,
			total_weight: RewardWeight,
			to_pay: BalanceOf<T>,
		},
		/// A contribution's share would have taken its owner above the account cap of the
		/// epoch; `forgone` stays in the pot.
		RewardCapped {
			id: ContributionId,
			owner: T::AccountId,
			epoch: EpochIndex,
			forgone: BalanceOf<T>,
		},
		/// The pot could not cover an epoch's budget; the epoch pays what was available.
		EpochUnderfunded {
			epoch: EpochIndex,
			budget: BalanceOf<T>,
			available: BalanceOf<T>,
		},
		/// A contribution's reward was credited to its owner.
		RewardCredited {
			id: ContributionId,
			owner: T::AccountId,
			epoch: EpochIndex,
			amount: BalanceOf<T>,
		},
		/// Rewards were transferred from the pot to an account.
		RewardPaid {
			who: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// A transfer failed; the reward stays pending until claimed.
		RewardPending {
			who: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// Governance granted a bonus to a verified contribution.
		BonusGranted {
			id: ContributionId,
			owner: T::AccountId,
			amount: BalanceOf<T>,
			reason: [u8; 32],
		},
		/// Governance set the per-epoch budget.
		BudgetSet { budget: BalanceOf<T> },
		/// Governance set the reward rules.
		RulesSet { rules: RewardRules },
		/// Governance set the epoch length (from the next epoch on).
		EpochLengthSet { length: BlockNumberFor<T> },
		/// Governance minted GYU into the pot.
		PotFunded { amount: BalanceOf<T> },
		/// Governance set the most bonuses one epoch may grant.
		BonusCapSet { cap: BalanceOf<T> },
		/// A reward (or bonus) of contribution `id` is frozen in its owner's balance until
		/// block `vests_at`.
		RewardFrozen {
			id: ContributionId,
			owner: T::AccountId,
			amount: BalanceOf<T>,
			vests_at: BlockNumberFor<T>,
		},
		/// Contribution `id`'s challenge window passed: its owner's `amount` is no longer
		/// frozen.
		RewardVested {
			id: ContributionId,
			owner: T::AccountId,
			amount: BalanceOf<T>,
		},
		/// Governance set the challenge window of rewards credited from now on.
		ChallengeWindowSet { window: BlockNumberFor<T> },
		/// An upheld dispute took back contribution `id`'s rewards: `returned` went back to
		/// the pot and `debt` is owed from its owner's later rewards.
		RewardClawedBack {
			id: ContributionId,
			owner: T::AccountId,
			returned: BalanceOf<T>,
			debt: BalanceOf<T>,
		},
		/// `amount` of a reward or bonus for contribution `id` paid part of its owner's debt
		/// and stayed in the pot; `left` is still owed.
		DebtRecovered {
			id: ContributionId,
			owner: T::AccountId,
			amount: BalanceOf<T>,
			left: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account has no pending rewards.
		NothingToClaim,
		/// The pot cannot pay this without touching rewards already credited.
		InsufficientPot,
		/// Bonuses go to verified contributions only.
		NotVerified,
		/// The amount must be above zero.
		ZeroAmount,
		/// The epoch length must be above zero.
		InvalidEpochLength,
		/// The transfer from the pot failed; the rewards stay pending.
		TransferFailed,
		/// Minting would overflow the total issuance.
		MintFailed,
		/// This bonus would take the epoch's bonuses above `BonusCap`.
		BonusCapExceeded,
		/// The challenge window must not exceed `MaxChallengeWindow`.
		ChallengeWindowTooLong,
		/// The blocks this bonus would vest in are full of vesting rewards; grant it in a
		/// later block.
		VestingQueueFull,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let queued = Self::vest_due(now);
			let mut weight = T::WeightInfo::on_initialize_idle()
				.saturating_add(T::WeightInfo::on_initialize_vesting(queued));
			if !Closing::<T>::exists() {
				let epoch = CurrentEpoch::<T>::get();
				if now >= epoch.start.saturating_add(EpochLength::<T>::get()) {
					Self::begin_close(now);
				}
			}
			if Closing::<T>::exists() {
				let paid = Self::pay_out(T::MaxPayoutsPerBlock::get());
				weight = weight.saturating_add(T::WeightInfo::on_initialize_payouts(paid));
			}
			weight
		}

		fn integrity_test() {
			assert!(
				!T::DefaultEpochLength::get().is_zero(),
				"DefaultEpochLength must be above zero"
			);
			assert!(
				T::MaxPayoutsPerBlock::get() > 0,
				"MaxPayoutsPerBlock must be above zero"
			);
			assert!(
				T::DefaultChallengeWindow::get() <= T::MaxChallengeWindow::get(),
				"DefaultChallengeWindow must not exceed MaxChallengeWindow"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Set the budget every epoch pays from now on, including the current one.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_budget())]
		pub fn set_budget(origin: OriginFor<T>, budget: BalanceOf<T>) -> DispatchResult {
			T::BudgetOrigin::ensure_origin(origin)?;
			Budget::<T>::put(budget);
			Self::deposit_event(Event::BudgetSet { budget });
			Ok(())
		}

		/// Set the reward rules for contributions verified from now on.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_rules())]
		pub fn set_rules(origin: OriginFor<T>, rules: RewardRules) -> DispatchResult {
			T::BudgetOrigin::ensure_origin(origin)?;
			Rules::<T>::put(rules);
			Self::deposit_event(Event::RulesSet { rules });
			Ok(())
		}

		/// Set the epoch length; the current epoch ends by the new length.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_epoch_length())]
		pub fn set_epoch_length(origin: OriginFor<T>, length: BlockNumberFor<T>) -> DispatchResult {
			T::BudgetOrigin::ensure_origin(origin)?;
			ensure!(!length.is_zero(), Error::<T>::InvalidEpochLength);
			EpochLength::<T>::put(length);
			Self::deposit_event(Event::EpochLengthSet { length });
			Ok(())
		}

		/// Grant a one-off bonus to a verified contribution; `reason` is the hash of the
		/// justification (for instance the model release it was merged into).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::grant_bonus())]
		pub fn grant_bonus(
			origin: OriginFor<T>,
			id: ContributionId,
			amount: BalanceOf<T>,
			reason: [u8; 32],
		) -> DispatchResult {
			T::GrantOrigin::ensure_origin(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let owner = T::Contributions::verified_owner(id).ok_or(Error::<T>::NotVerified)?;
			ensure!(amount <= Self::pot_available(), Error::<T>::InsufficientPot);
			let epoch = CurrentEpoch::<T>::get().index;
			let (granted_in, granted) = BonusesGranted::<T>::get();
			let granted = if granted_in == epoch {
				granted
			} else {
				Zero::zero()
			};
			let granted = granted
				.checked_add(&amount)
				.filter(|total| *total <= BonusCap::<T>::get())
				.ok_or(Error::<T>::BonusCapExceeded)?;
			let vests_at = Self::vesting_slot(&owner, id).ok_or(Error::<T>::VestingQueueFull)?;

			BonusesGranted::<T>::put((epoch, granted));
			Self::deposit_event(Event::BonusGranted {
				id,
				owner: owner.clone(),
				amount,
				reason,
			});
			// An owner in debt pays it first; that part never leaves the pot.
			let credited = Self::recover_debt(&owner, id, amount);
			Totals::<T>::mutate(|t| t.committed = t.committed.saturating_add(credited));
			ContributionRewards::<T>::mutate(id, |r| r.bonus = r.bonus.saturating_add(credited));
			Self::credit(&owner, credited);
			Self::try_pay(&owner);
			Self::freeze_until(&owner, id, credited, vests_at);
			Ok(())
		}

		/// Mint `amount` new GYU into the reward pot.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::mint_into_pot())]
		pub fn mint_into_pot(origin: OriginFor<T>, amount: BalanceOf<T>) -> DispatchResult {
			T::MintOrigin::ensure_origin(origin)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			T::Currency::mint_into(&Self::pot_account(), amount)
				.map_err(|_| Error::<T>::MintFailed)?;
			Totals::<T>::mutate(|t| t.minted = t.minted.saturating_add(amount));
			Self::deposit_event(Event::PotFunded { amount });
			Ok(())
		}

		/// Set the most bonuses one epoch may grant in total (the grant origin).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::set_bonus_cap())]
		pub fn set_bonus_cap(origin: OriginFor<T>, cap: BalanceOf<T>) -> DispatchResult {
			T::GrantOrigin::ensure_origin(origin)?;
			BonusCap::<T>::put(cap);
			Self::deposit_event(Event::BonusCapSet { cap });
			Ok(())
		}

		/// Set the challenge window of rewards credited from now on (at most
		/// `MaxChallengeWindow`); rewards already frozen keep their vesting block. Zero pays
		/// rewards vested.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_challenge_window())]
		pub fn set_challenge_window(
			origin: OriginFor<T>,
			window: BlockNumberFor<T>,
		) -> DispatchResult {
			T::BudgetOrigin::ensure_origin(origin)?;
			ensure!(
				window <= T::MaxChallengeWindow::get(),
				Error::<T>::ChallengeWindowTooLong
			);
			ChallengeWindow::<T>::put(window);
			Self::deposit_event(Event::ChallengeWindowSet { window });
			Ok(())
		}

		/// Transfer the caller's pending rewards from the pot.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::claim())]
		pub fn claim(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				!Self::pending_of(&who).is_zero(),
				Error::<T>::NothingToClaim
			);
			ensure!(Self::try_pay(&who), Error::<T>::TransferFailed);
			// What was pending may still be in its challenge window.
			Self::set_freeze(&who, AccountRewardsOf::<T>::get(&who).unvested);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The reward pot's account.
		pub fn pot_account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// Rewards credited to `who` and not yet transferred.
		pub fn pending_of(who: &T::AccountId) -> BalanceOf<T> {
			let rewards = AccountRewardsOf::<T>::get(who);
			rewards.earned.saturating_sub(rewards.paid)
		}

		/// What the pot can commit: its transferable balance beyond credited, unpaid rewards.
		pub fn pot_available() -> BalanceOf<T> {
			let totals = Totals::<T>::get();
			let liabilities = totals.credited.saturating_sub(totals.paid);
			let uncredited = Closing::<T>::get()
				.map(|p| p.to_pay.saturating_sub(p.credited))
				.unwrap_or_else(Zero::zero);
			T::Currency::reducible_balance(
				&Self::pot_account(),
				Preservation::Preserve,
				Fortitude::Polite,
			)
			.saturating_sub(liabilities)
			.saturating_sub(uncredited)
		}

		/// Closes the current epoch: fixes what it pays and starts the next one.
		pub(crate) fn begin_close(now: BlockNumberFor<T>) {
			let epoch = CurrentEpoch::<T>::get();
			CurrentEpoch::<T>::put(EpochState {
				index: epoch.index.saturating_add(1),
				start: now,
			});

			let tally = EpochTallies::<T>::get(epoch.index);
			let budget = Budget::<T>::get();
			let rules = Rules::<T>::get();
			let available = Self::pot_available();
			let EpochTerms {
				to_pay,
				price_cap,
				account_cap,
			} = Self::terms(&rules, budget, available, tally.total_weight);
			if !tally.total_weight.is_zero() {
				if available < budget.min(price_cap) {
					Self::deposit_event(Event::EpochUnderfunded {
						epoch: epoch.index,
						budget,
						available,
					});
				} else if price_cap < budget {
					Self::deposit_event(Event::EpochCappedByPrice {
						epoch: epoch.index,
						budget,
						total_weight: tally.total_weight,
						to_pay,
					});
				}
			}
			Totals::<T>::mutate(|t| t.committed = t.committed.saturating_add(to_pay));
			Closing::<T>::put(Payout {
				epoch: epoch.index,
				budget,
				to_pay,
				total_weight: tally.total_weight,
				price_cap,
				account_cap,
				credited: Zero::zero(),
				remaining: tally.entry_count,
			});
		}

		/// What an epoch of `total_weight` pays under `rules` and `budget` with `available` in
		/// the pot: the one formula `begin_close` fixes and `epoch_info` shows.
		fn terms(
			rules: &RewardRules,
			budget: BalanceOf<T>,
			available: BalanceOf<T>,
			total_weight: RewardWeight,
		) -> EpochTerms<BalanceOf<T>> {
			let price_cap: BalanceOf<T> = rules.price_cap(total_weight).saturated_into();
			EpochTerms {
				to_pay: budget.min(available).min(price_cap),
				price_cap,
				account_cap: rules.max_account_share.mul_floor(budget),
			}
		}

		/// Credits and pays up to `max` rewards of the closing epoch; finishes the epoch when
		/// none remain. Returns how many it credited.
		pub(crate) fn pay_out(max: u32) -> u32 {
			let Some(mut payout) = Closing::<T>::get() else {
				return 0;
			};
			let mut count: u32 = 0;
			let entries: alloc::vec::Vec<_> = EpochEntries::<T>::drain_prefix(payout.epoch)
				.take(max as usize)
				.collect();
			for (id, entry) in entries {
				count = count.saturating_add(1);
				// Never more than what is left to pay, whatever the weights say.
				let share = Self::share(payout.to_pay, entry.weight, payout.total_weight)
					.min(payout.to_pay.saturating_sub(payout.credited));
				// Nor more than the owner's room under the account cap.
				let mut account = AccountRewardsOf::<T>::get(&entry.owner);
				let (credit_epoch, credited_before) = account.epoch_credit;
				let credited_before = if credit_epoch == payout.epoch {
					credited_before
				} else {
					Zero::zero()
				};
				let amount = share.min(payout.account_cap.saturating_sub(credited_before));
				if amount < share {
					Self::deposit_event(Event::RewardCapped {
						id,
						owner: entry.owner.clone(),
						epoch: payout.epoch,
						forgone: share.saturating_sub(amount),
					});
				}
				account.epoch_credit = (payout.epoch, credited_before.saturating_add(amount));
				payout.credited = payout.credited.saturating_add(amount);
				// An owner in debt pays it first; that part stays in the pot.
				let gross = amount;
				let amount = Self::recover_debt(&entry.owner, id, gross);
				if amount < gross {
					Totals::<T>::mutate(|t| {
						t.committed = t.committed.saturating_sub(gross.saturating_sub(amount))
					});
				}
				account.earned = account.earned.saturating_add(amount);
				AccountRewardsOf::<T>::insert(&entry.owner, account);
				Totals::<T>::mutate(|t| t.credited = t.credited.saturating_add(amount));
				payout.remaining = payout.remaining.saturating_sub(1);
				ContributionRewards::<T>::mutate(id, |r| {
					r.epoch = Some(payout.epoch);
					r.reward = r.reward.saturating_add(amount);
				});
				Self::deposit_event(Event::RewardCredited {
					id,
					owner: entry.owner.clone(),
					epoch: payout.epoch,
					amount,
				});
				Self::try_pay(&entry.owner);
				// Payouts run before any transaction of the block, so their slot has room
				// unless the window was shortened since; then a later block takes it, and
				// failing that (defensively) the reward vests at once.
				if let Some(vests_at) = Self::vesting_slot(&entry.owner, id) {
					Self::freeze_until(&entry.owner, id, amount, vests_at);
				}
			}

			let done = payout.remaining == 0
				|| EpochEntries::<T>::iter_prefix(payout.epoch)
					.next()
					.is_none();
			if done {
				// Rounding down never pays more than `to_pay`; the difference stays in the pot.
				let dust = payout.to_pay.saturating_sub(payout.credited);
				Totals::<T>::mutate(|t| t.committed = t.committed.saturating_sub(dust));
				EpochTallies::<T>::remove(payout.epoch);
				Closing::<T>::kill();
				Self::deposit_event(Event::EpochClosed {
					epoch: payout.epoch,
					budget: payout.budget,
					total_weight: payout.total_weight,
					paid: payout.credited,
					dust,
				});
			} else {
				Closing::<T>::put(payout);
			}
			count
		}

		/// `to_pay × weight / total`, rounded down.
		fn share(to_pay: BalanceOf<T>, weight: RewardWeight, total: RewardWeight) -> BalanceOf<T> {
			if total.is_zero() {
				return Zero::zero();
			}
			multiply_by_rational_with_rounding(
				to_pay.saturated_into(),
				weight,
				total,
				Rounding::Down,
			)
			.map(|amount| amount.saturated_into())
			.unwrap_or_else(Zero::zero)
		}

		/// Credits `amount` to `who`'s rewards and the chain-wide total.
		fn credit(who: &T::AccountId, amount: BalanceOf<T>) {
			AccountRewardsOf::<T>::mutate(who, |r| r.earned = r.earned.saturating_add(amount));
			Totals::<T>::mutate(|t| t.credited = t.credited.saturating_add(amount));
		}

		/// The block in which a reward credited now to `owner` for `id` vests: the challenge
		/// window from now, or the first of the next [`VESTING_SLOT_PROBES`] blocks whose
		/// queue has room; `None` if they are all full. `Some(now)` for a window of zero.
		pub(crate) fn vesting_slot(
			owner: &T::AccountId,
			id: ContributionId,
		) -> Option<BlockNumberFor<T>> {
			let now = frame_system::Pallet::<T>::block_number();
			let first = now.saturating_add(ChallengeWindow::<T>::get());
			if first <= now {
				return Some(now);
			}
			let mut at = first;
			for _ in 0..VESTING_SLOT_PROBES {
				let queue = VestingQueue::<T>::get(at);
				if queue.contains(&(owner.clone(), id))
					|| (queue.len() as u32) < T::MaxPayoutsPerBlock::get()
				{
					return Some(at);
				}
				at = at.saturating_add(One::one());
			}
			None
		}

		/// Freezes `amount` of `owner`'s reward for `id` until `vests_at` (a block from
		/// [`Self::vesting_slot`]); adds it to what already waits for `id`, which then vests
		/// with the later of the two blocks. A block not after now vests it at once.
		pub(crate) fn freeze_until(
			owner: &T::AccountId,
			id: ContributionId,
			amount: BalanceOf<T>,
			vests_at: BlockNumberFor<T>,
		) {
			if amount.is_zero() || vests_at <= frame_system::Pallet::<T>::block_number() {
				return;
			}
			let mut queued = false;
			VestingQueue::<T>::mutate(vests_at, |queue| {
				if queue.contains(&(owner.clone(), id)) {
					queued = true;
				} else {
					queued = queue.try_push((owner.clone(), id)).is_ok();
				}
			});
			if !queued {
				defensive!("a vesting slot was chosen without room; the reward vests at once");
				return;
			}
			Unvested::<T>::mutate(owner, id, |entry| {
				*entry = Some(match entry.take() {
					Some(earlier) => UnvestedReward {
						amount: earlier.amount.saturating_add(amount),
						vests_at: earlier.vests_at.max(vests_at),
					},
					None => UnvestedReward { amount, vests_at },
				});
			});
			let mut account = AccountRewardsOf::<T>::get(owner);
			account.unvested = account.unvested.saturating_add(amount);
			AccountRewardsOf::<T>::insert(owner, account);
			Self::set_freeze(owner, account.unvested);
			Self::deposit_event(Event::RewardFrozen {
				id,
				owner: owner.clone(),
				amount,
				vests_at,
			});
		}

		/// Thaws the rewards due at `now`; returns how many queue entries it looked at (at
		/// most `MaxPayoutsPerBlock`), each of which costs at most one vesting.
		pub(crate) fn vest_due(now: BlockNumberFor<T>) -> u32 {
			let queue = VestingQueue::<T>::take(now);
			let looked_at = queue.len() as u32;
			for (owner, id) in queue {
				let Some(entry) = Unvested::<T>::get(&owner, id) else {
					continue;
				};
				if entry.vests_at > now {
					// Extended by a later reward; vests with that one's queue entry.
					continue;
				}
				if T::VestingHold::is_held(id) {
					// Disputed: stays frozen until the dispute is decided.
					continue;
				}
				Self::vest(owner, id, entry.amount);
			}
			looked_at
		}

		/// Thaws `owner`'s unvested reward of `amount` for `id` now: at its block, or when a
		/// dispute that held it past its block is dismissed.
		pub(crate) fn vest(owner: T::AccountId, id: ContributionId, amount: BalanceOf<T>) {
			Unvested::<T>::remove(&owner, id);
			let mut account = AccountRewardsOf::<T>::get(&owner);
			account.unvested = account.unvested.saturating_sub(amount);
			AccountRewardsOf::<T>::insert(&owner, account);
			Self::set_freeze(&owner, account.unvested);
			Self::deposit_event(Event::RewardVested { id, owner, amount });
		}

		/// Sets `who`'s freeze to `amount` (none for zero). The runtime's freeze list has room
		/// for every reason, so this fails only for an account that does not exist because its
		/// reward could not be transferred (it stays pending): [`Pallet::claim`] sets the
		/// freeze once it pays.
		pub(crate) fn set_freeze(who: &T::AccountId, amount: BalanceOf<T>) {
			let _ = T::Currency::set_freeze(&FreezeReason::UnvestedReward.into(), who, amount);
		}

		/// `who`'s rewards still in their challenge window, by contribution.
		pub fn vesting_schedule(who: &T::AccountId) -> VestingSchedule<T> {
			Unvested::<T>::iter_prefix(who).collect()
		}

		/// Transfers `who`'s pending rewards from the pot. Returns whether it did; a failed
		/// transfer leaves them pending (and says so in an event).
		pub(crate) fn try_pay(who: &T::AccountId) -> bool {
			let amount = Self::pending_of(who);
			if amount.is_zero() {
				return true;
			}
			match T::Currency::transfer(&Self::pot_account(), who, amount, Preservation::Preserve) {
				Ok(_) => {
					let now = frame_system::Pallet::<T>::block_number();
					AccountRewardsOf::<T>::mutate(who, |r| {
						r.paid = r.paid.saturating_add(amount);
						r.last_paid_at = Some(now);
					});
					Totals::<T>::mutate(|t| t.paid = t.paid.saturating_add(amount));
					Self::deposit_event(Event::RewardPaid {
						who: who.clone(),
						amount,
					});
					true
				}
				Err(_) => {
					Self::deposit_event(Event::RewardPending {
						who: who.clone(),
						amount,
					});
					false
				}
			}
		}

		/// Enters contribution `id` of `owner` into `epoch` with reward `weight`. The weight is
		/// cut to what the epoch's total can still hold, so the total is always the exact sum
		/// of its entries and shares never add up to more than the epoch pays.
		pub(crate) fn enter(
			epoch: EpochIndex,
			id: ContributionId,
			owner: &T::AccountId,
			weight: RewardWeight,
		) {
			let mut tally = EpochTallies::<T>::get(epoch);
			let weight = weight.min(RewardWeight::MAX.saturating_sub(tally.total_weight));
			tally.total_weight = tally.total_weight.saturating_add(weight);
			tally.entry_count = tally.entry_count.saturating_add(1);
			EpochTallies::<T>::insert(epoch, tally);
			EpochEntries::<T>::insert(
				epoch,
				id,
				EpochEntry {
					owner: owner.clone(),
					weight,
				},
			);
			Self::deposit_event(Event::ContributionEntered { id, epoch, weight });
		}

		/// The current epoch for the runtime API.
		pub fn epoch_info() -> EpochInfo<BlockNumberFor<T>, BalanceOf<T>> {
			let epoch = CurrentEpoch::<T>::get();
			let tally = EpochTallies::<T>::get(epoch.index);
			let budget = Budget::<T>::get();
			let rules = Rules::<T>::get();
			let pot_available = Self::pot_available();
			let terms = Self::terms(&rules, budget, pot_available, tally.total_weight);
			EpochInfo {
				index: epoch.index,
				start: epoch.start,
				length: EpochLength::<T>::get(),
				budget,
				total_weight: tally.total_weight,
				entry_count: tally.entry_count,
				pot_available,
				payable: terms.to_pay,
				account_cap: terms.account_cap,
				rules,
			}
		}

		/// Checks the pallet's invariants: credited = paid + pending, per account and in
		/// total; credits never exceed what budgets and grants committed; the pot covers
		/// every credited, unpaid reward and what the closing epoch has still to credit;
		/// total issuance is the genesis issuance plus what governance minted; the closing
		/// epoch pays no more than its budget and price cap, and credits no account more than
		/// the account cap; epoch tallies match their entries.
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let totals = Totals::<T>::get();
			let (mut earned, mut paid) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
			for (_, r) in AccountRewardsOf::<T>::iter() {
				ensure!(
					r.paid <= r.earned,
					"an account was paid more than it earned"
				);
				earned = earned.saturating_add(r.earned);
				paid = paid.saturating_add(r.paid);
			}
			ensure!(
				earned == totals.credited,
				"credited total differs from the accounts"
			);
			ensure!(paid == totals.paid, "paid total differs from the accounts");
			ensure!(
				totals.credited <= totals.committed,
				"credited more than budgets and grants"
			);
			let pot = T::Currency::reducible_balance(
				&Self::pot_account(),
				Preservation::Preserve,
				Fortitude::Polite,
			);
			let closing = Closing::<T>::get();
			let uncredited = closing
				.as_ref()
				.map(|p| p.to_pay.saturating_sub(p.credited))
				.unwrap_or_else(Zero::zero);
			ensure!(
				pot >= totals
					.credited
					.saturating_sub(totals.paid)
					.saturating_add(uncredited),
				"the pot cannot cover pending rewards and the closing epoch"
			);
			if let Some(payout) = &closing {
				ensure!(
					payout.credited <= payout.to_pay,
					"the closing epoch credited more than it pays"
				);
				ensure!(
					payout.to_pay <= payout.budget.min(payout.price_cap),
					"the closing epoch pays more than its budget or price cap"
				);
				ensure!(
					payout.account_cap <= payout.budget,
					"the account cap is above the budget"
				);
				for (_, r) in AccountRewardsOf::<T>::iter() {
					ensure!(
						r.epoch_credit.0 != payout.epoch || r.epoch_credit.1 <= payout.account_cap,
						"an account was credited more than the account cap of the epoch"
					);
				}
			}
			Self::check_vesting()?;
			let unminted =
				UnmintedIssuance::<T>::get().ok_or("no record of the unminted issuance")?;
			ensure!(
				T::Currency::total_issuance() == unminted.saturating_add(totals.minted),
				"total issuance changed other than by governance minting"
			);
			Self::check_tallies(closing.as_ref())
		}

		/// Vesting against the ledger: each account's unvested part is the sum of its
		/// [`Unvested`] rewards, at most what it earned, and exactly what its balance has
		/// frozen for this pallet; every unvested reward waits in the queue of its block, which
		/// is still to come.
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		fn check_vesting() -> Result<(), sp_runtime::TryRuntimeError> {
			use frame_support::traits::fungible::InspectFreeze;
			let now = frame_system::Pallet::<T>::block_number();
			let reason: T::RuntimeFreezeReason = FreezeReason::UnvestedReward.into();
			for (who, r) in AccountRewardsOf::<T>::iter() {
				let mut unvested = BalanceOf::<T>::zero();
				for (_, entry) in Unvested::<T>::iter_prefix(&who) {
					unvested = unvested
						.checked_add(&entry.amount)
						.ok_or("an account's unvested rewards overflow")?;
				}
				ensure!(
					unvested == r.unvested,
					"an account's unvested part differs from its unvested rewards"
				);
				ensure!(
					r.unvested <= r.earned,
					"an account has more unvested than it earned"
				);
				// Unless a transfer failed and left the reward pending (the account may not
				// exist to hold a freeze until it claims).
				let frozen = T::Currency::balance_frozen(&reason, &who);
				ensure!(
					frozen == r.unvested || (r.paid < r.earned && frozen <= r.unvested),
					"an account's freeze differs from its unvested part"
				);
			}
			for (who, id, entry) in Unvested::<T>::iter() {
				ensure!(
					AccountRewardsOf::<T>::contains_key(&who),
					"an unvested reward of an account without rewards"
				);
				if T::VestingHold::is_held(id) {
					// A dispute holds it past its block, unqueued once the block has passed.
					continue;
				}
				ensure!(entry.vests_at > now, "an unvested reward is overdue");
				ensure!(
					VestingQueue::<T>::get(entry.vests_at)
						.iter()
						.any(|(owner, queued)| *owner == who && *queued == id),
					"an unvested reward is not queued for its block"
				);
			}
			for (at, _) in VestingQueue::<T>::iter() {
				ensure!(at > now, "a vesting queue of a past block");
			}
			for (_, owed) in Debts::<T>::iter() {
				ensure!(!owed.is_zero(), "a debt entry of zero");
			}
			Ok(())
		}

		/// Each epoch's tally against its entries: the exact count and sum of weights for an
		/// open epoch; for the closing one, the entries not yet credited.
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		fn check_tallies(
			closing: Option<&Payout<BalanceOf<T>>>,
		) -> Result<(), sp_runtime::TryRuntimeError> {
			for (epoch, tally) in EpochTallies::<T>::iter() {
				let (mut count, mut weight) = (0u32, RewardWeight::zero());
				for (_, entry) in EpochEntries::<T>::iter_prefix(epoch) {
					count = count.saturating_add(1);
					weight = weight
						.checked_add(entry.weight)
						.ok_or("an epoch's entries overflow its total weight")?;
				}
				match closing.filter(|payout| payout.epoch == epoch) {
					Some(payout) => {
						ensure!(
							count == payout.remaining && weight <= tally.total_weight,
							"the closing epoch's entries differ from its payout"
						);
					}
					None => {
						ensure!(
							count == tally.entry_count && weight == tally.total_weight,
							"an epoch's tally differs from its entries"
						);
					}
				}
			}
			for (epoch, _, _) in EpochEntries::<T>::iter() {
				ensure!(
					EpochTallies::<T>::contains_key(epoch),
					"entries of an epoch without a tally"
				);
			}
			Ok(())
		}
	}

	impl<T: Config> OnContributionVerified<T::AccountId> for Pallet<T> {
		fn on_contribution_verified(
			id: ContributionId,
			owner: &T::AccountId,
			kind: ContributionKind,
			size: u64,
			score: Score,
		) {
			let weight = Rules::<T>::get().weight_of(kind, size, score);
			Self::enter(CurrentEpoch::<T>::get().index, id, owner, weight);
		}

		fn weight() -> Weight {
			T::WeightInfo::note_verified()
		}
	}
}
