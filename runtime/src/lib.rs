//! # Gongyu runtime
//!
//! The FRAME runtime of Gongyu, a permissioned chain that records contributions to an open
//! language model, verifies them through governance-approved verifiers and rewards them in
//! GYU. This file holds the runtime's types, its [`VERSION`] and the pallet list; each
//! pallet's configuration lives in [`configs`], the runtime APIs in [`apis`] and the genesis
//! presets in [`genesis_config_presets`].

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`-style macros expand to code that trips these runtime lints.
#![allow(clippy::arithmetic_side_effects)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
#[cfg(feature = "std")]
pub mod dev_keys;
pub mod genesis_config_presets;
#[cfg(feature = "std")]
pub mod invariants;
pub mod weights;

extern crate alloc;

use alloc::vec::Vec;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The keys a validator registers with `session.setKeys`: Aura (sr25519) for authoring,
	/// GRANDPA (ed25519) for finality.
	pub struct SessionKeys {
		/// Block authoring key.
		pub aura: Aura,
		/// Finality voting key.
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. Bump `spec_version` with every runtime change that goes on chain.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("gongyu"),
	impl_name: alloc::borrow::Cow::Borrowed("gongyu"),
	authoring_version: 1,
	spec_version: 116,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

mod block_times {
	/// Target time between two blocks, in milliseconds (Aura slot duration).
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	/// Slot duration equals block time: one author per slot.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
}
pub use block_times::*;

/// Blocks per minute at the target block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Blocks whose hash the runtime keeps for lookups and mortality checks.
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

/// One GYU: the token has 12 decimals.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a GYU.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// One millionth of a GYU.
pub const MICRO_UNIT: Balance = 1_000_000;
include!("token.rs");
/// SS58 address prefix (the generic Substrate prefix).
pub const SS58_PREFIX: u16 = 42;

/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;
/// An account on chain: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account (in the smallest unit, 10^-12 GYU).
pub type Balance = u128;
/// Index of a transaction in the chain.
pub type Nonce = u32;
/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;
/// An index to a block.
pub type BlockNumber = u32;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A Block signed with a Justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions every signed transaction carries.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// What [`TxExtension`] adds to the signed payload without carrying it in the transaction:
/// spec and transaction versions, genesis hash, the hash of the block the mortality period
/// starts at, and the metadata hash (none in mode 0).
pub type TxExtensionImplicit = (
	(),
	(),
	u32,
	u32,
	Hash,
	Hash,
	(),
	(),
	(),
	Option<[u8; 32]>,
	(),
);

/// The extensions of a transaction signed at `nonce`, valid during `era`, with `tip`: the one
/// place outside the runtime's own code that lists [`TxExtension`]'s members, so a change of
/// the tuple fails to compile here rather than at run time in a client (the node's verifier
/// signs with it).
pub fn tx_extension(nonce: Nonce, era: generic::Era, tip: Balance) -> TxExtension {
	(
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(era),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(tip),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// The implicit part of [`tx_extension`]'s payload for a chain with `genesis_hash`, whose
/// mortality period starts at the block `era_start_hash` (the genesis hash for an immortal
/// transaction). Matches `TransactionExtension::implicit` of [`TxExtension`], which needs the
/// runtime's state; clients outside the runtime use this.
pub fn tx_extension_implicit(genesis_hash: Hash, era_start_hash: Hash) -> TxExtensionImplicit {
	(
		(),
		(),
		VERSION.spec_version,
		VERSION.transaction_version,
		genesis_hash,
		era_start_hash,
		(),
		(),
		(),
		None,
		(),
	)
}

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

frame_support::parameter_types! {
	/// The validator set pallet's storage prefix.
	pub const ValidatorSetPalletName: &'static str = "ValidatorSet";
	/// The flag the validator set kept before it compared with session's queued set.
	pub const ValidatorSetChangedFlag: &'static str = "Changed";
}

/// Storage migrations run on the next runtime upgrade.
type Migrations = (
	pallet_contributions::migrations::v6::MigrateV5ToV6<Runtime>,
	pallet_contributions::migrations::v7::MigrateV6ToV7<Runtime, configs::DefaultLicenses>,
	pallet_contributions::migrations::v8::MigrateV7ToV8<Runtime>,
	pallet_models::migrations::v1::MoveModelVersions<Runtime>,
	pallet_models::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_rewards::migrations::v3::MigrateV2ToV3<Runtime>,
	frame_support::migrations::RemoveStorage<
		ValidatorSetPalletName,
		ValidatorSetChangedFlag,
		<Runtime as frame_system::Config>::DbWeight,
	>,
);

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets of the runtime. The order of declaration is the order of their hooks (the
/// validator set and network admission run before the session pallet reads them); each
/// `pallet_index` is part of every encoded call and event, so never renumber one.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(13)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(14)]
	pub type NetworkAdmission = pallet_network_admission;
	#[runtime::pallet_index(4)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(5)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(6)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(8)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(10)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(11)]
	pub type CouncilMembership = pallet_membership<Instance2>;
	#[runtime::pallet_index(12)]
	pub type Governance = pallet_governance;

	#[runtime::pallet_index(20)]
	pub type VerifierMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(21)]
	pub type Contributions = pallet_contributions;
	#[runtime::pallet_index(22)]
	pub type Rewards = pallet_rewards;
	#[runtime::pallet_index(23)]
	pub type Models = pallet_models;
	#[runtime::pallet_index(24)]
	pub type Disputes = pallet_disputes;
}
