//! Block authoring (Aura), finality (GRANDPA) and the sessions that rotate their authorities.

use frame_support::{parameter_types, traits::ConstBool};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::ConstU32;
use sp_runtime::traits::ConvertInto;

use crate::{AccountId, Aura, Balances, BlockNumber, Grandpa, Runtime, RuntimeEvent, SessionKeys};

/// The most validators the chain supports at once.
pub const MAX_AUTHORITIES: u32 = 32;

parameter_types! {
	/// Blocks per session: authority-set changes take effect at session boundaries.
	pub const SessionPeriod: BlockNumber = 10 * crate::MINUTES;
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
	// The validator set stays the genesis set until governance manages it.
	type SessionManager = ();
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

// Silence unused warnings for items only some configurations use.
#[allow(unused_imports)]
use {Aura as _, Grandpa as _};
