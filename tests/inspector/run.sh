#!/usr/bin/env bash
# run.sh — the MCP Inspector CLI (@modelcontextprotocol/inspector 2.12.0: a client on the TypeScript SDK that checks
# every tool result against the tool's output schema) against `archmcp serve`, over stdio and over Streamable HTTP:
# tools/list, a call of each tool (and each branch a strict client trips on: the last page, a rule, a standard),
# resources/list, resources/read of a decision and of a rule, prompts/list and prompts/get.
# Prints one line "inspector: N passed, N failed" and exits non-zero on any failure.
#
#   tests/inspector/run.sh              builds src/ArchMcp.Server (Release) and serves the repository's knowledge/
#   ARCHMCP_DLL=/abs/archmcp.dll ...    use an already built server
#   INSPECTOR_SKIP_INSTALL=1 ...        reuse node_modules
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/archmcp-inspector.XXXXXX")"
PIDS=()
cleanup() { for p in ${PIDS[@]+"${PIDS[@]}"}; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

cd "$HERE"
if [ "${INSPECTOR_SKIP_INSTALL:-0}" != 1 ] || [ ! -x node_modules/.bin/mcp-inspector ]; then
  npm ci --no-audit --no-fund --loglevel=error > "$WORK/npm.log" 2>&1 || { cat "$WORK/npm.log" >&2; exit 2; }
fi
export PATH="$HERE/node_modules/.bin:$PATH"   # node 22 from the 'node' package; Inspector 2.x needs it

DLL="${ARCHMCP_DLL:-}"
if [ -z "$DLL" ]; then
  dotnet build "$REPO/src/ArchMcp.Server" -c Release -o "$WORK/bin" -v quiet -nologo > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 2; }
  DLL="$WORK/bin/archmcp.dll"
fi
KNOWLEDGE="$REPO/knowledge"
INDEX="$WORK/index"
dotnet "$DLL" index --knowledge "$KNOWLEDGE" --index "$INDEX" > "$WORK/index.log" 2>&1 || { cat "$WORK/index.log" >&2; exit 2; }

PASSED=0 FAILED=0
# check LABEL TARGET... -- INSPECTOR-ARGS... : one Inspector call; it fails on a non-zero exit, a JSON-RPC error or an
# error result (the Inspector turns structured content that does not match the output schema into an error)
check() {
  local label="$1"; shift
  local out="$WORK/$(echo "$label" | tr -c 'A-Za-z0-9_-' '_').json"
  local verdict
  if mcp-inspector --cli --format json -q "$@" > "$out" 2> "$out.err"; then
    verdict="$(node --input-type=module -e '
      import { readFileSync } from "node:fs";
      const text = readFileSync(process.argv[1], "utf8").trim();
      let reply;
      try { reply = JSON.parse(text); } catch { console.log("FAIL not JSON: " + text.slice(0, 120)); process.exit(0); }
      const result = reply.result ?? reply;
      if (reply.error) console.log("FAIL " + JSON.stringify(reply.error).slice(0, 160));
      else if (result.isError) console.log("FAIL error result: " + JSON.stringify(result.content).slice(0, 160));
      else console.log("PASS");
    ' "$out")"
  else
    verdict="FAIL exit $?: $(head -c 300 "$out.err" "$out" | tr '\n' ' ')"
  fi
  printf '%-6s %-44s %s\n' "${TRANSPORT}" "$label" "$verdict"
  if [[ "$verdict" == PASS* ]]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); fi
}

run_all() {
  check "tools/list"                          "$@" --method tools/list
  check "search_knowledge"                    "$@" --method tools/call --tool-name search_knowledge --tool-arg "query=event outbox" 'tags=["events"]' limit=3
  check "get_decision"                        "$@" --method tools/call --tool-name get_decision --tool-arg id=ADR-4 'sections=["all"]'
  check "list_decisions (last page)"          "$@" --method tools/call --tool-name list_decisions --tool-arg limit=100
  check "list_decisions (first page)"         "$@" --method tools/call --tool-name list_decisions --tool-arg limit=1 status=accepted
  check "get_rule (a rule)"                   "$@" --method tools/call --tool-name get_rule --tool-arg id=SEC-011
  check "get_rule (a standard)"               "$@" --method tools/call --tool-name get_rule --tool-arg id=API
  check "design_checklist"                    "$@" --method tools/call --tool-name design_checklist --tool-arg "design=public REST API with pagination"
  check "review_design"                       "$@" --method tools/call --tool-name review_design --tool-arg "design=The order service calls billing over plain HTTP and hashes passwords with MD5."
  check "recent_changes"                      "$@" --method tools/call --tool-name recent_changes --tool-arg since=2024-01-01
  check "review_change"                       "$@" --method tools/call --tool-name review_change --tool-arg $'diff=--- a/svc/config.yaml\n+++ b/svc/config.yaml\n@@ -1 +1,2 @@\n payments:\n+  url: http://payments.internal/charges\n'
  check "resources/list"                      "$@" --method resources/list
  check "resources/read (decision)"           "$@" --method resources/read --uri arch://decisions/ADR-0004
  check "resources/read (rule)"               "$@" --method resources/read --uri arch://standards/SEC/rules/SEC-011
  check "resources/templates/list"            "$@" --method resources/templates/list
  check "prompts/list"                        "$@" --method prompts/list
  check "prompts/get"                         "$@" --method prompts/get --prompt-name explain-decision --prompt-args id=ADR-0004
}

# stdio: the Inspector starts the server for each call (the index is already built)
TRANSPORT=stdio
run_all dotnet "$DLL" serve --knowledge "$KNOWLEDGE" --index "$INDEX"

# Streamable HTTP on a free loopback port
TRANSPORT=http
PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
dotnet "$DLL" serve --http --urls "http://127.0.0.1:$PORT" --knowledge "$KNOWLEDGE" --index "$WORK/index-http" > "$WORK/http-server.log" 2>&1 &
PIDS+=($!)
deadline=$(( $(date +%s) + 60 ))
until node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$PORT/readyz" > /dev/null 2>&1; do
  [ "$(date +%s)" -ge "$deadline" ] && { echo "timed out waiting for the HTTP server" >&2; cat "$WORK/http-server.log" >&2; exit 1; }
  sleep 0.2
done
run_all "http://127.0.0.1:$PORT/mcp"

cleanup
PIDS=()
echo "details: $WORK"
echo "inspector: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
