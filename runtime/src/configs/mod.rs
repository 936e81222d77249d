//! Configuration of every pallet in the runtime, one module per domain.

mod consensus;
mod monetary;
mod system;

pub use consensus::*;
pub use monetary::*;
pub use system::*;
