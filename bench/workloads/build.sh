#!/usr/bin/env bash
# Builds the benchmark workloads: each C program in src/ with gcc -O2 to a native binary and with
# clang -O2 to wasm32-wasi, and SQLite's speedtest1 from Debian's sqlite3 source package.
#
#   build.sh [--native] [--wasm] [--sqlite] [--out DIR]
#
#   --native   src/*.c -> DIR/native/NAME                    (gcc -O2)
#   --wasm     src/*.c -> wasm/NAME.wasm, the committed files (clang -O2, wasm32-wasi); the SIMD
#              kernels also -> wasm/NAME-scalar.wasm (NAME.wasm is built with -msimd128)
#   --sqlite   speedtest1 -> DIR/native/speedtest1 and DIR/wasm/speedtest1.wasm (over 1 MB, so
#              built here rather than committed); needs `apt-get source` (deb-src entries)
#   DIR        defaults to ../build (bench/build), which git ignores
#
# With no step named, builds --native and --sqlite. Tools: gcc, clang-14 + lld-14 + wasi-libc +
# libclang-rt-14-dev-wasm32 (Debian 12), and for --sqlite dpkg-dev and tclsh. bench/run installs
# them. Override the compilers with CC and WASM_CC.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../build"
steps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --native | --wasm | --sqlite) steps+=("${1#--}") ;;
    --out) out="$2"; shift ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ ${#steps[@]} -gt 0 ] || steps=(native sqlite)
mkdir -p "$out"
out="$(cd "$out" && pwd)"

CC="${CC:-gcc}"
WASM_CC="${WASM_CC:-clang-14}"
NATIVE_FLAGS=(-O2)
WASM_TARGET=(--target=wasm32-wasi)
# Debian's wasi-libc installs into the compiler's default sysroot; other layouts keep one here.
if [ -d /usr/share/wasi-sysroot ]; then
  WASM_TARGET+=(--sysroot=/usr/share/wasi-sysroot)
fi
WASM_LINK_FLAGS=(-Wl,-z,stack-size=1048576 -Wl,--strip-debug)

# wasm_cc OUTPUT SOURCE...: clang -O2 to wasm32-wasi, with COMPILE_FLAGS. Compiling and linking
# are separate steps because clang's driver runs binaryen's wasm-opt after linking whenever an -O
# flag is given and wasm-opt is on the PATH: the .wasm would then depend on what else is
# installed. Linking without -O never runs it.
wasm_cc() {
  local output="$1"
  shift
  local scratch source
  scratch="$(mktemp -d)"
  local objects=()
  for source in "$@"; do
    objects+=("$scratch/$(basename "$source" .c).o")
    "$WASM_CC" "${WASM_TARGET[@]}" -O2 "${COMPILE_FLAGS[@]}" -c -o "${objects[-1]}" "$source"
  done
  "$WASM_CC" "${WASM_TARGET[@]}" "${WASM_LINK_FLAGS[@]}" -o "$output" "${objects[@]}"
  rm -rf "$scratch"
}

# The workloads, and hello (start-up time only).
WORKLOADS=(nbody spectral fannkuch sort sha256 lz interp bintrees matmul hello)

# The SIMD kernels: NAME.wasm is built with -msimd128 (clang vectorizes their loops to wasm SIMD),
# NAME-scalar.wasm from the same source without it; the native NAME-scalar is NAME's binary, so
# that both wasm builds are checked against the same output.
SIMD_WORKLOADS=(blur dot hash)

# SQLite as speedtest1 uses it: in memory only (--memdb), one thread, no extensions, temporary
# tables and sort spills in memory, and sqlite/memvfs.c as the operating-system layer (3.40 has no
# WASI port). The native build uses the same flags and files, so both do the same work.
SQLITE_FLAGS=(-DSQLITE_OS_OTHER=1 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION
  -DSQLITE_TEMP_STORE=3 -DSQLITE_DEFAULT_MEMSTATUS=0 -DSQLITE_OMIT_WAL -DSQLITE_OMIT_SHARED_CACHE
  -DSQLITE_OMIT_DEPRECATED)

build_native() {
  mkdir -p "$out/native"
  for name in "${WORKLOADS[@]}"; do
    if [ ! "$out/native/$name" -nt "$here/src/$name.c" ] || [ "$here/src/bench.h" -nt "$out/native/$name" ]; then
      echo "native: $name" >&2
      "$CC" "${NATIVE_FLAGS[@]}" -Wall -o "$out/native/$name" "$here/src/$name.c" -lm
    fi
  done
  for name in "${SIMD_WORKLOADS[@]}"; do
    if [ ! "$out/native/$name" -nt "$here/src/$name.c" ] || [ "$here/src/bench.h" -nt "$out/native/$name" ]; then
      echo "native: $name" >&2
      "$CC" "${NATIVE_FLAGS[@]}" -Wall -o "$out/native/$name" "$here/src/$name.c" -lm
    fi
    cp "$out/native/$name" "$out/native/$name-scalar"
  done
}

build_wasm() {
  mkdir -p "$here/wasm"
  for name in "${WORKLOADS[@]}"; do
    echo "wasm: $name" >&2
    COMPILE_FLAGS=(-Wall)
    wasm_cc "$here/wasm/$name.wasm" "$here/src/$name.c"
  done
  for name in "${SIMD_WORKLOADS[@]}"; do
    echo "wasm: $name (-msimd128) and $name-scalar" >&2
    COMPILE_FLAGS=(-Wall -msimd128)
    wasm_cc "$here/wasm/$name.wasm" "$here/src/$name.c"
    COMPILE_FLAGS=(-Wall)
    wasm_cc "$here/wasm/$name-scalar.wasm" "$here/src/$name.c"
  done
  chmod 644 "$here"/wasm/*.wasm
  # Which compiler made the committed files, for docs/performance.md.
  "$WASM_CC" --version | head -1 > "$here/wasm/COMPILER"
}

# Debian's sqlite3 source with its patches applied, and the amalgamation (sqlite3.c) made from it.
fetch_sqlite() {
  local dir="$out/sqlite"
  if [ -f "$dir/amalgamation/sqlite3.c" ]; then
    return 0
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "sqlite: apt-get source sqlite3" >&2
  if ! (cd "$dir" && apt-get source -qq sqlite3 >/dev/null 2>"$dir/apt-get.log"); then
    cat "$dir/apt-get.log" >&2
    echo "build.sh: 'apt-get source sqlite3' failed: it needs deb-src entries in the apt sources (bench/run adds them)" >&2
    exit 1
  fi
  local source
  source="$(find "$dir" -maxdepth 1 -type d -name 'sqlite3-*' | head -1)"
  basename "$(ls "$dir"/sqlite3_*.dsc)" .dsc > "$dir/VERSION"
  mkdir -p "$dir/amalgamation"
  echo "sqlite: making the amalgamation" >&2
  (cd "$dir/amalgamation" && "$source/configure" --disable-tcl >/dev/null && make sqlite3.c >/dev/null)
  cp "$source/test/speedtest1.c" "$dir/amalgamation/"
}

build_sqlite() {
  fetch_sqlite
  local src="$out/sqlite/amalgamation"
  mkdir -p "$out/native" "$out/wasm"
  if [ ! -f "$out/native/speedtest1" ] || [ "$here/sqlite/memvfs.c" -nt "$out/native/speedtest1" ]; then
    echo "native: speedtest1 (a minute or two)" >&2
    "$CC" "${NATIVE_FLAGS[@]}" "${SQLITE_FLAGS[@]}" -I"$src" -o "$out/native/speedtest1" \
      "$src/sqlite3.c" "$here/sqlite/memvfs.c" "$src/speedtest1.c" -lm
  fi
  if [ ! -f "$out/wasm/speedtest1.wasm" ] || [ "$here/sqlite/memvfs.c" -nt "$out/wasm/speedtest1.wasm" ]; then
    echo "wasm: speedtest1 (a minute or two)" >&2
    COMPILE_FLAGS=("${SQLITE_FLAGS[@]}" -I"$src")
    wasm_cc "$out/wasm/speedtest1.wasm" \
      "$src/sqlite3.c" "$here/sqlite/memvfs.c" "$src/speedtest1.c"
  fi
}

for step in "${steps[@]}"; do
  "build_$step"
done
