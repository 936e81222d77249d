//! The client types: which runtime the node executes, with which host functions, over which
//! backend. Their own module so that the service and the verifier both depend on it rather
//! than on each other.

use gongyu_runtime::{apis::RuntimeApi, opaque::Block};

/// The client type: the wasm runtime executed with Substrate's host functions.
pub type FullClient =
	sc_service::TFullClient<Block, RuntimeApi, sc_executor::WasmExecutor<HostFunctions>>;
/// The database backend.
pub type FullBackend = sc_service::TFullBackend<Block>;
/// Chain selection: the longest chain (GRANDPA finalizes).
pub type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;

/// Host functions the runtime may call (plus the benchmarking ones when benchmarking).
#[cfg(not(feature = "runtime-benchmarks"))]
pub type HostFunctions = sp_io::SubstrateHostFunctions;
/// Host functions the runtime may call (plus the benchmarking ones when benchmarking).
#[cfg(feature = "runtime-benchmarks")]
pub type HostFunctions = (
	sp_io::SubstrateHostFunctions,
	frame_benchmarking::benchmarking::HostFunctions,
);
