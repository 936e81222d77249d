//! The runtime APIs the node and clients call: the standard Substrate set plus Gongyu's own.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use crate::{
	AccountId, Balance, Block, BlockNumber, Executive, InherentDataExt, NetworkAdmission, Nonce,
	Runtime, RuntimeCall, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(crate::Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			use codec::Encode;
			let generated = SessionKeys::generate(&owner, seed);
			sp_session::OpaqueGeneratedSessionKeys {
				keys: generated.keys.encode(),
				proof: generated.proof.encode(),
			}
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			crate::Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			crate::Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			// Equivocation reporting needs historical sessions; a permissioned set removes
			// misbehaving validators by governance instead.
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	#[api_version(7)]
	impl pallet_contributions::runtime_api::ContributionsApi<Block, AccountId, Balance, BlockNumber>
		for Runtime
	{
		fn contribution(
			id: pallet_contributions::ContributionId,
		) -> Option<pallet_contributions::ContributionInfo<AccountId, Balance, BlockNumber>> {
			crate::Contributions::contribution_info(id)
		}

		fn status(id: pallet_contributions::ContributionId) -> Option<pallet_contributions::ContributionStatus> {
			pallet_contributions::Contributions::<Runtime>::get(id).map(|c| c.status)
		}

		fn contributions_of(owner: AccountId) -> Vec<pallet_contributions::ContributionId> {
			crate::Contributions::contributions_of(&owner, 1_000)
		}

		fn by_hash(root: pallet_contributions::ContentHash) -> Option<pallet_contributions::ContributionId> {
			pallet_contributions::ByHash::<Runtime>::get(root).and_then(|claim| claim.contribution())
		}

		fn awaiting_attestation(
			verifier: AccountId,
			limit: u32,
		) -> Vec<pallet_contributions::ContributionInfo<AccountId, Balance, BlockNumber>> {
			crate::Contributions::awaiting_attestation(&verifier, limit)
		}

		fn submission_deposit(uri_len: u32, license_len: u32, has_description: bool) -> Balance {
			pallet_contributions::Params::<Runtime>::get().submission_deposit(
				uri_len,
				license_len,
				has_description,
			)
		}

		fn root_claim(
			root: pallet_contributions::ContentHash,
		) -> Option<pallet_contributions::RootClaim<AccountId, BlockNumber>> {
			pallet_contributions::ByHash::<Runtime>::get(root)
		}

		fn receipt(id: pallet_contributions::ContributionId) -> Option<pallet_contributions::Receipt> {
			pallet_contributions::Receipts::<Runtime>::get(id)
		}

		fn parameters() -> pallet_contributions::Parameters<Balance, BlockNumber> {
			pallet_contributions::Params::<Runtime>::get()
		}

		fn licenses() -> Vec<(Vec<u8>, pallet_contributions::LicenseTerms)> {
			crate::Contributions::licenses()
		}
	}

	#[api_version(4)]
	impl pallet_models::runtime_api::ModelsApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn release(id: pallet_models::ReleaseId) -> Option<pallet_models::ReleaseInfo<Balance, BlockNumber>> {
			crate::Models::release_info(id)
		}

		fn lineage(id: pallet_models::ReleaseId, depth: u32) -> Vec<pallet_models::ReleaseId> {
			crate::Models::lineage(id, depth.min(16))
		}

		fn ingredients(id: pallet_models::ReleaseId) -> Vec<(pallet_contributions::ContributionId, pallet_models::Shares)> {
			pallet_models::Ingredients::<Runtime>::iter_prefix(id).collect()
		}

		fn releases_using(id: pallet_contributions::ContributionId) -> Vec<pallet_models::ReleaseId> {
			pallet_models::UsedBy::<Runtime>::get(id).into_inner()
		}

		fn claimable(
			contributions: Vec<pallet_contributions::ContributionId>,
		) -> Vec<(pallet_models::ReleaseId, pallet_contributions::ContributionId, Balance)> {
			crate::Models::claimable_of(&contributions)
		}

		fn claimable_by(who: AccountId) -> pallet_models::ClaimableRevenue<Balance> {
			let contributions = crate::Contributions::contributions_of(&who, 1_000);
			crate::Models::claimable_summary(&contributions)
		}

		fn model_version(
			id: pallet_contributions::ModelVersionId,
		) -> Option<pallet_models::ModelVersionInfo<BlockNumber>> {
			crate::Models::model_version_info(id)
		}

		fn taken_down_in(
			id: pallet_models::ReleaseId,
		) -> Vec<(pallet_models::ReleaseId, pallet_contributions::ContributionId)> {
			crate::Models::taken_down_in(id)
		}
	}

	#[api_version(3)]
	impl pallet_rewards::runtime_api::RewardsApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn pending_rewards(who: AccountId) -> Balance {
			crate::Rewards::pending_of(&who)
		}

		fn total_rewards(who: AccountId) -> Balance {
			pallet_rewards::AccountRewardsOf::<Runtime>::get(&who).earned
		}

		fn account_rewards(who: AccountId) -> pallet_rewards::AccountRewards<Balance, BlockNumber> {
			pallet_rewards::AccountRewardsOf::<Runtime>::get(&who)
		}

		fn contribution_reward(
			id: pallet_contributions::ContributionId,
		) -> pallet_rewards::ContributionReward<Balance> {
			pallet_rewards::ContributionRewards::<Runtime>::get(id)
		}

		fn current_epoch() -> pallet_rewards::EpochInfo<BlockNumber, Balance> {
			crate::Rewards::epoch_info()
		}

		fn vesting_schedule(
			who: AccountId,
		) -> Vec<(pallet_contributions::ContributionId, pallet_rewards::UnvestedReward<Balance, BlockNumber>)> {
			crate::Rewards::vesting_schedule(&who)
		}

		fn challenge_window() -> BlockNumber {
			pallet_rewards::ChallengeWindow::<Runtime>::get()
		}

		fn debt(who: AccountId) -> Balance {
			pallet_rewards::Debts::<Runtime>::get(&who)
		}

		fn clawed_back(
			id: pallet_contributions::ContributionId,
		) -> Option<pallet_rewards::ClawBack<Balance>> {
			pallet_rewards::ClawedBack::<Runtime>::get(id)
		}
	}

	impl pallet_network_admission::runtime_api::NetworkAdmissionApi<Block> for Runtime {
		fn admitted_peer_ids() -> Vec<Vec<u8>> {
			NetworkAdmission::admitted_peer_ids()
		}
	}

	impl pallet_disputes::runtime_api::DisputesApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn dispute(
			id: pallet_disputes::DisputeId,
		) -> Option<pallet_disputes::Dispute<AccountId, Balance, BlockNumber>> {
			pallet_disputes::Disputes::<Runtime>::get(id)
		}

		fn disputes_of_contribution(
			id: pallet_contributions::ContributionId,
		) -> Vec<(pallet_disputes::DisputeId, pallet_disputes::Dispute<AccountId, Balance, BlockNumber>)> {
			crate::Disputes::disputes_of_contribution(id)
		}

		fn disputes_of_account(
			who: AccountId,
		) -> Vec<(pallet_disputes::DisputeId, pallet_disputes::Dispute<AccountId, Balance, BlockNumber>)> {
			crate::Disputes::disputes_of_account(&who)
		}

		fn params() -> pallet_disputes::DisputeParams<Balance, BlockNumber> {
			pallet_disputes::Params::<Runtime>::get()
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::metadata(extra)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch(config)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		// The try-runtime tool reads a failed check as a panic of the call, so these two
		// calls (only in a runtime built with `try-runtime`, never on chain) panic with the
		// reason.
		#[allow(clippy::panic)]
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks)
				.unwrap_or_else(|e| panic!("the try-runtime upgrade check failed: {e:?}"));
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		#[allow(clippy::panic)]
		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_else(|e| panic!("the try-runtime block check failed: {e:?}"))
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
