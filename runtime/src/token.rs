// The token as wallets show it. One file for the runtime (`lib.rs`), the chain properties
// the node writes into chain specs, and the metadata hash that `build.rs` computes: a
// hardware wallet checks all three agree. Kept free of imports so `build.rs` can
// `include!` it.

/// The token symbol shown by wallets.
pub const TOKEN_SYMBOL: &str = "GYU";
/// The number of decimals of [`TOKEN_SYMBOL`].
pub const TOKEN_DECIMALS: u8 = 12;
