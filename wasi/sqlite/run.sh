#!/usr/bin/env bash
# wasi/sqlite/run.sh: SQLite's command-line shell, built from Debian's sqlite3 source package to
# wasm32-wasi (clang-14, wasi-libc), run on Cortado against a database file in a preopened
# directory. Fails loudly on any difference.
#
#   wasi/sqlite/run.sh                  build (cached in wasi/sqlite/build/) and check
#   wasi/sqlite/run.sh --runtime CMD    run the guest with CMD instead of "./cortado run", e.g.
#                                       --runtime "wasmtime run" (CMD gets wasmtime's options)
#   wasi/sqlite/run.sh --build-only     only build wasi/sqlite/build/sqlite3.wasm
#
# The check: four runs of the shell, each a new process, on one database in a directory granted
# as /data (`--dir build/run/wasi::/data`), SQL on stdin (sql/*.sql). Run 1 creates tables,
# inserts a few thousand rows in a transaction, queries with joins and aggregates and writes a CSV
# report with .output; run 2 reopens the file, hits a constraint error, updates, imports the
# report, VACUUMs; run 3 checks what persisted; run 4 gets the directory read-only (--dir-ro) and
# reads the database, whose write SQLite refuses. Each run's stdout, stderr and exit code must equal
# expected/*.txt. Where a native sqlite3 is installed, the same SQL runs natively and must print
# the same, and the native shell must find the guest's database intact and equal (`.dump`) to its
# own. The directory must hold nothing else afterwards (no journal, lock or temporary file left).
#
# Tools: clang-14, lld-14, wasi-libc, libclang-rt-14-dev-wasm32, tcl, dpkg-dev, xz-utils, sqlite3,
# and deb-src entries for `apt-get source sqlite3`. As root it installs what is missing and adds
# the deb-src entries; SQLITE_WASI_NO_INSTALL=1 stops that. Under CI=true a missing native sqlite3
# fails the check instead of skipping the native comparison.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$here/build"
runtime=("$root/cortado" run)
build_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --runtime) read -r -a runtime <<< "$2"; shift ;;
    --build-only) build_only=true ;;
    -h | --help) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "sqlite-wasi: $*" >&2; }
die() { echo "sqlite-wasi: FAILED: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

# --- tools ---------------------------------------------------------------------------------------
apt_updated=false
apt_install() {
  if [ "${SQLITE_WASI_NO_INSTALL:-}" = 1 ] || [ "$(id -u)" != 0 ]; then
    die "missing: $* (install them, or run as root so that this script can)"
  fi
  if [ "$apt_updated" = false ]; then
    apt-get update -qq >/dev/null
    apt_updated=true
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_tools() {
  local missing=()
  command -v clang-14 >/dev/null || missing+=(clang-14)
  command -v wasm-ld-14 >/dev/null || missing+=(lld-14)
  [ -f /usr/lib/wasm32-wasi/libc.a ] || missing+=(wasi-libc)
  ls /usr/lib/llvm-14/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1 ||
    missing+=(libclang-rt-14-dev-wasm32)
  command -v tclsh >/dev/null || missing+=(tcl)
  command -v dpkg-source >/dev/null || missing+=(dpkg-dev)
  command -v xz >/dev/null || missing+=(xz-utils)
  command -v make >/dev/null || missing+=(make)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${missing[@]}"
  fi
}

# `apt-get source` needs deb-src entries; add them beside the deb ones if there are none (as
# bench/run does).
ensure_deb_src() {
  if grep -Eqrs '^(deb-src |Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    return 0
  fi
  if [ "${SQLITE_WASI_NO_INSTALL:-}" = 1 ] || [ "$(id -u)" != 0 ]; then
    die "no deb-src entries in the apt sources: add them so that 'apt-get source sqlite3' works"
  fi
  say "adding deb-src entries (/etc/apt/sources.list.d/cortado-sqlite-src.*)"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      > /etc/apt/sources.list.d/cortado-sqlite-src.sources
  else
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/cortado-sqlite-src.list
  fi
  apt-get update -qq >/dev/null
  apt_updated=true
}

# --- build ---------------------------------------------------------------------------------------
# Debian's source with its patches applied; sqlite3.c (the amalgamation) and shell.c made from it
# by its own configure and make (tclsh runs the generators).
fetch_source() {
  local src="$build/source"
  if [ -f "$src/gen/sqlite3.c" ] && [ -f "$src/gen/shell.c" ]; then
    return 0
  fi
  ensure_deb_src
  rm -rf "$src"
  mkdir -p "$src"
  say "apt-get source sqlite3"
  if ! (cd "$src" && apt-get source -qq sqlite3 >"$src/apt-get.log" 2>&1); then
    cat "$src/apt-get.log" >&2
    die "'apt-get source sqlite3' failed"
  fi
  local tree
  tree="$(find "$src" -maxdepth 1 -type d -name 'sqlite3-*' | head -1)"
  basename "$(ls "$src"/sqlite3_*.dsc)" .dsc > "$src/VERSION"
  mkdir -p "$src/gen"
  say "generating sqlite3.c and shell.c ($(cat "$src/VERSION"))"
  (cd "$src/gen" && "$tree/configure" --disable-tcl >configure.log 2>&1 &&
    make sqlite3.c shell.c >make.log 2>&1) || die "making sqlite3.c and shell.c: see $src/gen"
}

# One thread, no extensions loaded at run time (no dlopen), no WAL (it needs shared memory and
# mmap), dot-file locking as the default VFS (see shim/sqlite_wasi.h), no popen (.once '|cmd').
# wasi-libc's emulations for what the unix layer and the shell use: signal() (the shell's ^C
# handler), getpid() (in temporary names), clock() (.timer), mmap (compiled but off at run time).
SQLITE_FLAGS=(-DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL
  -DSQLITE_ENABLE_LOCKING_STYLE=0 '-DSQLITE_DEFAULT_UNIX_VFS="unix-dotfile"' -DSQLITE_OMIT_POPEN=1
  -DSQLITE_MAX_MMAP_SIZE=0
  -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_PROCESS_CLOCKS
  -D_WASI_EMULATED_MMAN)
WASM_LIBS=(-lwasi-emulated-signal -lwasi-emulated-getpid -lwasi-emulated-process-clocks
  -lwasi-emulated-mman)
TARGET=(--target=wasm32-wasi)
WASM="$build/sqlite3.wasm"

build_wasm() {
  fetch_source
  local gen="$build/source/gen"
  # What the build depends on besides the generated sources: rebuild when it changes.
  local stamp
  stamp="$( (cat "$build/source/VERSION"; clang-14 --version | head -1; echo "${SQLITE_FLAGS[*]}";
    echo "${WASM_LIBS[*]}"; cat "$here"/shim/*.[ch] "$here"/shim/shell/*.h) | sha256sum | cut -c1-16)"
  if [ -f "$WASM" ] && [ "$(cat "$build/sqlite3.wasm.stamp" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  local obj="$build/obj"
  rm -rf "$obj" "$WASM"
  mkdir -p "$obj"
  local common=("${TARGET[@]}" -O2 "${SQLITE_FLAGS[@]}" -I"$gen" -I"$here/shim" -include sqlite_wasi.h)
  local started
  started="$(now)"
  say "clang-14 --target=wasm32-wasi -O2: sqlite3.c, shell.c (both cores)"
  clang-14 "${common[@]}" -c -o "$obj/sqlite3.o" "$gen/sqlite3.c" &
  local amalgamation=$!
  clang-14 "${common[@]}" -I"$here/shim/shell" -c -o "$obj/shell.o" "$gen/shell.c"
  clang-14 "${common[@]}" -Wall -Wextra -Werror -c -o "$obj/sqlite_wasi.o" "$here/shim/sqlite_wasi.c"
  wait "$amalgamation" || die "compiling sqlite3.c"
  # Linked without -O: clang's driver would run binaryen's wasm-opt if it is on the PATH, and the
  # .wasm would depend on what else is installed. 1 MiB of stack: the parser recurses.
  clang-14 "${TARGET[@]}" -Wl,-z,stack-size=1048576 -Wl,--strip-debug -o "$WASM" \
    "$obj/shell.o" "$obj/sqlite3.o" "$obj/sqlite_wasi.o" "${WASM_LIBS[@]}"
  echo "$stamp" > "$build/sqlite3.wasm.stamp"
  say "built $WASM ($(stat -c %s "$WASM") bytes) in $(since "$started")"
}

# --- check ---------------------------------------------------------------------------------------
RUNS=(1-create 2-reopen 3-check 4-readonly)

# The SQL of run $1 with @DATA@ as directory $2, and run 1's orders generated: 3,000 INSERTs from a
# fixed linear congruential sequence, so every run and every engine sees the same rows.
sql_of() {
  local name="$1" data="$2"
  awk -v data="$data" '
    /^-- @ORDERS@/ {
      x = 12345
      for (i = 1; i <= 3000; i++) {
        x = (x * 1103515245 + 12345) % 2147483648; c = 1 + int(x / 65536) % 200
        x = (x * 1103515245 + 12345) % 2147483648; p = 1 + int(x / 65536) % 50
        x = (x * 1103515245 + 12345) % 2147483648; q = 1 + int(x / 65536) % 9
        x = (x * 1103515245 + 12345) % 2147483648; d = int(x / 65536) % 365
        m = 1; split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ")
        while (d >= len[m]) { d -= len[m]; m++ }
        printf "INSERT INTO orders(customer_id, product_id, quantity, day) VALUES (%d, %d, %d, '\''2024-%02d-%02d'\'');\n", c, p, q, m, d + 1
      }
      next
    }
    { gsub(/@DATA@/, data); print }
  ' "$here/sql/$name.sql"
}

# What a run printed, as one text: stdout, stderr, exit code.
transcript() {
  local dir="$1"
  cat "$dir/out"
  echo "--- stderr"
  cat "$dir/err"
  echo "--- exit $(cat "$dir/rc")"
}

# run_shell DIR -- COMMAND...: runs COMMAND with DIR/sql on stdin, records out, err, rc in DIR.
run_shell() {
  local dir="$1"
  shift 2
  local rc=0
  "$@" < "$dir/sql" > "$dir/out" 2> "$dir/err" || rc=$?
  echo "$rc" > "$dir/rc"
}

check() {
  local run="$build/run"
  rm -rf "$run"
  mkdir -p "$run/wasi" "$run/native"
  local native=true
  if ! command -v sqlite3 >/dev/null; then
    [ "${CI:-}" = true ] && die "native sqlite3 not installed (CI=true: no skipping)"
    say "no native sqlite3: skipping the comparison with it"
    native=false
  fi
  # The cortado launcher builds itself on first use: not inside a timed run.
  [ "${runtime[0]}" = "$root/cortado" ] && "$root/cortado" --version >/dev/null
  local failed=false name started
  for name in "${RUNS[@]}"; do
    mkdir -p "$run/$name.wasi"
    sql_of "$name" /data > "$run/$name.wasi/sql"
    # Run 4 gets the directory read-only and opens the database immutable (see its SQL).
    local grant=--dir db=/data/test.db native_db="$run/native/test.db"
    if [ "$name" = 4-readonly ]; then
      grant=--dir-ro
      db="file:/data/test.db?mode=ro&immutable=1"
      native_db="file:$run/native/test.db?mode=ro&immutable=1"
    fi
    started="$(now)"
    run_shell "$run/$name.wasi" -- "${runtime[@]}" "$grant" "$run/wasi::/data" --env HOME=/data \
      --env TMPDIR=/data "$WASM" "$db"
    say "$name: ${runtime[*]##*/} $grant ... sqlite3.wasm $db: $(since "$started"), exit $(cat "$run/$name.wasi/rc")"
    if ! diff -u --label "expected/$name.txt" --label "$name (wasm)" "$here/expected/$name.txt" \
        <(transcript "$run/$name.wasi") >&2; then
      say "$name: the wasm shell's output differs from expected/$name.txt (above)"
      failed=true
    fi
    if [ "$native" = true ]; then
      mkdir -p "$run/$name.native"
      sql_of "$name" "$run/native" > "$run/$name.native/sql"
      (cd "$run/native" && HOME="$run/native" TMPDIR="$run/native" \
        run_shell "$run/$name.native" -- sqlite3 "$native_db")
      if ! diff -u --label "$name (native)" --label "$name (wasm)" \
          <(transcript "$run/$name.native") <(transcript "$run/$name.wasi") >&2; then
        say "$name: the wasm shell's output differs from native sqlite3's (above)"
        failed=true
      fi
    fi
  done
  local left
  left="$(cd "$run/wasi" && ls -A | tr '\n' ' ')"
  if [ "$left" != "report.csv test.db " ]; then
    say "the preopened directory holds: $left(expected: report.csv test.db)"
    failed=true
  fi
  if [ "$native" = true ]; then
    local integrity
    integrity="$(sqlite3 "$run/wasi/test.db" 'PRAGMA integrity_check;' 2>&1)"
    if [ "$integrity" != ok ]; then
      say "native sqlite3 on the guest's database: $integrity"
      failed=true
    fi
    if ! diff -u --label "native .dump" --label "wasm .dump" \
        <(sqlite3 "$run/native/test.db" .dump) <(sqlite3 "$run/wasi/test.db" .dump) >&2; then
      say "the guest's database differs from the native shell's (.dump above)"
      failed=true
    fi
    if ! cmp -s "$run/native/report.csv" "$run/wasi/report.csv"; then
      say "report.csv differs between the native and the wasm shell"
      failed=true
    fi
  fi
  [ "$failed" = false ] || die "see the differences above (files in $run)"
  say "OK: ${#RUNS[@]} runs of the wasm shell, $(wc -l < "$run/1-create.wasi/sql") lines of SQL in run 1," \
    "database $(stat -c %s "$run/wasi/test.db") bytes$([ "$native" = true ] && echo ", equal to native sqlite3's")"
}

total="$(now)"
ensure_tools
build_wasm
if [ "$build_only" = false ]; then
  check
fi
say "total $(since "$total")"
