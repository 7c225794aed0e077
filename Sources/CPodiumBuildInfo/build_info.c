// `make` (scripts/gen-build-info.sh) writes generated_build_info.h, which git ignores; without it (a clean
// clone built with plain `swift build`) the commit is "unknown", so the build never depends on git.
#include "podium_build_info.h"

#if defined(__has_include)
#if __has_include("generated_build_info.h")
#include "generated_build_info.h"
#endif
#endif

#ifndef PODIUM_GIT_COMMIT
#define PODIUM_GIT_COMMIT "unknown"
#endif

const char *podium_build_commit(void) { return PODIUM_GIT_COMMIT; }
