//! The runtime-level tests, one test binary: each module is a suite of its own, and they share
//! `support` (a chain from a genesis preset of the real runtime). One binary links the
//! runtime once, where a binary per suite linked it once per suite.
//!
//! - [`full_path`]: council, submission, attestation and payment on the `dev` preset;
//! - [`fuzz`]: fuzzed invariants (`scripts/fuzz.sh` is the long run);
//! - [`governance_decisions`]: the table of who decides what against the runtime's origins;
//! - [`supply`]: total issuance changes only by governance's minting;
//! - [`unvested`]: an unvested reward under a hold is still clawed back.
//!
//! One suite: `cargo test --release -p gongyu-runtime --test integration fuzz::`.

#[path = "../support/mod.rs"]
mod support;

mod full_path;
mod fuzz;
mod governance_decisions;
mod supply;
mod unvested;
