#!/usr/bin/env bash
# Rebuilds the WASI test corpus: wasi/src/test/c/*.c and wasi/src/test/rust/*.rs to wasm32-wasi,
# -O2 and stripped, into resources/corpus/ (or the directory given as $1).
#
# Needs Debian's toolchains (bookworm):
#   apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 rustc libstd-rust-dev-wasm32
# The output is byte-for-byte reproducible for a given toolchain: sources are compiled from their
# own directory under fixed relative names, paths are remapped, names and custom sections are
# stripped. resources/corpus/TOOLCHAIN records the versions the committed copies were built with;
# CorpusFreshnessTest rebuilds with this script and compares bytes when the same versions are here.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/resources/corpus}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

CLANG="${CLANG:-clang-14}"
RUSTC="${RUSTC:-/usr/bin/rustc}"

toolchain() {
  echo "clang: $("$CLANG" --version | head -1)"
  echo "wasi-libc: $(dpkg-query -W -f '${Version}' wasi-libc 2>/dev/null || echo unknown)"
  echo "rustc: $("$RUSTC" --version)"
  # clang runs binaryen's wasm-opt on its output when one is on PATH, so it is part of the toolchain.
  echo "wasm-opt: $(wasm-opt --version 2>/dev/null || echo none)"
}

cd "$here/c"
for src in *.c; do
  name="${src%.c}"
  "$CLANG" --target=wasm32-wasi -O2 -Wall -Werror -ffile-prefix-map="$here"=. \
    -Wl,--strip-all -o "$out/$name.wasm" "$src"
done

cd "$here/rust"
for src in *.rs; do
  name="${src%.rs}"
  "$RUSTC" --target wasm32-wasi -O -C codegen-units=1 -C strip=symbols \
    --remap-path-prefix="$here"=. -o "$out/$name.wasm" "$src"
done

toolchain >"$out/TOOLCHAIN"
echo "built $(ls "$out"/*.wasm | wc -l) programs into $out"
