//! Configuration of every pallet in the runtime, one module per domain.

mod consensus;
mod contributions;
pub mod governance;
mod models;
mod monetary;
mod system;

pub use consensus::*;
pub use contributions::*;
pub use models::*;
pub use monetary::*;
pub use system::*;
