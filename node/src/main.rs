//! `gongyu-node`: the Gongyu blockchain node.

mod chain_spec;
mod cli;
mod client;
mod command;
mod hash;
mod rpc;
mod service;
mod verifier;

fn main() -> sc_cli::Result<()> {
	command::run()
}
