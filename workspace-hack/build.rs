//! A build script, so that cargo resolves the `[build-dependencies]` this crate unifies.

fn main() {}
