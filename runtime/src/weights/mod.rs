//! Weights of the FRAME pallets, transaction extensions, blocks and extrinsics of this
//! runtime, each measured on it by `bash scripts/benchmark.sh <name>` (Gongyu's own pallets
//! keep their weights in their crates). Storage reads and writes are priced by the runtime's
//! `DbWeight`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_membership;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_utility;
