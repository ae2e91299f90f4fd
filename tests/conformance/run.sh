#!/usr/bin/env bash
# run.sh — the official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, Node 22 from npm)
# against `archmcp serve`: over Streamable HTTP (a free loopback port) and over stdio (through
# stdio-bridge.mjs). Prints one line "conformance: N passed, N failed" and exits non-zero on any failure.
#
#   tests/conformance/run.sh            builds src/ArchMcp.Server (Release) and indexes the repository's knowledge/
#   ARCHMCP_DLL=/abs/archmcp.dll ...    use an already built server
#   ARCHMCP_EXE=/abs/archmcp ...        use a published executable (the native build: tests/native/run.sh)
#   CONFORMANCE_SKIP_INSTALL=1 ...      reuse node_modules
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/archmcp-conformance.XXXXXX")"
PIDS=()
cleanup() { for p in ${PIDS[@]+"${PIDS[@]}"}; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

cd "$HERE"
if [ "${CONFORMANCE_SKIP_INSTALL:-0}" != 1 ] || [ ! -x node_modules/.bin/conformance ]; then
  npm ci --no-audit --no-fund --loglevel=error > "$WORK/npm.log" 2>&1 || { cat "$WORK/npm.log" >&2; exit 2; }
fi
export PATH="$HERE/node_modules/.bin:$PATH"   # node 22 from the 'node' package; conformance needs it

if [ -n "${ARCHMCP_EXE:-}" ]; then
  SERVER=("$ARCHMCP_EXE")
else
  DLL="${ARCHMCP_DLL:-}"
  if [ -z "$DLL" ]; then
    dotnet build "$REPO/src/ArchMcp.Server" -c Release -o "$WORK/bin" -v quiet -nologo > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 2; }
    DLL="$WORK/bin/archmcp.dll"
  fi
  SERVER=(dotnet "$DLL")
fi
KNOWLEDGE="${ARCHMCP_KNOWLEDGE:-$REPO/knowledge}"
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

wait_until() { # seconds, command...
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@" > /dev/null 2>&1; do
    [ "$(date +%s)" -ge "$deadline" ] && { echo "timed out waiting for: $*" >&2; return 1; }
    sleep 0.2
  done
}

# run_scenarios LABEL URL SCENARIO... — results under $WORK/LABEL, one line per scenario
PASSED=0 FAILED=0
run_scenarios() {
  local label="$1" url="$2"; shift 2
  for s in "$@"; do
    local out="$WORK/$label/$s"
    mkdir -p "$out"
    conformance server --url "$url" --scenario "$s" -o "$out" > "$out/log.txt" 2>&1 || true
    local verdict
    verdict="$(node --input-type=module -e '
      import { readdirSync, readFileSync, existsSync } from "node:fs";
      const dir = process.argv[1];
      const runs = readdirSync(dir).filter((d) => existsSync(`${dir}/${d}/checks.json`));
      if (runs.length === 0) { console.log("FAIL no checks.json"); process.exit(0); }
      const checks = runs.flatMap((d) => JSON.parse(readFileSync(`${dir}/${d}/checks.json`, "utf8")));
      const failed = checks.filter((c) => c.status === "FAILURE");
      console.log(failed.length ? `FAIL ${failed[0].errorMessage ?? failed[0].name ?? ""}`.slice(0, 140) : `PASS ${checks.length} checks`);
    ' "$out")"
    printf '%-5s %-30s %s\n' "$label" "$s" "$verdict"
    if [[ "$verdict" == PASS* ]]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
  done
}

CORE="server-initialize ping logging-set-level tools-list resources-list prompts-list"

# Streamable HTTP
"${SERVER[@]}" serve --http --urls "http://127.0.0.1:$PORT" --knowledge "$KNOWLEDGE" --index "$WORK/index-http" > "$WORK/http-server.log" 2>&1 &
PIDS+=($!)
wait_until 60 node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$PORT/healthz" || { cat "$WORK/http-server.log" >&2; exit 1; }
run_scenarios http "http://127.0.0.1:$PORT/mcp" $CORE server-sse-multiple-streams dns-rebinding-protection

# stdio, through the bridge
node "$HERE/stdio-bridge.mjs" "$(printf "'%s' " "${SERVER[@]}")serve --knowledge '$KNOWLEDGE' --index '$WORK/index-stdio'" > "$WORK/bridge.out" 2> "$WORK/stdio-server.log" &
PIDS+=($!)
wait_until 30 grep -q '^LISTENING ' "$WORK/bridge.out"
run_scenarios stdio "$(sed -n 's/^LISTENING //p' "$WORK/bridge.out")" $CORE

cleanup
PIDS=()
echo "details: $WORK"
echo "conformance: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
