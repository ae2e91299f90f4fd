#!/usr/bin/env bash
# run.sh — the build we ship: `dotnet publish` of the server with no arguments (Native AOT where a C toolchain is
# found), checked against the JIT build that `dotnet test` exercises:
#   1. the publish output is one native executable (no archmcp.dll beside it);
#   2. same_answers.py: every tool, resource, prompt, completion and CLI verb answers exactly as the JIT build does;
#   3. the HTTP guards (token, Host, health and readiness) through tests/container/mcp_probe.py;
#   4. the MCP conformance suite against the native executable, over Streamable HTTP and stdio.
# Prints one line "native: N passed, N failed" and exits non-zero on any failure.
#
#   tests/native/run.sh                   publishes into a temporary folder (~3 minutes on 2 cores)
#   ARCHMCP_NATIVE=/abs/archmcp ...       check an already published executable
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/archmcp-native.XXXXXX")"
PASSED=0 FAILED=0
ok() { PASSED=$((PASSED + 1)); echo "PASS $*"; }
bad() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }
finish() { echo "details: $WORK"; echo "native: $PASSED passed, $FAILED failed"; [ "$FAILED" = 0 ]; exit $?; }

EXE="${ARCHMCP_NATIVE:-}"
if [ -z "$EXE" ]; then
  # Native AOT links with clang (Debian names it clang-14); install it where it is missing and we may.
  if ! command -v clang >/dev/null && ! command -v clang-14 >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing clang for the Native AOT link" >&2
    (apt-get update -qq && apt-get install -y -qq --no-install-recommends clang) > "$WORK/apt.log" 2>&1 || tail -n 5 "$WORK/apt.log" >&2
  fi
  if dotnet publish "$REPO/src/ArchMcp.Server" -c Release -o "$WORK/publish" -nologo > "$WORK/publish.log" 2>&1; then
    ok "dotnet publish of the server with no arguments"
  else
    tail -n 30 "$WORK/publish.log" >&2
    bad "dotnet publish of the server with no arguments"
    finish
  fi
  EXE="$WORK/publish/archmcp"
  if [ -x "$EXE" ] && [ ! -e "$WORK/publish/archmcp.dll" ]; then
    ok "the publish output is one native executable ($(du -m "$EXE" | cut -f1) MB)"
  else
    bad "the publish output is not a native executable (no C toolchain? see $WORK/publish.log)"
  fi
fi

if ! dotnet build "$REPO/src/ArchMcp.Server" -c Release -o "$WORK/jit" -nologo -v quiet > "$WORK/build.log" 2>&1; then
  tail -n 30 "$WORK/build.log" >&2
  bad "JIT build to compare with"
  finish
fi

python3 "$HERE/same_answers.py" --knowledge "$REPO/knowledge" --work "$WORK" --native "$EXE" --jit "$WORK/jit/archmcp.dll" | tee "$WORK/same.log"
line="$(grep -E '^same answers: [0-9]+ passed, [0-9]+ failed' "$WORK/same.log" | tail -n 1)"
if [ -z "$line" ]; then bad "same_answers.py ended without a summary"; else
  PASSED=$((PASSED + $(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/'))); FAILED=$((FAILED + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
TOKEN="native-check-$RANDOM$RANDOM"
ARCHMCP_TOKEN="$TOKEN" "$EXE" serve --http --urls "http://127.0.0.1:$PORT" --knowledge "$REPO/knowledge" --index "$WORK/index-http" > "$WORK/http.log" 2>&1 &
HPID=$!
# listening first (the probe's first check is /healthz), at most 30 s
python3 -c 'import socket,sys,time
for _ in range(300):
    try: socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close(); break
    except OSError: time.sleep(0.1)' "$PORT"
python3 "$REPO/tests/container/mcp_probe.py" http "http://127.0.0.1:$PORT" "$TOKEN" > "$WORK/http-probe.log" 2>&1
kill "$HPID" 2>/dev/null; wait "$HPID" 2>/dev/null
while read -r verdict rest; do
  case "$verdict" in PASS) ok "native $rest" ;; FAIL) bad "native $rest" ;; esac
done < "$WORK/http-probe.log"
grep -q '^PASS' "$WORK/http-probe.log" || { cat "$WORK/http-probe.log" "$WORK/http.log" >&2; bad "the HTTP probe ran no check"; }

ARCHMCP_EXE="$EXE" CONFORMANCE_SKIP_INSTALL="${CONFORMANCE_SKIP_INSTALL:-1}" "$REPO/tests/conformance/run.sh" 2>&1 | tee "$WORK/conformance.log"
line="$(grep -E '^conformance: [0-9]+ passed, [0-9]+ failed' "$WORK/conformance.log" | tail -n 1)"
if [ -z "$line" ]; then bad "the conformance suite against the native executable ended without a summary"; else
  PASSED=$((PASSED + $(echo "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/'))); FAILED=$((FAILED + $(echo "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')))
fi
finish
