//! Configuration of every pallet in the runtime, one module per domain.

mod consensus;
mod contributions;
mod disputes;
pub mod governance;
mod models;
mod monetary;
mod system;

pub use consensus::*;
pub use contributions::*;
pub use disputes::*;
pub use models::*;
pub use monetary::*;
pub use system::*;
