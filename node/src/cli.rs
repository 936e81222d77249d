//! Command-line interface of `gongyu-node`.

/// Everything `gongyu-node` accepts: a subcommand, or the options of a running node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of a running node (`--dev`, `--chain`, `--validator`, ports, ...).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// Options of the verifier service.
	#[clap(flatten)]
	pub verifier: VerifierCli,

	/// This is a test network: start a chain other than `--dev` even though its genesis
	/// gives roles to well-known dev keys (as `--chain local` does), which anyone can sign
	/// with. Without it such a chain is refused.
	#[arg(long)]
	pub allow_dev_keys: bool,
}

/// `--verifier` and its options.
#[derive(Debug, Clone, clap::Args)]
pub struct VerifierCli {
	/// Run the verifier service: check every pending contribution with the verifier keys
	/// (type `gyvf`) in this node's keystore and attest on chain.
	#[arg(long)]
	pub verifier: bool,

	/// Seconds every check of a contribution gets, whatever its size; it also gets the
	/// registered size divided by `--verifier-min-throughput`.
	#[arg(long, default_value_t = 60, value_name = "SECONDS")]
	pub verifier_fetch_timeout: u64,

	/// The slowest download, in bytes per second, an honest host is expected to sustain
	/// (default 1 MiB/s): a 1 GiB contribution gets 1,024 s more than a small one.
	#[arg(long, default_value_t = 1 << 20, value_name = "BYTES_PER_SECOND")]
	pub verifier_min_throughput: u64,

	/// How often a check that could not reach the bytes is tried again before attesting
	/// `Unreachable`.
	#[arg(long, default_value_t = 2, value_name = "COUNT")]
	pub verifier_retries: u32,

	/// Serve `file://` contribution URIs from below this directory only (symbolic links
	/// may not lead out of it). Without it, `file://` URIs are attested `Unreachable`.
	/// Only development chains enable `file://` at all.
	#[arg(long, value_name = "DIR")]
	pub verifier_file_root: Option<std::path::PathBuf>,

	/// Test networks only: fetch http(s) from loopback, private, link-local and other
	/// non-global addresses. Without it such addresses are refused before and after name
	/// resolution and on every redirect.
	#[arg(long)]
	pub verifier_allow_non_global: bool,

	/// Test networks only: one non-global `IP:PORT` http(s) may reach (repeatable).
	#[arg(long, value_name = "IP:PORT")]
	pub verifier_allow_address: Vec<std::net::SocketAddr>,
	/// An evaluator for fine-tunes whose weights fit their base: a program run as
	/// `PROGRAM <artifact dir> <base weights URI>` (with `GONGYU_WEIGHTS=full|lora`,
	/// `GONGYU_BASE_ROOT` and `GONGYU_ARTIFACT_ROOT` in its environment) that prints a JSON
	/// object with a `score` from 0 to 100. A run that fails, times out or prints no such
	/// score attests 0. Without it, fine-tunes are attested `Unevaluated` and count as the
	/// chain's default score.
	#[arg(long, value_name = "PROGRAM")]
	pub verifier_evaluator: Option<std::path::PathBuf>,
	/// Seconds one evaluation may take before it is stopped (and attests 0).
	#[arg(long, default_value_t = 3600, value_name = "SECONDS")]
	pub verifier_evaluator_timeout: u64,
}

/// The subcommands of `gongyu-node`.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys into a node's keystore.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (deprecated alias of `export-chain-spec`).
	#[deprecated(note = "use `export-chain-spec`")]
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of `--chain` as JSON (`--raw` for the raw storage).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain data.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Runtime benchmarks (`benchmark pallet`, `storage`, `machine`, `block`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Runtime benchmarks: only in a node built with `--features runtime-benchmarks`
	/// (`bash scripts/benchmark.sh` builds one).
	#[cfg(not(feature = "runtime-benchmarks"))]
	Benchmark(BenchmarkNotCompiled),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Print the BLAKE3 content root of a file or directory, as contributions register it.
	Hash(crate::hash::HashCmd),
	/// Print the architecture fingerprint of the weights (`.safetensors` files) below a
	/// directory, as a model version registers it.
	Fingerprint(crate::fingerprint::FingerprintCmd),

	/// Count a carded dataset's records as verifiers will, and print the score and the bytes
	/// the chain would reward.
	Measure(crate::measure::MeasureCmd),

	/// Check the runtime's invariants (every pallet's `try_state`, issuance against balances)
	/// on the state of a chain spec, such as the output of `export-state`.
	CheckInvariants(crate::check_invariants::CheckInvariantsCmd),

	/// Generate a network of your own: fresh validator, council, verifier and node keys, the
	/// raw chain spec, and each node's base path with its keys in place.
	NewNetwork(crate::new_network::NewNetworkCmd),
}

/// What `gongyu-node benchmark ...` accepts in a node built without benchmarking: anything,
/// so that the command can say how to get a node that has it.
#[cfg(not(feature = "runtime-benchmarks"))]
#[derive(Debug, clap::Args)]
pub struct BenchmarkNotCompiled {
	/// The benchmark subcommand and its options.
	#[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
	pub args: Vec<String>,
}
