//! Model releases and the usage revenue their contributors share.

use frame_support::{parameter_types, traits::ConstU32, PalletId};
use pallet_models::RevenueSplit;
use sp_runtime::Perbill;

use super::{governance::GovernanceOrigin, RewardPotAccount};
use crate::{Balances, Contributions, Runtime};

parameter_types! {
	/// The account holding usage revenue until its holders claim it.
	pub const ModelsPalletId: PalletId = PalletId(*b"gy/model");
	/// Until governance sets another: 70 % of every fee to the release's ingredient holders,
	/// 20 % up to its parents, 10 % to the reward pot.
	pub const DefaultRevenueSplit: RevenueSplit = RevenueSplit {
		holders: Perbill::from_percent(70),
		parents: Perbill::from_percent(20),
	};
}

impl pallet_models::Config for Runtime {
	type Currency = Balances;
	type Contributions = Contributions;
	type GovernanceOrigin = GovernanceOrigin;
	type PalletId = ModelsPalletId;
	type Pot = RewardPotAccount;
	type DefaultSplit = DefaultRevenueSplit;
	type MaxNameLen = ConstU32<64>;
	type MaxUriLen = ConstU32<512>;
	type MaxParents = ConstU32<8>;
	type MaxIngredients = ConstU32<256>;
	type MaxReleasesPerContribution = ConstU32<32>;
	type MaxHops = ConstU32<16>;
	type WeightInfo = pallet_models::weights::SubstrateWeight<Runtime>;
}
