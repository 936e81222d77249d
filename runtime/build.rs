//! Builds the wasm runtime blob (included by the native crate as `WASM_BINARY`).

fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
