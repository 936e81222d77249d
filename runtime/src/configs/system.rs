//! frame-system, timestamp, utility and sudo.

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU32, Contains},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;

use crate::weights::{block_weights::BlockExecutionWeight, extrinsic_weights::ExtrinsicBaseWeight};
use crate::{
	AccountId, Aura, Balance, Block, BlockNumber, Hash, Nonce, OriginCaller, PalletInfo, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeOrigin, RuntimeTask, BLOCK_HASH_COUNT, SLOT_DURATION,
	SS58_PREFIX, VERSION,
};

/// The largest block, in bytes: 5 MiB.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

/// Share of a block that normal (non-operational) transactions may fill.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// At most two seconds of compute per 6 s block.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// Share of a block that `on_initialize` hooks take on average (what is left for
/// transactions is planned without it).
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(10);

parameter_types! {
	/// Runtime version, reported to clients.
	pub const Version: sp_version::RuntimeVersion = VERSION;
	/// At most two seconds of compute per 6 s block, three quarters of it for normal
	/// transactions, the rest for operational ones; an empty block and each extrinsic's base
	/// cost as measured on this runtime (`weights::block_weights`,
	/// `weights::extrinsic_weights`).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT.saturating_sub(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT));
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();
	/// At most 5 MiB per block.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
		})
		.build();
	/// Blocks whose hash stays queryable.
	pub const BlockHashCount: BlockNumber = BLOCK_HASH_COUNT;
	/// SS58 prefix of addresses.
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores its state in ParityDB only (it is built without RocksDB), so storage
	/// reads and writes are priced at ParityDB's reference costs (8 µs, 50 µs). Measured on
	/// this chain's own database (`bash scripts/benchmark.sh storage`, a million accounts in
	/// the state) they varied from hour to hour between 6.8 and 12.3 µs a read and 26.2 and
	/// 43.1 µs a write on average, so the reference stays until a validator's database says
	/// it is too high.
	type DbWeight = ParityDbWeight;
	type SystemWeightInfo = crate::weights::frame_system::WeightInfo<Runtime>;
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
	type BaseCallFilter = SupplyRule;
}

/// The calls signed accounts may make: all but those that change the GYU supply outside
/// `Rewards::mint_into_pot` (balances' `burn`, and its Root-only `force_set_balance` and
/// `force_adjust_total_issuance`, in case a signed origin is ever given Root's powers). With
/// them, anyone could break the rule that total issuance is the genesis issuance plus what
/// governance minted (`pallet_rewards::UnmintedIssuance`), which `try_state` checks. Root
/// (a three-quarters council motion) is not filtered, as FRAME never filters Root.
pub struct SupplyRule;

impl Contains<RuntimeCall> for SupplyRule {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::Balances(
				pallet_balances::Call::burn { .. }
					| pallet_balances::Call::force_set_balance { .. }
					| pallet_balances::Call::force_adjust_total_issuance { .. }
			)
		)
	}
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = frame_support::traits::ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::WeightInfo<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}
