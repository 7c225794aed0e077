#!/usr/bin/env bash
# Builds podium in release mode and proves the test hooks are compiled out (issue 16 item 9): with
# PODIUM_TEST_CRASH_AFTER and PODIUM_TEST_HOLD_BEFORE_WRITE set, a release binary promotes and approves normally
# against the emulator, and neither name is in the binary. Slow (a release build): run by hand or in a nightly
# job, not in `make test`. Usage: scripts/release-check.sh   (or `make release-check`)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PODIUM_EMULATOR_PYTHON:-$PWD/.venv/bin/python}"
SWIFT="${SWIFT:-swift}"

# PODIUM_RELEASE_CHECK_BIN checks another binary without building (pointing it at the debug build shows the
# check failing, as it must when the hooks are present).
if [ -n "${PODIUM_RELEASE_CHECK_BIN:-}" ]; then
    BIN="$PODIUM_RELEASE_CHECK_BIN"
else
    # SWIFT_BUILD_FLAGS (as in the Makefile), e.g. `--scratch-path /tmp/release` to keep .build free for others.
    # shellcheck disable=SC2086
    "$SWIFT" build -c release --product podium ${SWIFT_BUILD_FLAGS:-}
    # shellcheck disable=SC2086
    BIN="$("$SWIFT" build -c release --show-bin-path ${SWIFT_BUILD_FLAGS:-})/podium"
fi

fail() { echo "release-check: FAIL: $*" >&2; exit 1; }

for name in PODIUM_TEST_CRASH_AFTER PODIUM_TEST_HOLD_BEFORE_WRITE; do
    if grep -q -a "$name" "$BIN"; then echo "release-check: $name is in the binary; checking behaviour" >&2; fi
done

WORK="$(mktemp -d)"
EMU_PID=""
cleanup() {
    if [ -n "$EMU_PID" ]; then kill "$EMU_PID" 2>/dev/null || true; wait "$EMU_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

"$PY" -m Emulator.podium_emulator --host 127.0.0.1 --port 0 > "$WORK/emu.out" 2> "$WORK/emu.err" &
EMU_PID=$!
URL=""
for _ in $(seq 1 300); do
    URL="$(sed -n 's/^PODIUM_EMULATOR_READY //p' "$WORK/emu.out")"
    [ -n "$URL" ] && break
    kill -0 "$EMU_PID" 2>/dev/null || fail "the emulator did not start: $(cat "$WORK/emu.err")"
    sleep 0.1
done
[ -n "$URL" ] || fail "the emulator did not start in 30 s"

export HOME="$WORK/home" XDG_STATE_HOME="$WORK/state" AWS_ENDPOINT_URL="$URL" AWS_ACCESS_KEY_ID=testing \
    AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 PODIUM_POLL_INTERVAL=100ms
mkdir -p "$HOME"
"$PY" Tests/EndToEndTests/Fixtures/cli_fixture.py "$URL" registry > /dev/null
cat > "$WORK/podium.yaml" <<'YAML'
registry: { region: us-east-1 }
environments:
  - name: dev
    region: us-east-1
    credentials: { role_arn: arn:aws:iam::111111111111:role/podium-promoter }
    execution_role_arn: arn:aws:iam::111111111111:role/sagemaker-exec
    endpoints:
      - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
YAML

set +e
PODIUM_TEST_CRASH_AFTER=CreateModel "$BIN" promote churn 1 --to dev --yes --config "$WORK/podium.yaml" \
    > "$WORK/promote.out" 2>&1
code=$?
set -e
[ "$code" -eq 0 ] || fail "promote with PODIUM_TEST_CRASH_AFTER=CreateModel exited $code: $(cat "$WORK/promote.out")"
grep -q "done: churn-dev in dev is InService" "$WORK/promote.out" || fail "promote did not finish"

set +e
PODIUM_TEST_HOLD_BEFORE_WRITE="$WORK/never-created" timeout 30 "$BIN" approve churn 3 --comment "release check" \
    --config "$WORK/podium.yaml" > "$WORK/approve.out" 2>&1
code=$?
set -e
[ "$code" -eq 0 ] || fail "approve with PODIUM_TEST_HOLD_BEFORE_WRITE exited $code: $(cat "$WORK/approve.out")"
[ ! -e "$WORK/never-created.waiting" ] || fail "the hold hook ran in the release binary"

outcomes="$("$BIN" audit --json --config "$WORK/podium.yaml" | "$PY" -c \
    'import json,sys; print(" ".join(r["outcome"] for r in json.load(sys.stdin)))')"
[ "$outcomes" = "started success started success" ] || fail "unexpected audit outcomes: $outcomes"
for name in PODIUM_TEST_CRASH_AFTER PODIUM_TEST_HOLD_BEFORE_WRITE; do
    if grep -q -a "$name" "$BIN"; then fail "$name is still in the binary"; fi
done
echo "release-check: ok: the release binary ignores PODIUM_TEST_CRASH_AFTER and PODIUM_TEST_HOLD_BEFORE_WRITE"
