#!/usr/bin/env bash
# BenchmarkDotNet suites (parse, index, search, get_decision, design_checklist) with the short in-process job.
# usage: tests/bench/micro.sh [BenchmarkDotNet args, e.g. --filter '*Search*']   → artifacts/benchmarks/results
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$REPO"
dotnet run -c Release --project tests/ArchMcp.Benchmarks -- --artifacts "$REPO/artifacts/benchmarks" "$@"
