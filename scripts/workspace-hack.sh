#!/usr/bin/env bash
# Regenerates workspace-hack/Cargo.toml, the crate that gives every third-party crate the
# same features in every build of this workspace (see workspace-hack/README.md).
#   bash scripts/workspace-hack.sh          rewrite workspace-hack/Cargo.toml
#   bash scripts/workspace-hack.sh --check  exit 1 if it is out of date
# Run it after adding, removing or changing a dependency.
#
# It runs `cargo hakari generate` (installed with `cargo install cargo-hakari --locked` if
# missing) on a copy of the workspace whose members have no `runtime-benchmarks` or
# `try-runtime` feature: hakari unifies every member built with all its features, and those
# two must stay out of the node's build. The copy also drops the optional dependencies only
# those features enable (frame-benchmarking, frame-benchmarking-cli, frame-try-runtime, ...),
# and leaves out of the output every third-party crate that has either feature.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
. "$here/env.sh"
cd "$GONGYU_ROOT"

check=false
[ "${1:-}" = "--check" ] && check=true

# hakari runs on the toolchain cargo's own metadata; rustup's cargo installs it.
export PATH="$PATH:${CARGO_HOME:-$HOME/.cargo}/bin"
if ! command -v cargo-hakari >/dev/null; then
  echo "[workspace-hack] installing cargo-hakari" >&2
  cargo install cargo-hakari --locked --version 0.9.39
fi

copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$copy"

python3 - "$copy" <<'PY'
"""Strips the benchmark and try-runtime features, and the optional dependencies only they
enable, from every member manifest of the workspace copy given as argument."""
import pathlib, re, sys, tomllib

root = pathlib.Path(sys.argv[1])
checks_only = {"runtime-benchmarks", "try-runtime"}
members = [root / "node", root / "runtime", *sorted((root / "pallets").iterdir())]

for member in members:
    path = member / "Cargo.toml"
    manifest = tomllib.loads(path.read_text())
    features = manifest.get("features", {})
    optional = {
        name
        for table in ("dependencies", "build-dependencies")
        for name, spec in manifest.get(table, {}).items()
        if isinstance(spec, dict) and spec.get("optional")
    }

    def enables(entry, dep):
        return entry in (dep, f"dep:{dep}") or entry.startswith(f"{dep}/")

    dropped = {
        dep
        for dep in optional
        if any(enables(e, dep) for name in checks_only for e in features.get(name, []))
        and not any(
            enables(e, dep) for name, entries in features.items() if name not in checks_only
            for e in entries
        )
    }

    lines, out, skipping = path.read_text().splitlines(), [], False
    for line in lines:
        if skipping:
            skipping = not line.strip().startswith("]")
            continue
        key = line.split("=", 1)[0].strip()
        if key in checks_only and line.lstrip() == line:
            skipping = not line.rstrip().endswith("]")
            continue
        if key in dropped and "optional" in line:
            continue
        if any(re.search(rf'"(dep:)?{re.escape(dep)}\??(/|")', line) for dep in dropped):
            continue
        out.append(line)
    path.write_text("\n".join(out) + "\n")
PY

# Third-party crates with either feature (FRAME, its pallets, sp-runtime) stay out of the
# hack: in it they would join builds that enable the feature on some crates and not on them
# (a pallet's own `--features runtime-benchmarks` test would then fail to compile).
cargo metadata --format-version 1 --manifest-path "$copy/Cargo.toml" | python3 -c '
import json, sys
gated = sorted({p["name"] for p in json.load(sys.stdin)["packages"]
                if p["source"] and {"runtime-benchmarks", "try-runtime"} & set(p["features"])})
print("[final-excludes]")
print("third-party = [" + ", ".join("{ name = \"%s\" }" % name for name in gated) + "]")
' >> "$copy/.config/hakari.toml"

(cd "$copy" && cargo hakari generate --quiet)

if $check; then
  if ! diff -u workspace-hack/Cargo.toml "$copy/workspace-hack/Cargo.toml"; then
    echo "[workspace-hack] out of date: run bash scripts/workspace-hack.sh" >&2
    exit 1
  fi
  echo "[workspace-hack] up to date" >&2
else
  cp "$copy/workspace-hack/Cargo.toml" workspace-hack/Cargo.toml
  echo "[workspace-hack] wrote workspace-hack/Cargo.toml" >&2
fi
