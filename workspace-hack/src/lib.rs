//! Gives every third-party crate one feature set in every build of the Gongyu workspace.
//!
//! This crate has no code: its manifest depends on the crates that different members (or
//! different builds of them) would otherwise compile with different features, each with the
//! union of those features. Then a build of a part of the workspace (the pallets' benchmark
//! tests, the runtime's try-runtime check) reuses what the node's build compiled instead of
//! compiling those crates and everything above them again. See README.md beside this file.
