//! `gongyu-node`: the Gongyu blockchain node.

// The Substrate client's error types (`sc_cli::Error`, `sc_service::Error`) are large, and
// every command returns them.
#![allow(clippy::result_large_err)]

mod admission;
mod architecture;
mod chain_spec;
mod check_invariants;
mod cli;
mod client;
mod command;
mod content;
mod dataset;
mod fingerprint;
mod hash;
mod measure;
mod new_network;
mod rpc;
mod service;
mod verifier;

fn main() -> sc_cli::Result<()> {
	command::run()
}
