#!/usr/bin/env python3
"""A raw chain spec for `gongyu-node benchmark storage`: the dev chain's raw spec (read from
stdin, `gongyu-node build-spec --dev --raw`) with ACCOUNTS extra accounts in its genesis
state (default 1,000,000), so that reads and writes are measured in a trie as deep as a
grown chain's. Each account holds 10 GYU; keys and values are System::Account's layout.

    gongyu-node build-spec --dev --raw | python3 scripts/storage-bench-state.py 1000000 > spec.json
"""
import hashlib
import json
import sys

# twox128("System") ++ twox128("Account")
ACCOUNT_PREFIX = "0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9"


def account_info(free: int) -> str:
    """A SCALE-encoded AccountInfo: nonce, consumers, providers (1), sufficients, then
    AccountData's free, reserved, frozen and flags (the new-logic bit set)."""
    counters = (0).to_bytes(4, "little") * 2 + (1).to_bytes(4, "little") + (0).to_bytes(4, "little")
    data = free.to_bytes(16, "little") + bytes(16) + bytes(16) + bytes(15) + b"\x80"
    return "0x" + (counters + data).hex()


def main() -> None:
    accounts = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    spec = json.load(sys.stdin)
    top = spec["genesis"]["raw"]["top"]
    value = account_info(10 * 10**12)
    for index in range(accounts):
        public = hashlib.blake2b(index.to_bytes(8, "little"), digest_size=32).digest()
        key = ACCOUNT_PREFIX + hashlib.blake2b(public, digest_size=16).hexdigest() + public.hex()
        top[key] = value
    spec["id"] = "gongyu_storage_bench"
    json.dump(spec, sys.stdout)


if __name__ == "__main__":
    main()
