#!/usr/bin/env bash
# run.sh — the web view in a real browser: Debian's Chromium driven by playwright-core (nothing downloaded at test
# time), against `archmcp serve --http` and against the static site of `archmcp site`, with axe-core on every page.
# The knowledge is a copy of the repository's knowledge/ plus the decisions in fixtures/: one whose title and body
# hold <script> tags, one with Mermaid diagrams.
# Prints one line "browser: N passed, N failed" and exits non-zero on any failure; screenshots go to the folder it prints.
#
#   tests/browser/run.sh              builds src/ArchMcp.Server (Release)
#   ARCHMCP_DLL=/abs/archmcp.dll ...  use an already built server
#   BROWSER_SKIP_INSTALL=1 ...        reuse node_modules
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/archmcp-browser.XXXXXX")"
PIDS=()
cleanup() { for p in ${PIDS[@]+"${PIDS[@]}"}; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } > "$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log" >&2; exit 2; }
fi

cd "$HERE"
if [ "${BROWSER_SKIP_INSTALL:-0}" != 1 ] || [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund --loglevel=error > "$WORK/npm.log" 2>&1 || { cat "$WORK/npm.log" >&2; exit 2; }
fi

DLL="${ARCHMCP_DLL:-}"
if [ -z "$DLL" ]; then
  dotnet build "$REPO/src/ArchMcp.Server" -c Release -o "$WORK/bin" -v quiet -nologo > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 2; }
  DLL="$WORK/bin/archmcp.dll"
fi

KNOWLEDGE="$WORK/knowledge"
cp -r "$REPO/knowledge" "$KNOWLEDGE"
cp "$HERE/fixtures/"*.md "$KNOWLEDGE/decisions/"

# the static site, from its own index
dotnet "$DLL" site --out "$WORK/site" --knowledge "$KNOWLEDGE" --index "$WORK/index-site" > "$WORK/site.log" 2>&1 || { cat "$WORK/site.log" >&2; exit 2; }

PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
dotnet "$DLL" serve --http --urls "http://127.0.0.1:$PORT" --knowledge "$KNOWLEDGE" --index "$WORK/index" > "$WORK/server.log" 2>&1 &
PIDS+=($!)
deadline=$(( $(date +%s) + 90 ))
until node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "http://127.0.0.1:$PORT/readyz" > /dev/null 2>&1; do
  [ "$(date +%s)" -ge "$deadline" ] && { echo "timed out waiting for the HTTP server" >&2; cat "$WORK/server.log" >&2; exit 1; }
  sleep 0.2
done

set +e
node "$HERE/web.test.mjs" --served "http://127.0.0.1:$PORT" --site "$WORK/site" --screenshots "$WORK/screenshots" --chromium "$CHROMIUM"
rc=$?
set -e
echo "details: $WORK"
exit $rc
