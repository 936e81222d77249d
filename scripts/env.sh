# shellcheck shell=bash
# Environment shared by every Gongyu script: Debian's Rust toolchain first on PATH (so the
# node and the wasm runtime are built by one compiler), the wasm linker shim, and one
# cargo target directory outside the checkout that all builds share.
#
# Source it: `. scripts/env.sh`. It changes nothing on disk.

GONGYU_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export GONGYU_ROOT

# Where setup.sh puts small tool shims (rust-lld).
export GONGYU_TOOLS="${GONGYU_TOOLS:-/usr/local/lib/gongyu-toolchain/bin}"

# Debian's rustc-web / cargo-web live in /usr/bin; put them before rustup's proxies.
export PATH="$GONGYU_TOOLS:/usr/bin:$PATH"
export CARGO=/usr/bin/cargo
export RUSTC=/usr/bin/rustc

# Link litep2p's WebRTC stack against Debian's OpenSSL (libssl-dev, installed by setup.sh)
# instead of compiling OpenSSL from source: four minutes less of every cold build.
export OPENSSL_NO_VENDOR=1

# The benchmark build's frame-benchmarking-cli carries a test runtime for `benchmark storage
# --mode validate-block` (parachains only). Gongyu does not use that mode, and that runtime's
# wasm build cannot find its package in this workspace's metadata: skip it.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1

# One build directory for every build of this project, outside the checkout, so that a
# fresh clone (and CI) starts warm when this machine has built before.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gongyu/target}"

# The target directory is outside the workspace: tell the wasm builder where Cargo.lock is,
# so the runtime blob is built with the locked versions.
export WASM_BUILD_WORKSPACE_HINT="$GONGYU_ROOT"

# The release binary every script and test runs.
export GONGYU_NODE="${GONGYU_NODE:-$CARGO_TARGET_DIR/release/gongyu-node}"

# Clippy lints the workspace's own crates while they compile: Debian's clippy-driver (the
# same compiler version as rustc-web) wraps rustc for workspace members only, so the lints
# cost no separate `cargo clippy` pass over every dependency. The workspace's `[lints]` in
# Cargo.toml decide what fails the build.
if [ -z "${RUSTC_WORKSPACE_WRAPPER+set}" ] && [ -x /usr/bin/clippy-driver ]; then
  export RUSTC_WORKSPACE_WRAPPER=/usr/bin/clippy-driver
fi
