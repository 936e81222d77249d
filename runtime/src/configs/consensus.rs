//! Block authoring (Aura), finality (GRANDPA), the sessions that rotate their authorities,
//! and the governance-admitted validators and network peers.

use frame_support::{parameter_types, traits::ConstBool};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::ConstU32;
use sp_runtime::traits::ConvertInto;

use super::governance::TwoThirdsOrigin;
use crate::{AccountId, Balances, BlockNumber, Runtime, RuntimeEvent, SessionKeys, ValidatorSet};

/// The most validators the chain supports at once.
pub const MAX_AUTHORITIES: u32 = 32;

/// Sessions last this long unless the genesis preset says otherwise: authority-set changes
/// take effect at session boundaries.
pub const DEFAULT_SESSION_LENGTH: BlockNumber = 10 * crate::MINUTES;

/// The session length in force (set at genesis, kept by pallet-validator-set).
pub type SessionPeriod = pallet_validator_set::SessionLengthOf<Runtime>;

parameter_types! {
	/// The first session starts at genesis.
	pub const SessionOffset: BlockNumber = 0;
	/// Balance held for each registered set of session keys (none: admission is by governance).
	pub const SessionKeyDeposit: crate::Balance = 0;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = frame_support::traits::ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionPeriod, SessionOffset>;
	// The council-managed validator set decides who validates from the next session on.
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// Whether an account has registered session keys (`session.setKeys`).
pub struct HasSessionKeys;
impl frame_support::traits::Contains<AccountId> for HasSessionKeys {
	fn contains(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}
}

/// The validators pallet-session has queued for the next session.
pub struct QueuedValidators;
impl frame_support::traits::Get<alloc::vec::Vec<AccountId>> for QueuedValidators {
	fn get() -> alloc::vec::Vec<AccountId> {
		pallet_session::QueuedKeys::<Runtime>::get()
			.into_iter()
			.map(|(validator, _keys)| validator)
			.collect()
	}
}

impl pallet_validator_set::Config for Runtime {
	type ManageOrigin = TwoThirdsOrigin;
	type HasSessionKeys = HasSessionKeys;
	type QueuedValidators = QueuedValidators;
	type DefaultSessionLength = frame_support::traits::ConstU32<DEFAULT_SESSION_LENGTH>;
	type MaxValidators = ConstU32<MAX_AUTHORITIES>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
}

impl pallet_network_admission::Config for Runtime {
	type ManageOrigin = TwoThirdsOrigin;
	type MaxNodes = ConstU32<64>;
	type MaxPeerIdLength = ConstU32<128>;
	type WeightInfo = pallet_network_admission::weights::SubstrateWeight<Runtime>;
}
