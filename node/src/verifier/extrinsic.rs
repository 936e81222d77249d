//! Signed `contributions.attest` extrinsics, built natively and signed with a keystore key.

use codec::Encode;
use gongyu_runtime::{RuntimeCall, Signature, SignedPayload, UncheckedExtrinsic};
use sp_blockchain::HeaderBackend;
use sp_core::sr25519;
use sp_keystore::KeystorePtr;
use sp_runtime::{generic::Era, OpaqueExtrinsic, SaturatedConversion};

use super::KEY_TYPE;
use crate::client::FullClient;

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

	let extension = gongyu_runtime::tx_extension(nonce, Era::mortal(MORTALITY, best_number), 0);
	let implicit = gongyu_runtime::tx_extension_implicit(genesis_hash, best_hash);
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
