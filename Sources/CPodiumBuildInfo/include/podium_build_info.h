// The git commit podium was built from, baked in at build time (see scripts/gen-build-info.sh).
#ifndef PODIUM_BUILD_INFO_H
#define PODIUM_BUILD_INFO_H

/// The commit (`git describe --always --dirty --abbrev=12`), or "unknown" when the build did not record it
/// (a plain `swift build` before any `make`, or a tree without git).
const char *podium_build_commit(void);

#endif
