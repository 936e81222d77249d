# Sourced by the scripts that run end-to-end code outside the test command (bench-tps.sh,
# bench-verify.sh, test-long.sh): installs what is missing, builds gongyu-node, loads the
# environment and enters tests/e2e.
here="$(dirname "${BASH_SOURCE[0]}")"
bash "$here/setup.sh"
bash "$here/build.sh"
. "$here/env.sh"
cd "$GONGYU_ROOT/tests/e2e"
