//! Dispatches the command line to the node or to a subcommand.

#[cfg(feature = "runtime-benchmarks")]
use frame_benchmarking_cli::BenchmarkCmd;
use gongyu_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};

/// What the node says when no chain was named.
const NO_CHAIN_NAMED: &str = "name the chain to run: `--dev` for a development chain, \
	`--chain local --allow-dev-keys` for the four-validator test network, or `--chain <spec.json>` for a real \
	network (see docs/operators.md)";

/// The only web origin whose pages may read the node's HTTP RPC answers unless
/// `--rpc-cors` names others: polkadot.js apps. (Origins are matched exactly; WebSocket
/// clients such as the explorer are not subject to CORS.)
const DEFAULT_ORIGINS: [&str; 1] = ["https://polkadot.js.org"];

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Gongyu Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/gongyu-chain/gongyu/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		Ok(match id {
			"dev" => Box::new(chain_spec::development_chain_spec()?),
			"local" => Box::new(chain_spec::local_chain_spec()?),
			// No default: `local` runs on well-known dev keys, so starting it by accident
			// next to a real network would be a node anyone can sign for.
			"" => return Err(NO_CHAIN_NAMED.into()),
			path => Box::new(
				chain_spec::ChainSpec::from_json_file(std::path::PathBuf::from(path)).map_err(
					|e| {
						format!(
						"`--chain {path}` is neither `dev`, `local` nor a readable chain spec file: {e}"
					)
					},
				)?,
			),
		})
	}
}

/// Parses the command line and runs what it asks for.
pub fn run() -> sc_cli::Result<()> {
	let mut cli = Cli::from_args();
	// Pages on other sites may not read this node's HTTP RPC answers unless `--rpc-cors`
	// says so, on development chains too (where Substrate would allow every origin).
	cli.run
		.rpc_params
		.rpc_cors
		.get_or_insert_with(|| sc_cli::Cors::List(DEFAULT_ORIGINS.map(String::from).to_vec()));

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		#[allow(deprecated)]
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		}
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		}
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents {
					client,
					task_manager,
					import_queue,
					..
				} = service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents {
					client,
					task_manager,
					..
				} = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents {
					client,
					task_manager,
					..
				} = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents {
					client,
					task_manager,
					import_queue,
					..
				} = service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents {
					client,
					task_manager,
					backend,
					..
				} = service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		}
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| run_benchmark(cmd, config))
		}
		#[cfg(not(feature = "runtime-benchmarks"))]
		Some(Subcommand::Benchmark(_)) => Err(BENCHMARKS_NOT_COMPILED.into()),
		Some(Subcommand::Hash(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		Some(Subcommand::Fingerprint(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		Some(Subcommand::Measure(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		Some(Subcommand::NewNetwork(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		Some(Subcommand::CheckInvariants(cmd)) => cmd.run(&cli).map_err(sc_cli::Error::Input),
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			if !cli.allow_dev_keys {
				chain_spec::refuse_dev_keys(&*runner.config().chain_spec)
					.map_err(sc_cli::Error::Input)?;
			}
			let verifier = if cli.verifier.verifier {
				Some(crate::verifier::config(&cli.verifier).map_err(sc_cli::Error::Input)?)
			} else {
				None
			};
			runner.run_node_until_exit(|config| async move {
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							Block,
							<Block as sp_runtime::traits::Block>::Hash,
						>,
					>(config, verifier)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, verifier)
							.map_err(sc_cli::Error::Service)
					}
				}
			})
		}
	}
}

/// Why `gongyu-node benchmark` fails in a node built without benchmarking, and what to do.
#[cfg(not(feature = "runtime-benchmarks"))]
const BENCHMARKS_NOT_COMPILED: &str = "this gongyu-node was built without benchmarking; build \
	one with `bash scripts/build.sh --features runtime-benchmarks` (or run \
	`bash scripts/benchmark.sh`, which builds it and regenerates the weights)";

/// Runs `gongyu-node benchmark ...`.
#[cfg(feature = "runtime-benchmarks")]
fn run_benchmark(cmd: &BenchmarkCmd, config: sc_service::Configuration) -> sc_cli::Result<()> {
	match cmd {
		BenchmarkCmd::Pallet(cmd) => cmd
			.run_with_spec::<sp_runtime::traits::HashingFor<Block>, crate::client::HostFunctions>(
				Some(config.chain_spec),
			),
		BenchmarkCmd::Storage(cmd) => {
			let PartialComponents {
				client, backend, ..
			} = service::new_partial(&config)?;
			let db = backend.expose_db();
			let storage = backend.expose_storage();
			let shared_trie_cache = backend.expose_shared_trie_cache();
			cmd.run(config, client, db, storage, shared_trie_cache)
		}
		BenchmarkCmd::Machine(cmd) => cmd.run(
			&config,
			frame_benchmarking_cli::SUBSTRATE_REFERENCE_HARDWARE.clone(),
		),
		BenchmarkCmd::Block(cmd) => {
			let PartialComponents { client, .. } = service::new_partial(&config)?;
			cmd.run(client)
		}
		BenchmarkCmd::Overhead(cmd) => cmd
			.run_with_default_builder_and_spec::<Block, crate::client::HostFunctions>(Some(
				config.chain_spec,
			)),
		BenchmarkCmd::Extrinsic(_) => Err(
			"`benchmark extrinsic` is not supported by gongyu-node; use `benchmark pallet`.".into(),
		),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn no_chain_is_started_unless_one_is_named() {
		let cli = <Cli as clap::Parser>::parse_from(["gongyu-node"]);
		let error = cli.load_spec("").err().unwrap_or_default();
		assert_eq!(error, NO_CHAIN_NAMED);
		assert!(cli.load_spec("dev").is_ok());
		assert!(cli.load_spec("local").is_ok());
		let missing = cli
			.load_spec("/nonexistent/spec.json")
			.err()
			.unwrap_or_default();
		assert!(missing.contains("neither `dev`, `local` nor a readable chain spec file"));
	}
}
