//! Builds the wasm runtime blob (included by the native crate as `WASM_BINARY`).
//!
//! With the `metadata-hash` feature (which the node enables) the blob carries the hash of its
//! own metadata, so `CheckMetadataHash` mode 1 works: hardware wallets and metadata-proof
//! signers (polkadot-api's `withMetadataHash`) sign over it. The symbol and decimals come
//! from `src/token.rs`, the file the runtime and the chain properties use too.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
include!("src/token.rs");

fn main() {
	#[cfg(all(feature = "std", feature = "metadata-hash"))]
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(TOKEN_SYMBOL, TOKEN_DECIMALS)
		.build();

	#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
