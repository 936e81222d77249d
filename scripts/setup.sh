#!/usr/bin/env bash
# Installs everything a fresh Debian 12 machine needs to build, run and test Gongyu:
#   - Debian's current Rust (rustc-web, cargo-web, rust-web-src, rust-web-clippy) and the wasm linker,
#   - a wasm32v1-none standard library built once from Debian's library source,
#   - the C/C++ tools the Substrate client needs (protoc for litep2p, g++ for wasm-opt, OpenSSL),
#   - the Node.js packages of scripts/js (the toolkit) and tests/e2e (the end-to-end tests),
#     and Debian's Chromium.
# Idempotent: on a machine where everything is present it only checks and returns.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

log() { printf '[setup] %s\n' "$*" >&2; }

APT_PACKAGES=(rustc-web cargo-web rust-web-src rust-web-clippy protobuf-compiler g++ make
  pkg-config libssl-dev git curl ca-certificates)

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || echo "$pkg"
  done
}

apt_install() {
  local -a need
  mapfile -t need < <(missing_packages "$@")
  [ ${#need[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${need[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "${GONGYU_APT_UPDATED:-}" ]; then
    $sudo apt-get update -q
    GONGYU_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
}

# 1. Compilers and native build dependencies.
apt_install "${APT_PACKAGES[@]}"

# 2. The wasm linker: rustc calls `rust-lld`; Debian ships it as lld-<LLVM major>.
llvm_major="$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')"
apt_install "lld-$llvm_major"
mkdir -p "$GONGYU_TOOLS"
lld_bin="/usr/lib/llvm-$llvm_major/bin/lld"
if [ "$(readlink -f "$GONGYU_TOOLS/rust-lld" 2>/dev/null)" != "$(readlink -f "$lld_bin")" ]; then
  log "linking rust-lld -> $lld_bin"
  ln -sf "$lld_bin" "$GONGYU_TOOLS/rust-lld"
fi

# 3. A wasm32v1-none standard library for this exact rustc (core, alloc, compiler_builtins),
#    installed where `rustup target add` would put it.
sysroot="$(rustc --print sysroot)"
wasm_lib="$sysroot/lib/rustlib/wasm32v1-none/lib"
stamp="$wasm_lib/.gongyu-rustc-stamp"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(rustc -vV)" ]; then
  log "building the wasm32v1-none standard library from Debian's library source"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/src"
  cat > "$work/Cargo.toml" <<'TOML'
[package]
name = "wasm-sysroot"
version = "0.0.0"
edition = "2021"

[lib]
path = "src/lib.rs"

[profile.release]
panic = "abort"
TOML
  printf '#![no_std]\nextern crate alloc;\n' > "$work/src/lib.rs"
  (cd "$work" && CARGO_TARGET_DIR="$work/target" RUSTC_BOOTSTRAP=1 \
    RUSTFLAGS="-C embed-bitcode=yes" cargo build -q --release --target wasm32v1-none \
    -Z build-std=core,alloc)
  mkdir -p "$wasm_lib"
  rm -f "$wasm_lib"/*.rlib
  cp "$work"/target/wasm32v1-none/release/deps/{libcore,liballoc,libcompiler_builtins}-*.rlib "$wasm_lib/"
  rustc -vV > "$stamp"
  # Runtime artifacts built against older rlibs would not link against the new ones.
  rm -rf "$CARGO_TARGET_DIR"/*/wbuild
fi

# 4. polkadot.js tooling and the browser the explorer tests drive.
if [ "${GONGYU_SKIP_JS:-}" != "1" ]; then
  apt_install nodejs chromium
  # The toolkit (scripts/js) and the end-to-end test package (tests/e2e), each from its
  # lockfile; install scripts stay off (no package here needs one to run).
  for package in scripts/js tests/e2e; do
    dir="$GONGYU_ROOT/$package"
    if [ ! -d "$dir/node_modules" ] ||
       [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      log "installing $package packages (npm ci)"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error --ignore-scripts)
    fi
  done
fi

log "toolchain ready: $(rustc -V), $(cargo -V)"
