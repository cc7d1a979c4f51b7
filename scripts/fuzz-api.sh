#!/usr/bin/env bash
# API fuzzing: starts `npm start` (embedded Temporal, worker, API) on free loopback ports with a
# throw-away DATA_DIR, then lets schemathesis generate requests from GET /openapi.json and checks
# that no input gets a 5xx and that every answer fits the document. See docs/fuzzing.md.
#
#   bash scripts/fuzz-api.sh                       # what CI runs (a few minutes on 2 cores)
#   FUZZ_MAX_EXAMPLES=200 bash scripts/fuzz-api.sh # longer
#   FUZZ_SEED=1234 bash scripts/fuzz-api.sh        # replay a run (the seed is printed)
#   FUZZ_KEEP_DATA=1 bash scripts/fuzz-api.sh      # keep DATA_DIR (Temporal's db) afterwards
#
# Exits non-zero when schemathesis reports any failure, or when anything it needs is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

FUZZ_DIR="$ROOT/.fuzz"
VENV="$FUZZ_DIR/venv"
REQUIREMENTS="$ROOT/scripts/fuzz-requirements.txt"
REPORT_DIR="$FUZZ_DIR/report"
SERVER_LOG="$FUZZ_DIR/server.log"
MAX_EXAMPLES="${FUZZ_MAX_EXAMPLES:-60}"
REQUEST_TIMEOUT="${FUZZ_REQUEST_TIMEOUT:-45}"
WORKERS="${FUZZ_WORKERS:-2}"
SEED="${FUZZ_SEED:-$(python3 -c 'import secrets; print(secrets.randbelow(2**31))')}"
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
# The operations the integration account is refused (ops-admin only): fuzzed again as an ops admin.
OPS_ADMIN_OPERATIONS=(validateSop getKpis getMetrics)

log() { printf '[fuzz] %s\n' "$*"; }
die() {
  printf '[fuzz] ERROR: %s\n' "$*" >&2
  exit 1
}

# --- schemathesis, pinned, in its own venv -----------------------------------------------------
pinned=$(sed -n 's/^schemathesis==\([^[:space:]]*\).*/\1/p' "$REQUIREMENTS")
[ -n "$pinned" ] || die "no 'schemathesis==<version>' line in $REQUIREMENTS"
command -v python3 >/dev/null || die "python3 is required (Python 3.9+ with the venv module)"
if [ ! -x "$VENV/bin/python" ]; then
  log "creating $VENV"
  python3 -m venv "$VENV" || die "cannot create a venv at $VENV (on Debian: apt-get install python3-venv)"
fi
installed=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("schemathesis"))' 2>/dev/null || true)
if [ "$installed" != "$pinned" ]; then
  log "installing schemathesis $pinned into $VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" ||
    die "pip could not install schemathesis $pinned from $REQUIREMENTS; API fuzzing cannot run"
fi
"$VENV/bin/schemathesis" --version | grep -qF "$pinned" ||
  die "$VENV/bin/schemathesis is not version $pinned"

# --- the engine, on free ports with a temporary DATA_DIR ---------------------------------------
[ -f "$ROOT/dist/cli/main.js" ] || die "dist/ is missing: run 'npm run build' (npx sop token needs it)"
read -r PORT TEMPORAL_PORT UI_PORT < <(
  python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
for s in socks:
    s.close()
PY
)
DATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sop-fuzz.XXXXXX")
API_KEY="k_fuzz_$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
JWT_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))')
BASE_URL="http://127.0.0.1:$PORT"
SERVER_PID=""

process_alive() { kill -0 "$1" 2>/dev/null; }
group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# Waits up to $2 half-seconds for the check "$3 $1" to fail; true if it did.
wait_gone() {
  local i
  for ((i = 0; i < $2; i++)); do
    "$3" "$1" || return 0
    sleep 0.5
  done
  ! "$3" "$1"
}

stop_server() {
  local status=$?
  set +e
  if [ -n "$SERVER_PID" ] && group_alive "$SERVER_PID"; then
    # Ctrl-C, as a person would: the engine stops the API, the worker, then Temporal.
    log "stopping the engine (process group $SERVER_PID)"
    kill -INT -- "-$SERVER_PID" 2>/dev/null
    wait_gone "$SERVER_PID" 60 group_alive || kill -KILL -- "-$SERVER_PID" 2>/dev/null
  fi
  # The Temporal dev server has a process group of its own; the pid file names it. Normally the
  # engine has stopped it by now; if the engine died first, nothing else will.
  if [ -f "$DATA_DIR/temporal-server.pid" ]; then
    local temporal
    temporal=$(sed -n 's/.*"server":\([0-9][0-9]*\).*/\1/p' "$DATA_DIR/temporal-server.pid")
    if [ -n "$temporal" ] && process_alive "$temporal"; then
      log "stopping the Temporal dev server (pid $temporal)"
      kill -TERM "$temporal" 2>/dev/null
      wait_gone "$temporal" 20 process_alive || kill -KILL -- "-$temporal" 2>/dev/null || kill -KILL "$temporal"
    fi
  fi
  if [ -n "${FUZZ_KEEP_DATA:-}" ]; then
    log "kept DATA_DIR $DATA_DIR (Temporal's database and log, for a post-mortem)"
  else
    rm -rf "$DATA_DIR"
  fi
  exit "$status"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$FUZZ_DIR"
rm -rf "$REPORT_DIR"
log "starting the engine: API $BASE_URL, Temporal 127.0.0.1:$TEMPORAL_PORT, DATA_DIR $DATA_DIR (log: $SERVER_LOG)"
# Job control on for this one launch: the engine gets a process group of its own (pgid = its
# pid), so the trap can stop npm, node and their children together. Rate limits off: the fuzzer
# sends hundreds of kickoffs and actions a minute, and a 429 would stand between its inputs and
# the code under test.
set -m
env -u TEMPORAL_ADDRESS -u TEMPORAL_NAMESPACE -u DATABASE_URL \
  PORT="$PORT" HOST=127.0.0.1 TEMPORAL_PORT="$TEMPORAL_PORT" TEMPORAL_UI_PORT="$UI_PORT" \
  DATA_DIR="$DATA_DIR" SOP_API_KEYS="oa-bridge=$API_KEY" SOP_JWT_SECRET="$JWT_SECRET" \
  SOP_RATE_LIMIT_KICKOFF=off SOP_RATE_LIMIT_ACTIONS=off SOP_LOG_LEVEL="${FUZZ_SERVER_LOG_LEVEL:-warn}" \
  npm --silent start >"$SERVER_LOG" 2>&1 </dev/null &
SERVER_PID=$!
set +m
[ "$(ps -o pgid= -p "$SERVER_PID" | tr -d ' ')" = "$SERVER_PID" ] ||
  die "npm start (pid $SERVER_PID) did not get a process group of its own"

healthy=""
for _ in $(seq 1 240); do
  if ! process_alive "$SERVER_PID"; then
    tail -n 50 "$SERVER_LOG" >&2
    die "npm start exited before /healthz answered 200 (log above)"
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE_URL/healthz" || true)" = 200 ]; then
    healthy=yes
    break
  fi
  sleep 0.5
done
if [ -z "$healthy" ]; then
  tail -n 50 "$SERVER_LOG" >&2
  die "GET $BASE_URL/healthz did not answer 200 within 120 s (log above)"
fi
log "engine healthy"

OPS_ADMIN_JWT=$(SOP_JWT_SECRET="$JWT_SECRET" node "$ROOT/bin/sop.js" token xie.fang --expires 2h) ||
  die "could not mint a JWT for xie.fang"

# Real projects, steps, tasks and users for the fuzzer to aim at (random ids only ever get 404s).
CONFIG="$FUZZ_DIR/schemathesis.toml"
FUZZ_CREDENTIALS="$API_KEY $OPS_ADMIN_JWT" "$VENV/bin/python" "$ROOT/scripts/fuzz-seed.py" \
  "$BASE_URL" "$ROOT/sop-definitions/org.yaml" "$CONFIG" "$FUZZ_DIR/cache" ||
  die "could not seed the engine with projects to fuzz"

# --- schemathesis ------------------------------------------------------------------------------
# One pass as the OA integration account (reads everything, relays actions for others), then the
# ops-admin-only operations as xie.fang. Stateful (link) testing is off: the document has no links.
run_schemathesis() {
  local name=$1 credential=$2
  shift 2
  log "schemathesis pass '$name' (seed $SEED, max $MAX_EXAMPLES examples per operation)"
  # From .fuzz: schemathesis keeps its replay cache (`st replay <id>`) in the working directory.
  # Output is not sanitized: the credentials die with this run, and values such as pageToken
  # must show for a failure to be reproducible.
  (cd "$FUZZ_DIR" && "$VENV/bin/schemathesis" --config-file "$CONFIG" run "$BASE_URL/openapi.json" \
    --header "Authorization: Bearer $credential" \
    --checks "$CHECKS" \
    --phases examples,coverage,fuzzing \
    --max-examples "$MAX_EXAMPLES" \
    --request-timeout "$REQUEST_TIMEOUT" \
    --workers "$WORKERS" \
    --seed "$SEED" \
    --generation-database none \
    --generation-with-security-parameters false \
    --output-sanitize false \
    --suppress-health-check too_slow \
    --no-color \
    --report junit --report-junit-path "$REPORT_DIR/$name.junit.xml" \
    "$@")
}

started=$(date +%s)
failed=()
run_schemathesis integration "$API_KEY" || failed+=(integration)
ops_args=()
for operation in "${OPS_ADMIN_OPERATIONS[@]}"; do ops_args+=(--include-operation-id "$operation"); done
run_schemathesis ops-admin "$OPS_ADMIN_JWT" "${ops_args[@]}" || failed+=(ops-admin)
elapsed=$(($(date +%s) - started))

# Operations tested and failed per pass, from the JUnit reports: "integration 26 ops (2 failed), …".
counts=$(python3 - "$REPORT_DIR" <<'PY' || true
import pathlib, sys, xml.etree.ElementTree as ET
parts = []
for report in sorted(pathlib.Path(sys.argv[1]).glob("*.junit.xml")):
    suite = ET.parse(report).getroot()
    bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    parts.append(f"{report.name.split('.')[0]} {suite.get('tests')} ops ({bad} failed)")
print(", ".join(parts) or "no reports")
PY
)
if [ "${#failed[@]}" -gt 0 ]; then
  log "SUMMARY: FAILED: ${counts}; ${elapsed}s; seed $SEED; reports in $REPORT_DIR, server log $SERVER_LOG"
  log "each failure above has a curl line (run it against your own npm start); rerun: FUZZ_SEED=$SEED bash scripts/fuzz-api.sh"
  exit 1
fi
log "SUMMARY: passed: ${counts}; checks $CHECKS; ${elapsed}s; seed $SEED"
