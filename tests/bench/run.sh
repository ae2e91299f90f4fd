#!/usr/bin/env bash
# End-to-end performance benchmark of the archmcp executable. Not run by CI. Writes docs/performance.md.
#
# usage: tests/bench/run.sh            (env: SCALE=105 copies of the corpora (~20k files), SMALL_SCALE=11 copies
#                                        (~2k files, the size of a large real knowledge base), CALLS=1000,
#                                        HTTP_SECONDS=20, HTTP_CLIENTS=8, WORK=/tmp/archmcp-bench, SKIP_PUBLISH=1,
#                                        CORPORA=../shared/corpora, REPORT=docs/performance.md,
#                                        INDEX_RUNS=3 full index runs (median reported), WARMUP=3000 in-process searches)
# Parts that need `archmcp serve` (stdio/HTTP) are reported as "not measured" when serve does not answer.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"; REPO="$(cd "$HERE/../.." && pwd)"
SCALE=${SCALE:-105}; SMALL_SCALE=${SMALL_SCALE:-11}; CALLS=${CALLS:-1000}; HTTP_SECONDS=${HTTP_SECONDS:-20}; HTTP_CLIENTS=${HTTP_CLIENTS:-8}
WORK=${WORK:-/tmp/archmcp-bench}; REPORT=${REPORT:-$REPO/docs/performance.md}
CORPORA=${CORPORA:-${ARCHMCP_CORPORA:-}}
if [ -z "$CORPORA" ]; then for c in "$REPO/../shared/corpora" "$REPO/../../shared/corpora" /work/shared/corpora; do [ -d "$c" ] && CORPORA="$(cd "$c" && pwd)" && break; done; fi
[ -d "${CORPORA:-}" ] || { echo "run.sh: corpora not found (set CORPORA)" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ARCHMCP_CORPORA="$CORPORA" # the in-process probe finds the corpora by it
PUB="$WORK/publish"; RES="$WORK/results"; mkdir -p "$WORK" "$RES"; rm -f "$RES"/*.json
log() { echo "::: $*" >&2; }
json_env() { python3 -c 'import json,sys; print(json.dumps(dict(a.split("=",1) for a in sys.argv[1:])))' "$@"; }

# --- build -----------------------------------------------------------------------------------------------
if [ -z "${SKIP_PUBLISH:-}" ] || [ ! -x "$PUB/archmcp" ]; then
  log "publish src/ArchMcp.Server (Release) → $PUB"
  dotnet publish "$REPO/src/ArchMcp.Server" -c Release -o "$PUB" >"$WORK/publish.log" 2>&1 || { tail -20 "$WORK/publish.log"; exit 1; }
fi
EXE="$PUB/archmcp"
log "build tests/ArchMcp.Benchmarks (Release)"
dotnet build "$REPO/tests/ArchMcp.Benchmarks" -c Release >"$WORK/bench-build.log" 2>&1 || { tail -20 "$WORK/bench-build.log"; exit 1; }
BENCH_DLL="$REPO/tests/ArchMcp.Benchmarks/bin/Release/net10.0/ArchMcp.Benchmarks.dll"
json_env load="$(cut -d' ' -f1-3 /proc/loadavg)" cores="$(nproc)" commit="$(git -C "$REPO" rev-parse --short HEAD)" scale="$SCALE" smallScale="$SMALL_SCALE" \
  date="$(date -u +%Y-%m-%dT%H:%MZ)" dotnet="$(dotnet --version)" >"$RES/env.json"

# --- scaled corpora: the five corpora copied SCALE (and SMALL_SCALE) times under distinct sub-folders ---------
scaled_corpus() { # copies, folder
  if [ ! -f "$2/.complete" ]; then
    log "generate the scaled corpus ($1 copies) → $2"
    rm -rf "$2"; mkdir -p "$2"
    for i in $(seq -w 1 "$1"); do
      mkdir -p "$2/copy-$i"
      for c in madr govuk-aws log4brains zalando gds-way; do cp -r "$CORPORA/$c" "$2/copy-$i/$c"; done
    done
    touch "$2/.complete"
  fi
}
SCALED="$WORK/scaled-$SCALE"; scaled_corpus "$SCALE" "$SCALED"
SMALL="$WORK/scaled-$SMALL_SCALE"; scaled_corpus "$SMALL_SCALE" "$SMALL"
IDX2K="$WORK/index-scaled-$SMALL_SCALE"; rm -rf "$IDX2K"
"$EXE" index --knowledge "bench=$SMALL" --index "$IDX2K" >/dev/null 2>"$WORK/index-small.err" || cat "$WORK/index-small.err" >&2
SMALL_FILES=$(find "$SMALL" -name '*.md' | wc -l); log "small scaled corpus: $SMALL_FILES Markdown files"
FILES=$(find "$SCALED" -name '*.md' | wc -l); log "scaled corpus: $FILES Markdown files"

# --- (b) archmcp index throughput and memory on the scaled corpus -----------------------------------------
# The machine's speed drifts by ±20% from minute to minute: the full index is run INDEX_RUNS times (after the writes
# of the steps before have reached the disk) and the median run is reported, with the others beside it.
IDX20="$WORK/index-scaled-$SCALE"; INDEX_RUNS=${INDEX_RUNS:-3}; sync
for run in $(seq 1 "$INDEX_RUNS"); do
  rm -rf "$IDX20"
  log "(b) archmcp index on $FILES files (run $run of $INDEX_RUNS)"
  /usr/bin/time -v -o "$WORK/index.time" "$EXE" index --knowledge "bench=$SCALED" --index "$IDX20" --format json >"$WORK/index.json" 2>"$WORK/index.err" || { cat "$WORK/index.err" >&2; }
  python3 - "$WORK/index.time" "$WORK/index.json" "$FILES" >>"$WORK/index-runs.jsonl" <<'PY'
import json, re, sys
t = open(sys.argv[1]).read(); out = open(sys.argv[2]).read()
def g(k):
    m = re.search(re.escape(k) + r":\s*(.+)", t); return m.group(1).strip() if m else None
wall = g("Elapsed (wall clock) time (h:mm:ss or m:ss)"); parts = [float(x) for x in wall.split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
try: info = json.loads(out); docs = info["info"]["documents"]; ms = info.get("elapsedMs")
except Exception: docs, ms = int(sys.argv[3]), None
print(json.dumps({"files": int(sys.argv[3]), "documents": docs, "wallSeconds": secs, "indexMs": ms,
                  "filesPerSecond": docs / secs if secs else None, "maxRssMiB": int(g("Maximum resident set size (kbytes)")) / 1024,
                  "userSeconds": float(g("User time (seconds)")), "systemSeconds": float(g("System time (seconds)"))}))
PY
done
python3 - "$WORK/index-runs.jsonl" >"$RES/index.json" <<'PY'
import json, sys
runs = sorted((json.loads(l) for l in open(sys.argv[1]) if l.strip()), key=lambda r: r["wallSeconds"])
median = dict(runs[len(runs) // 2]); median["runs"] = [r["wallSeconds"] for r in runs]
median["maxRssMiB"] = max(r["maxRssMiB"] for r in runs)
print(json.dumps(median))
PY
rm -f "$WORK/index-runs.jsonl"
cat "$RES/index.json" >&2

# --- in-process latency (Stopwatch probe): five corpora, and the scaled index ------------------------------
log "in-process latency probe, five corpora"
# after WARMUP searches: the probe runs the JIT build, which compiles the search path in tiers for several seconds
# on two cores; the native server has no such warm-up, so the steady state is what compares with it
WARMUP=${WARMUP:-3000}
dotnet "$BENCH_DLL" latency --calls "$CALLS" --warmup "$WARMUP" --json "$RES/inproc-corpora.json" >"$WORK/inproc-corpora.txt" 2>&1 || cat "$WORK/inproc-corpora.txt" >&2
log "in-process latency probe, small scaled index"
dotnet "$BENCH_DLL" latency --knowledge "bench=$SMALL" --index "$IDX2K" --calls "$CALLS" --warmup "$WARMUP" --json "$RES/inproc-small.json" >"$WORK/inproc-small.txt" 2>&1 || cat "$WORK/inproc-small.txt" >&2
log "in-process latency probe, scaled index"
dotnet "$BENCH_DLL" latency --knowledge "bench=$SCALED" --index "$IDX20" --calls "$CALLS" --warmup "$WARMUP" --json "$RES/inproc-scaled.json" >"$WORK/inproc-scaled.txt" 2>&1 || cat "$WORK/inproc-scaled.txt" >&2

# --- CLI search (one process per query) on the built-in knowledge — what exists before `serve` -----------
KIDX="$WORK/index-knowledge"; rm -rf "$KIDX"
"$EXE" index --knowledge "$REPO/knowledge" --index "$KIDX" >/dev/null 2>&1 || true
python3 - "$EXE" "$REPO/knowledge" "$KIDX" >"$RES/cli.json" <<'PY'
import json, statistics, subprocess, sys, time
exe, k, idx = sys.argv[1:4]; ts = []
for i in range(6):
    t = time.perf_counter(); subprocess.run([exe, "search", "--knowledge", k, "--index", idx, "event streaming"], capture_output=True, check=False); ts.append((time.perf_counter() - t) * 1000)
print(json.dumps({"cliSearchMedianMs": statistics.median(ts[1:]), "runs": ts[1:]}))
PY

# --- does serve answer? -------------------------------------------------------------------------------------
SERVE_OK=0
if node "$HERE/mcp-client.mjs" coldstart --runs 1 --query kafka -- "$EXE" serve --knowledge "$REPO/knowledge" --index "$KIDX" >/dev/null 2>"$WORK/serve-probe.err"; then SERVE_OK=1; fi
log "serve over stdio: $([ $SERVE_OK = 1 ] && echo available || echo 'not available — stdio/HTTP parts skipped')"

if [ "$SERVE_OK" = 1 ]; then
  log "(a) cold start over stdio, built-in knowledge, index on disk"
  node "$HERE/mcp-client.mjs" coldstart --runs 5 --query "event streaming" -- "$EXE" serve --knowledge "$REPO/knowledge" --index "$KIDX" >"$RES/coldstart.json" || true
  log "(d)(f) stdio search latency over the scaled index ($CALLS calls) and RSS"
  node "$HERE/mcp-client.mjs" stdio --calls "$CALLS" --queries "$CORPORA/dev-queries.jsonl" -- "$EXE" serve --knowledge "bench=$SCALED" --index "$IDX20" >"$RES/stdio.json" || true
  log "(d) the same with answers not kept (the engine alone)"
  ARCHMCP_Knowledge__CacheAnswers=false node "$HERE/mcp-client.mjs" stdio --calls "$CALLS" --queries "$CORPORA/dev-queries.jsonl" -- "$EXE" serve --knowledge "bench=$SCALED" --index "$IDX20" >"$RES/stdio-engine.json" || true
  log "(d) stdio search over the small scaled index ($SMALL_FILES files), answers not kept (the engine alone)"
  ARCHMCP_Knowledge__CacheAnswers=false node "$HERE/mcp-client.mjs" stdio --calls "$CALLS" --queries "$CORPORA/dev-queries.jsonl" -- "$EXE" serve --knowledge "bench=$SMALL" --index "$IDX2K" >"$RES/stdio-engine-small.json" || true
  log "(c) incremental update while serve watches the scaled corpus"
  EDIT="$(find "$SCALED/copy-$(printf '%0*d' ${#SCALE} 1)/govuk-aws" -name '0025-*.md' | head -1)"
  node "$HERE/mcp-client.mjs" incremental --runs 5 --file "$EDIT" -- "$EXE" serve --knowledge "bench=$SCALED" --index "$IDX20" >"$RES/incremental.json" || true
  log "(e) HTTP: $HTTP_CLIENTS clients for ${HTTP_SECONDS}s"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # the eight clients share one address: the per-address rate limit (a policy, 12,000/min by default) is lifted
  export ARCHMCP_Server__RequestsPerMinute=1000000
  "$EXE" serve --http --urls "http://127.0.0.1:$PORT" --knowledge "bench=$SCALED" --index "$IDX20" >"$WORK/http.out" 2>"$WORK/http.err" & HPID=$!
  # ready to answer, then steady: the start-up refresh (every file listed and checked) is done
  for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  for _ in $(seq 1 600); do grep -qs "Index ready" "$WORK/http.out" "$WORK/http.err" && break; sleep 0.2; done
  node "$HERE/mcp-client.mjs" http --url "http://127.0.0.1:$PORT/mcp" --clients "$HTTP_CLIENTS" --seconds "$HTTP_SECONDS" --queries "$CORPORA/dev-queries.jsonl" >"$RES/http.json" || true
  python3 -c 'import json,sys; s=open(f"/proc/{sys.argv[1]}/status").read(); g=lambda k: int(s.split(k+":")[1].split()[0])/1024; print(json.dumps({"rssMiB": g("VmRSS"), "peakMiB": g("VmHWM")}))' "$HPID" >"$RES/http-mem.json" 2>/dev/null || true
  kill "$HPID" 2>/dev/null || true; wait "$HPID" 2>/dev/null || true
  log "(e) HTTP with answers not kept (the engine alone)"
  ARCHMCP_Knowledge__CacheAnswers=false "$EXE" serve --http --urls "http://127.0.0.1:$PORT" --knowledge "bench=$SCALED" --index "$IDX20" >"$WORK/http.out" 2>"$WORK/http.err" & HPID=$!
  # ready to answer, then steady: the start-up refresh (every file listed and checked) is done
  for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
  for _ in $(seq 1 600); do grep -qs "Index ready" "$WORK/http.out" "$WORK/http.err" && break; sleep 0.2; done
  node "$HERE/mcp-client.mjs" http --url "http://127.0.0.1:$PORT/mcp" --clients "$HTTP_CLIENTS" --seconds "$HTTP_SECONDS" --queries "$CORPORA/dev-queries.jsonl" >"$RES/http-engine.json" || true
  kill "$HPID" 2>/dev/null || true; wait "$HPID" 2>/dev/null || true
fi

# --- (g) quality and per-query time: grep baseline vs archmcp eval ----------------------------------------
log "(g) grep baseline and archmcp eval on dev-queries.jsonl"
NQ=$(grep -c . "$CORPORA/dev-queries.jsonl")
T0=$(date +%s.%N); bash "$CORPORA/baseline.sh" "$CORPORA/dev-queries.jsonl" "$CORPORA" >"$WORK/baseline.txt" 2>&1 || true; T1=$(date +%s.%N)
T2=$(date +%s.%N); "$EXE" eval --queries "$CORPORA/dev-queries.jsonl" --corpora "$CORPORA" --format json >"$WORK/eval.json" 2>"$WORK/eval.err" || true; T3=$(date +%s.%N)
python3 - "$WORK/baseline.txt" "$WORK/eval.json" "$NQ" "$T0" "$T1" "$T2" "$T3" >"$RES/quality.json" <<'PY'
import json, sys
base, ev, nq = sys.argv[1], sys.argv[2], int(sys.argv[3]); t0, t1, t2, t3 = map(float, sys.argv[4:8])
b = {}
for line in open(base):
    p = line.split()
    if len(p) == 5 and p[0] in ("search", "lookup", "checklist", "overall"):
        b[p[0]] = {"recall5": float(p[2]), "mrr10": float(p[3]), "ndcg10": float(p[4])}
try: e = json.load(open(ev))
except Exception: e = {}
print(json.dumps({"queries": nq, "baseline": b, "baselineMsPerQuery": (t1 - t0) * 1000 / nq, "evalSecondsTotal": t3 - t2,
                  "archmcp": {"overall": e.get("overall"), **{k: v for k, v in (e.get("byKind") or {}).items()}}}))
PY

python3 "$HERE/report.py" "$RES" "$REPORT"
log "wrote $REPORT"
