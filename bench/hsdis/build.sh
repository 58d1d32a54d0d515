#!/usr/bin/env bash
# Builds hsdis-amd64.so here, for -XX:+PrintAssembly (put this folder on LD_LIBRARY_PATH). Needs
# gcc and Capstone's headers (apt-get install libcapstone-dev). Not part of the build or of CI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
gcc -O2 -shared -fPIC -Wall -o "$here/hsdis-amd64.so" "$here/hsdis.c" -lcapstone
echo "$here/hsdis-amd64.so"
