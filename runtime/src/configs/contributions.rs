//! Contributions, the verifier set that decides them, and the rewards they earn.

use alloc::{vec, vec::Vec};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU32, ConstU8},
	PalletId,
};
use pallet_contributions::{LicenseTerms, Parameters, UriSchemes};
use sp_runtime::{traits::AccountIdConversion, Perbill};

use super::governance::{GovernanceOrigin, TwoThirdsOrigin};
use crate::{
	AccountId, Balance, Balances, BlockNumber, Contributions, Models, Rewards, Runtime,
	RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, VerifierMembership, DAYS, MILLI_UNIT,
	UNIT,
};

/// The most verifiers the chain can have (and so the most attestations per contribution).
pub const MAX_VERIFIERS: u32 = 32;

parameter_types! {
	/// The reward pot: slashed deposits flow here, rewards are paid from here.
	pub const RewardPotPalletId: PalletId = PalletId(*b"gy/rewrd");
	/// The account of the reward pot.
	pub RewardPotAccount: AccountId = RewardPotPalletId::get().into_account_truncating();
	/// Parameters in force until governance sets others.
	/// Web schemes only; the `dev` preset adds `file://`. A tenth of the 1 GYU deposit base
	/// stays in the reward pot as the fee for the record the chain keeps. A fine-tune that
	/// fits its base but meets no evaluator counts as 25 of 100.
	pub const DefaultContributionParameters: Parameters<Balance, BlockNumber> = Parameters {
		quorum: Perbill::from_percent(50),
		min_attestations: 2,
		verification_period: DAYS,
		deposit_base: UNIT,
		deposit_per_byte: 10 * MILLI_UNIT,
		unavailable_slash: Perbill::from_percent(20),
		unavailable_cooldown: 7 * DAYS,
		uri_schemes: UriSchemes::WEB,
		storage_fee: 100 * MILLI_UNIT,
		unevaluated_score: 25,
	};
}

/// The licenses a new chain accepts (SPDX identifiers) with what each allows: the genesis
/// presets list them, and a chain upgraded from before the license list starts with them.
/// Governance changes the list with `contributions.setLicense`.
pub fn default_licenses() -> Vec<(Vec<u8>, LicenseTerms)> {
	const OPEN: LicenseTerms = LicenseTerms::OPEN;
	const NON_COMMERCIAL: LicenseTerms = LicenseTerms::NON_COMMERCIAL;
	// Weights trained on the data are derivatives the license forbids sharing.
	const NO_DERIVATIVES: LicenseTerms = LicenseTerms::TRAINING_ONLY;
	vec![
		(b"CC0-1.0".to_vec(), OPEN),
		(b"CC-BY-4.0".to_vec(), OPEN),
		(b"CC-BY-SA-4.0".to_vec(), OPEN),
		(b"CC-BY-NC-4.0".to_vec(), NON_COMMERCIAL),
		(b"CC-BY-NC-SA-4.0".to_vec(), NON_COMMERCIAL),
		(b"CC-BY-ND-4.0".to_vec(), NO_DERIVATIVES),
		(b"ODC-By-1.0".to_vec(), OPEN),
		(b"ODbL-1.0".to_vec(), OPEN),
		(b"PDDL-1.0".to_vec(), OPEN),
		(b"MIT".to_vec(), OPEN),
		(b"Apache-2.0".to_vec(), OPEN),
		(b"BSD-3-Clause".to_vec(), OPEN),
	]
}

parameter_types! {
	/// [`default_licenses`], for the storage migration that introduced the list.
	pub DefaultLicenses: Vec<(Vec<u8>, LicenseTerms)> = default_licenses();
	/// Most contributions one deadline lists: at least twice the submissions a block's
	/// weight admits (a runtime test checks it), so a block whose submissions share a
	/// deadline with the previous block's, after governance shortened the verification
	/// period by a block, still has room.
	pub const MaxSubmissionsPerDeadline: u32 = 8_192;
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = GovernanceOrigin;
	type RemoveOrigin = GovernanceOrigin;
	type SwapOrigin = GovernanceOrigin;
	type ResetOrigin = GovernanceOrigin;
	type PrimeOrigin = GovernanceOrigin;
	type MembershipInitialized = ();
	type MembershipChanged = ();
	type MaxMembers = ConstU32<MAX_VERIFIERS>;
	// Measured on the council's membership, whose changes also update the council: an upper
	// bound for this instance, whose changes notify nothing (pallet_membership's benchmarks
	// need an instance that keeps a prime, so this one is not benchmarked on its own).
	type WeightInfo = crate::weights::pallet_membership::WeightInfo<Runtime>;
}

impl pallet_contributions::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Verifiers = VerifierMembership;
	type GovernanceOrigin = GovernanceOrigin;
	type OnSlash = ResolveTo<RewardPotAccount, Balances>;
	type OnVerified = Rewards;
	type ModelVersions = Models;
	type DefaultParameters = DefaultContributionParameters;
	type MaxUriLen = ConstU32<512>;
	type MaxLicenseLen = ConstU32<64>;
	type MaxLicenses = ConstU32<64>;
	type MaxAttestations = ConstU32<MAX_VERIFIERS>;
	type MaxPendingPerAccount = ConstU32<16>;
	type MaxScore = ConstU8<100>;
	type MaxExpiriesPerBlock = ConstU32<16>;
	type MaxExpiryChecksPerBlock = ConstU32<256>;
	type MaxSubmissionsPerDeadline = MaxSubmissionsPerDeadline;
	// Pages of 16 ids: one submission in 16 pays the page's read and write, and appending
	// stays cheap (measured: a submission on a page of 15 ids ran in 139 µs, on one of 63 in
	// 226 µs).
	type ExpiryPageSize = ConstU32<16>;
	type MaxBandBucket = ConstU32<8>;
	type WeightInfo = pallet_contributions::weights::SubstrateWeight<Runtime>;
}

/// 0.1 µGYU (10⁵ planck) per unit of reward weight.
const MAX_PRICE_PER_WEIGHT: u128 = crate::MICRO_UNIT / 10;

parameter_types! {
	/// Blocks per reward epoch until governance sets another length: one day.
	pub const DefaultEpochLength: BlockNumber = DAYS;
	/// Fine-tunes weigh twice a dataset byte; every submission pays for 4 KiB. An epoch pays
	/// at most 0.1 µGYU per unit of weight: a MiB of top-score (100) dataset earns at most
	/// about 10.5 GYU, so the 1,000 GYU budget is paid in full only for about 95 MiB of such
	/// data. One account earns at most a tenth of an epoch's budget.
	pub const DefaultRewardRules: pallet_rewards::RewardRules = pallet_rewards::RewardRules {
		dataset_weight: 1,
		fine_tune_weight: 2,
		per_submission_cost: 4096,
		max_price_per_weight: MAX_PRICE_PER_WEIGHT,
		max_account_share: sp_runtime::Perbill::from_percent(10),
	};
}

parameter_types! {
	/// Bonuses one epoch may grant in total until governance sets another cap: a tenth of
	/// the genesis epoch budget.
	pub const DefaultBonusCap: Balance = 100 * UNIT;
}

parameter_types! {
	/// Blocks from a reward's credit to its vesting, until governance sets another: seven
	/// days, in which anyone may dispute the contribution.
	pub const DefaultChallengeWindow: BlockNumber = 7 * DAYS;
	/// Longest challenge window governance may set: thirty days.
	pub const MaxChallengeWindow: BlockNumber = 30 * DAYS;
}

impl pallet_rewards::Config for Runtime {
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type Contributions = Contributions;
	type VestingHold = crate::Disputes;
	type BudgetOrigin = GovernanceOrigin;
	type GrantOrigin = TwoThirdsOrigin;
	type MintOrigin = TwoThirdsOrigin;
	type PalletId = RewardPotPalletId;
	type DefaultEpochLength = DefaultEpochLength;
	type DefaultRules = DefaultRewardRules;
	type DefaultBonusCap = DefaultBonusCap;
	type MaxPayoutsPerBlock = ConstU32<32>;
	type DefaultChallengeWindow = DefaultChallengeWindow;
	type MaxChallengeWindow = MaxChallengeWindow;
	type WeightInfo = pallet_rewards::weights::SubstrateWeight<Runtime>;
}
