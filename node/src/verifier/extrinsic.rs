//! Signed `contributions.attest` extrinsics, built natively and signed with a keystore key.

use codec::Encode;
use gongyu_runtime::{
	RuntimeCall, Signature, SignedPayload, TxExtension, UncheckedExtrinsic, VERSION,
};
use sp_blockchain::HeaderBackend;
use sp_core::sr25519;
use sp_keystore::KeystorePtr;
use sp_runtime::{generic::Era, OpaqueExtrinsic, SaturatedConversion};

use super::KEY_TYPE;
use crate::service::FullClient;

/// Blocks a verifier transaction stays valid for.
const MORTALITY: u64 = 64;

/// `call` signed by the keystore key `public` with `nonce`, ready for the transaction pool.
pub fn signed(
	client: &FullClient,
	keystore: &KeystorePtr,
	public: sr25519::Public,
	call: RuntimeCall,
	nonce: u32,
) -> Result<OpaqueExtrinsic, String> {
	let info = client.info();
	let genesis_hash = info.genesis_hash;
	let best_hash = info.best_hash;
	let best_number: u64 = info.best_number.saturated_into();

	let extension: TxExtension = (
		frame_system::AuthorizeCall::new(),
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::mortal(MORTALITY, best_number)),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	);
	let implicit = (
		(),
		(),
		VERSION.spec_version,
		VERSION.transaction_version,
		genesis_hash,
		best_hash,
		(),
		(),
		(),
		None,
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload
		.using_encoded(|bytes| keystore.sr25519_sign(KEY_TYPE, &public, bytes))
		.map_err(|e| format!("the keystore cannot sign: {e}"))?
		.ok_or("the verifier key is no longer in the keystore")?;
	let xt = UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::AccountId32::from(public).into(),
		Signature::Sr25519(signature),
		extension,
	);
	OpaqueExtrinsic::try_from_encoded_extrinsic(&xt.encode())
		.map_err(|e| format!("cannot encode the extrinsic: {e}"))
}
