//! Configuration of every pallet in the runtime, one module per domain.

mod consensus;
mod contributions;
pub mod governance;
mod monetary;
mod system;

pub use consensus::*;
pub use contributions::*;
pub use monetary::*;
pub use system::*;
