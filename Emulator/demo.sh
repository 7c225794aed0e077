#!/usr/bin/env bash
# `make demo`: the emulator on a free loopback port, seeded, live traffic, then podium on config/demo.yaml.
# Everything started here is stopped by PID on exit or Ctrl-C, and the terminal is restored.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY="${PODIUM_EMULATOR_PYTHON:-$ROOT/.venv/bin/python}"
PODIUM="${PODIUM_BIN:-$ROOT/.build/debug/podium}"
CONFIG="${PODIUM_DEMO_CONFIG:-$ROOT/config/demo.yaml}"
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/podium-demo.XXXXXX")"
PIDS=()

cleanup() {
  trap - INT TERM EXIT
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  if [ -t 1 ]; then stty sane 2>/dev/null; tput cnorm 2>/dev/null; tput sgr0 2>/dev/null; fi
  echo "podium demo: stopped (logs were in $RUN_DIR)"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ ! -x "$PY" ]; then echo "podium demo: $PY not found; run 'make venv'" >&2; exit 2; fi

# Dummy base credentials: every environment assumes a role into its own account in the emulator.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
export PODIUM_EMU_CREATE_SECONDS="${PODIUM_EMU_CREATE_SECONDS:-20}"
export PODIUM_EMU_UPDATE_SECONDS="${PODIUM_EMU_UPDATE_SECONDS:-30}"
export PODIUM_EMU_STACK_STEP_SECONDS="${PODIUM_EMU_STACK_STEP_SECONDS:-2}"
# The GitHub Actions stand-in's token (the emulator's default); the config names this variable (token_env).
export PODIUM_GITHUB_TOKEN="${PODIUM_GITHUB_TOKEN:-podium-emulator-token}" PODIUM_EMU_GITHUB_TOKEN="${PODIUM_GITHUB_TOKEN:-podium-emulator-token}"
export XDG_STATE_HOME="${XDG_STATE_HOME:-$RUN_DIR/state}"

"$PY" -m Emulator.podium_emulator --host 127.0.0.1 --port 0 >"$RUN_DIR/emulator.out" 2>"$RUN_DIR/emulator.log" &
PIDS+=($!)
URL=""
for _ in $(seq 300); do  # up to 30 s for the READY line
  URL="$(sed -n 's/^PODIUM_EMULATOR_READY //p' "$RUN_DIR/emulator.out" 2>/dev/null)"
  [ -n "$URL" ] && break
  kill -0 "${PIDS[0]}" 2>/dev/null || { echo "podium demo: emulator exited:" >&2; cat "$RUN_DIR/emulator.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "podium demo: emulator not ready after 30 s" >&2; exit 1; }
export AWS_ENDPOINT_URL="$URL"
echo "podium demo: emulator at $URL (create ${PODIUM_EMU_CREATE_SECONDS}s, update ${PODIUM_EMU_UPDATE_SECONDS}s)"

# --routes: preprod endpoints are owned by CloudFormation stacks, prod's by stacks the pipeline stand-in deploys.
# --variants (issue 15): in dev, churn-dev runs a champion and a challenger, fraud-detector-dev a shadow test,
# demand-forecast-dev is serverless; the console reads a copy of the config listing those variants.
"$PY" "$ROOT/Emulator/seed.py" --endpoint-url "$URL" --routes --variants || { echo "podium demo: seeding failed" >&2; exit 1; }
"$PY" "$ROOT/Emulator/variant_config.py" "$CONFIG" >"$RUN_DIR/demo.yaml" || { echo "podium demo: variant config failed" >&2; exit 1; }
CONFIG="$RUN_DIR/demo.yaml"
echo '{"incident": null}' >"$RUN_DIR/traffic.json"
"$PY" "$ROOT/Emulator/traffic.py" --endpoint-url "$URL" --interval 10 --control-file "$RUN_DIR/traffic.json" \
  2>"$RUN_DIR/traffic.log" &
PIDS+=($!)
echo "podium demo: GitHub Actions stand-in at $URL/_github (token \$PODIUM_GITHUB_TOKEN); pipeline runs: curl $URL/_podium/pipelines"
echo "podium demo: traffic running; start an incident with:"
echo "  echo '{\"incident\": \"churn-prod\"}' > $RUN_DIR/traffic.json"

if [ ! -x "$PODIUM" ]; then
  echo "podium demo: $PODIUM is not built (make build); the emulator keeps running until Ctrl-C" >&2
  wait "${PIDS[0]}"
  exit 1
fi

# The console: `podium` with no subcommand. If it is not available yet (exits non-zero at once),
# fall back to `podium status` every 5 s until Ctrl-C.
started=$SECONDS
"$PODIUM" --config "$CONFIG"
status=$?
if [ "$status" -eq 0 ] || [ $((SECONDS - started)) -ge 5 ]; then
  exit "$status"
fi
echo "podium demo: the console is not available (exit $status); showing 'podium status' every 5 s, Ctrl-C to stop"
while true; do
  "$PODIUM" status --config "$CONFIG"
  echo "-- $(date '+%H:%M:%S')  emulator $URL  (Ctrl-C to stop)"
  sleep 5
done
