#!/bin/sh
# Writes Sources/CPodiumBuildInfo/generated_build_info.h with the git commit, for `podium --version`.
# Run by `make build` and `make install`; the file is ignored by git, and a build without it says "unknown".
# The header is rewritten (and build_info.c touched, so SwiftPM recompiles it) only when the commit changed.
set -eu
cd "$(dirname "$0")/.."
dir=Sources/CPodiumBuildInfo
commit=$(git describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)
# Only characters a commit description can hold reach the C string.
commit=$(printf '%s' "$commit" | tr -cd 'A-Za-z0-9._+-')
new="#define PODIUM_GIT_COMMIT \"${commit:-unknown}\""
if [ "$(cat "$dir/generated_build_info.h" 2>/dev/null)" != "$new" ]; then
    printf '%s\n' "$new" >"$dir/generated_build_info.h"
    touch "$dir/build_info.c"
fi
