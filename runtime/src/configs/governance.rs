//! Who decides what. The council (collective + membership) owns every privileged decision;
//! there is no sudo key outside the `dev` chain.
//!
//! | origin | decides |
//! | --- | --- |
//! | [`GovernanceOrigin`]: more than half of the council | verifiers, model versions, contribution parameters and appeals, reward budgets and rules, disputes and their rules |
//! | [`TwoThirdsOrigin`]: two thirds of the council | minting into the reward pot, bonuses and their cap, validators, network admission, appeals of disputes |
//! | [`RootEquivalentOrigin`]: three quarters of the council | council membership, and through `governance.dispatchAsRoot` anything that needs Root (runtime upgrades) |
//!
//! No route to a power needs less than that power: a majority that could change the council's
//! membership could grow itself to three quarters and so reach Root, which is why membership
//! needs three quarters itself; bonuses pay out of the pot like minting fills it.
//!
//! Each also accepts Root, which only the three-quarters path (or sudo on `dev`) reaches.
//! The share every call needs is listed in `governance-decisions.json` beside this file,
//! which `runtime/tests/integration/governance_decisions.rs` checks against these origins
//! and the toolkit reads.

use frame_support::{parameter_types, traits::EitherOfDiverse, weights::Weight};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use crate::{
	configs::RuntimeBlockWeights, AccountId, BlockNumber, Council, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, DAYS,
};

/// The council's collective instance.
pub type CouncilCollective = pallet_collective::Instance1;
/// More than half of the council.
pub type CouncilMoreThanHalf =
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>;
/// At least two thirds of the council.
pub type CouncilTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;
/// At least three quarters of the council.
pub type CouncilThreeQuarters =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 3, 4>;

/// Root, or more than half of the council.
pub type GovernanceOrigin = EitherOfDiverse<EnsureRoot<AccountId>, CouncilMoreThanHalf>;
/// Root, or two thirds of the council.
pub type TwoThirdsOrigin = EitherOfDiverse<EnsureRoot<AccountId>, CouncilTwoThirds>;
/// Root, or the three quarters of the council that `governance.dispatchAsRoot` needs.
pub type RootEquivalentOrigin = EitherOfDiverse<EnsureRoot<AccountId>, CouncilThreeQuarters>;

/// The most council members.
pub const COUNCIL_MAX_MEMBERS: u32 = 32;

parameter_types! {
	/// How long a motion stays open; it can be closed early once its threshold is reached.
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	/// Most motions open at once.
	pub const CouncilMaxProposals: u32 = 64;
	/// A motion's call may use at most half a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = frame_support::traits::ConstU32<COUNCIL_MAX_MEMBERS>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = crate::weights::pallet_collective::WeightInfo<Runtime>;
	// Membership is managed by `CouncilMembership`, which the council controls by motion.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

// Changing who sits on the council is as strong as Root: a smaller share could add members
// until it held three quarters.
impl pallet_membership::Config<pallet_membership::Instance2> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = RootEquivalentOrigin;
	type RemoveOrigin = RootEquivalentOrigin;
	type SwapOrigin = RootEquivalentOrigin;
	type ResetOrigin = RootEquivalentOrigin;
	type PrimeOrigin = RootEquivalentOrigin;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = frame_support::traits::ConstU32<COUNCIL_MAX_MEMBERS>;
	type WeightInfo = crate::weights::pallet_membership::WeightInfo<Runtime>;
}

impl pallet_governance::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RootOrigin = CouncilThreeQuarters;
	type WeightInfo = pallet_governance::weights::SubstrateWeight<Runtime>;
}
