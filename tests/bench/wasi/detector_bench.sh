#!/usr/bin/env bash
# examples/detector_bench.rs compiled as the page's scan workers are (wasm32, the `wasm-release`
# profile, simd128, no default features) and run under Node's WASI: what reading and detecting
# cost in wasm, natively measurable and without a browser. Not part of .ci/bench: a tool for
# changes aimed at the scan workers (docs/benchmarks.md, session 28).
#
#   tests/bench/wasi/detector_bench.sh DIR [ROUNDS] [COUNT]
#   OPT_LEVEL=3 tests/bench/wasi/detector_bench.sh DIR   (the same at another opt-level)
#   NATIVE=1 tests/bench/wasi/detector_bench.sh DIR      (the same files natively, to compare)
#
# The first COUNT files of DIR (500 by default: the example holds every file and its data set
# in memory) are read, leaving out those in a multi-byte CJK character set: in wasm32 their index
# tables come from the browser's TextDecoder (vendor/encoding-index-browser), which WASI lacks.
set -euo pipefail
cd "$(dirname "$0")/../../.."
dir=${1:?usage: tests/bench/wasi/detector_bench.sh DIR [ROUNDS] [COUNT]}
rounds=${2:-5}
count=${3:-500}
picked=$(mktemp -d)
trap 'rm -rf "$picked"' EXIT
python3 - "$dir" "$picked" "$count" <<'PY'
import os, sys
import pydicom
src, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
# The defined terms whose decoding needs a CJK index: ISO 2022 IR 87, 159, 149 and 58,
# GB18030 and GBK.
MULTI_BYTE = ("IR 87", "IR 159", "IR 149", "IR 58", "GB18030", "GBK")
kept = 0
for name in sorted(os.listdir(src)):
    if kept == count:
        break
    path = os.path.realpath(os.path.join(src, name))
    try:
        charset = pydicom.dcmread(path, stop_before_pixels=True, specific_tags=["SpecificCharacterSet"]).get("SpecificCharacterSet", "")
    except Exception:
        continue
    names = [charset] if isinstance(charset, str) else list(charset)
    if any(part.endswith(MULTI_BYTE) for part in names if part):
        continue
    os.symlink(path, os.path.join(out, name))
    kept += 1
print(f"wasi bench: {kept} files", file=sys.stderr)
PY
if [ -n "${NATIVE:-}" ]; then
  cargo run --release --quiet --example detector_bench -- "$picked" "$rounds"
  exit
fi
rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1
target_dir=${CARGO_TARGET_DIR:-$PWD/target}/wasi-bench
CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=${OPT_LEVEL:-z} \
CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="-Ctarget-feature=+simd128" \
  cargo build --quiet --example detector_bench --target wasm32-wasip1 --profile wasm-release \
  --no-default-features --target-dir "$target_dir"
node --no-warnings --max-old-space-size=4096 tests/bench/wasi/run.mjs \
  "$target_dir/wasm32-wasip1/wasm-release/examples/detector_bench.wasm" "$picked" "$rounds"
