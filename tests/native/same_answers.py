#!/usr/bin/env python3
"""The native (ahead-of-time compiled) server must answer exactly as the JIT build does.

    same_answers.py --knowledge DIR --work DIR --native EXE --jit DLL

Runs the same MCP session over stdio (every tool, resource, prompt and completion, good and bad arguments) and the
same CLI verbs with --format json against both builds, each with its own index, and compares the answers after
blanking what legitimately differs (index paths, timestamps, timings). Prints "PASS name" or "FAIL name: diff" per
request and a last line "N passed, N failed". Standard library only.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "container"))
from mcp_probe import PROTOCOL, stdio_client  # noqa: E402

VARYING = re.compile(r"(?i)^(indexPath|indexedAt|elapsedMs|milliseconds|indexMilliseconds)$")


def session_script():
    """(name, method, params) for one stdio session, in order."""
    design = ("We will expose a public REST API for orders with an OAuth2 bearer token, publish OrderPlaced events "
              "to Kafka, store orders in PostgreSQL, and log with structured JSON. The API returns camelCase fields.")
    calls = [
        ("tools/list", "tools/list", {}),
        ("resources/list", "resources/list", {}),
        ("resources/templates/list", "resources/templates/list", {}),
        ("prompts/list", "prompts/list", {}),
    ]
    tool_calls = [
        ("search kafka", "search_knowledge", {"query": "event streaming with kafka"}),
        ("search decisions only", "search_knowledge", {"query": "similarity ranking", "kind": "decision", "limit": 3}),
        ("search superseded", "search_knowledge", {"query": "tf-idf", "status": "superseded"}),
        ("search tags", "search_knowledge", {"query": "token", "tags": ["security"]}),
        ("search rule id", "search_knowledge", {"query": "API-001"}),
        ("search nothing", "search_knowledge", {"query": "zzzxqv"}),
        ("search bad kind", "search_knowledge", {"query": "kafka", "kind": "planet"}),
        ("search bad limit", "search_knowledge", {"query": "kafka", "limit": 500}),
        ("decision ADR-4", "get_decision", {"id": "ADR-4"}),
        ("decision superseded", "get_decision", {"id": "0003", "sections": ["decision"]}),
        ("decision missing", "get_decision", {"id": "ADR-999"}),
        ("list decisions", "list_decisions", {}),
        ("list accepted page", "list_decisions", {"status": "accepted", "offset": 2, "limit": 3}),
        ("list by tag", "list_decisions", {"tag": "performance"}),
        ("rule API-001", "get_rule", {"id": "API-001"}),
        ("rule missing", "get_rule", {"id": "API-999"}),
        ("checklist", "design_checklist", {"design": design}),
        ("checklist limited", "design_checklist", {"design": design, "limit": 3}),
        ("review", "review_design", {"design": design}),
        ("review empty", "review_design", {"design": ""}),
        ("unknown tool", "no_such_tool", {}),
    ]
    calls += [(f"tools/call {n}", "tools/call", {"name": t, "arguments": a}) for n, t, a in tool_calls]
    calls += [
        ("read index", "resources/read", {"uri": "arch://index"}),
        ("prompt review", "prompts/get", {"name": "review-design", "arguments": {"design": design}}),
        ("prompt draft", "prompts/get", {"name": "draft-adr", "arguments": {"title": "Use OpenTelemetry for tracing"}}),
        ("prompt explain", "prompts/get", {"name": "explain-decision", "arguments": {"id": "ADR-3"}}),
        ("complete decision id", "completion/complete",
         {"ref": {"type": "ref/prompt", "name": "explain-decision"}, "argument": {"name": "id", "value": "ADR-00"}}),
    ]
    return calls


def resource_reads(listing):
    """A read of every listed resource (the listing is compared separately)."""
    uris = [r["uri"] for r in (listing.get("result") or {}).get("resources", [])]
    return [(f"read {u}", "resources/read", {"uri": u}) for u in uris] + [
        ("read missing", "resources/read", {"uri": "arch://decisions/ADR-999"})]


def stdio_session(command, env):
    proc, send, call = stdio_client(command, stderr=subprocess.DEVNULL, env=env)
    answers = {}
    try:
        init = call("initialize", {"protocolVersion": PROTOCOL, "capabilities": {},
                                   "clientInfo": {"name": "archmcp-native-check", "version": "1"}})
        answers["initialize"] = init
        send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        script = session_script()
        for name, method, params in script:
            answers[name] = call(method, params)
        for name, method, params in resource_reads(answers["resources/list"]):
            answers[name] = call(method, params)
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return answers


def cli_runs(command, knowledge, index, work, corpora):
    draft_root = os.path.join(work, "draft-knowledge")
    shutil.rmtree(draft_root, ignore_errors=True)
    shutil.copytree(knowledge, draft_root)
    design = os.path.join(work, "design.md")
    with open(design, "w", encoding="utf-8") as f:
        f.write("# Orders API\n\nA public REST API for orders publishing OrderPlaced events to Kafka, with no authentication.\n")
    k = ["--knowledge", knowledge, "--index", index, "--format", "json"]
    runs = [
        ("cli index", ["index", *k]),
        ("cli search", ["search", "retry with backoff", *k]),
        ("cli show decision", ["show", "ADR-4", *k]),
        ("cli show rule", ["show", "API-001", *k]),
        ("cli list", ["list", *k]),
        ("cli checklist", ["checklist", design, *k]),
        ("cli review", ["review", design, *k]),
        ("cli lint", ["lint", *k]),
        ("cli show missing", ["show", "ADR-999", *k]),
        ("cli new", ["new", "Use OpenTelemetry for tracing", "--date", "2026-01-02",
                     "--knowledge", draft_root, "--index", index + "-draft", "--format", "json"]),
    ]
    if corpora:
        runs.append(("cli eval", ["eval", "--queries", os.path.join(corpora, "dev-queries.jsonl"), "--corpora", corpora,
                                  "--format", "json"]))
    answers = {}
    for name, args in runs:
        p = subprocess.run(command + args, capture_output=True, text=True, timeout=900)
        try:
            out = json.loads(p.stdout) if p.stdout.strip() else None
        except ValueError:
            out = p.stdout
        answers[name] = {"exit": p.returncode, "stdout": out, "stderr": p.stderr.strip().splitlines()[-1:] if p.returncode else []}
        if name == "cli new":
            shutil.rmtree(draft_root, ignore_errors=True)
            shutil.copytree(knowledge, draft_root)
    return answers


def blank(value):
    """Blanks what differs between two runs on different index folders at different times."""
    if isinstance(value, dict):
        return {k: ("*" if VARYING.match(k) else blank(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [blank(v) for v in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        try:
            return blank(json.loads(value))
        except ValueError:
            return value
    return value


def failed_answer(name, answer):
    """Why an answer that should succeed did not (requests named missing, unknown, bad or empty may fail)."""
    if any(w in name for w in ("missing", "unknown", "bad", "empty")) or answer is None:
        return None
    if "exit" in answer:
        # review's exit code 1 is its verdict (a MUST is violated), an answer like any other
        ok = (0, 1) if name == "cli review" else (0,)
        return None if answer["exit"] in ok else f"exit code {answer['exit']}: {answer['stderr']}"
    if "error" in answer:
        return f"error {json.dumps(answer['error'])[:200]}"
    return "isError result" if (answer.get("result") or {}).get("isError") else None


def first_difference(a, b, where="$"):
    if type(a) is not type(b):
        return f"{where}: {json.dumps(a)[:160]} != {json.dumps(b)[:160]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{where}.{k}: only in {'native' if k in a else 'jit'}"
            d = first_difference(a[k], b[k], f"{where}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{where}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{where}: {json.dumps(a)[:160]} != {json.dumps(b)[:160]}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--knowledge", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--native", required=True)
    ap.add_argument("--jit", required=True)
    ap.add_argument("--corpora", default=os.environ.get("ARCHMCP_CORPORA", ""))
    args = ap.parse_args()
    if args.corpora and not os.path.isfile(os.path.join(args.corpora, "dev-queries.jsonl")):
        args.corpora = ""
    if not args.corpora:
        print("# cli eval skipped: no corpora (set ARCHMCP_CORPORA)", flush=True)

    builds = {"native": [args.native], "jit": ["dotnet", args.jit]}
    env = dict(os.environ, ARCHMCP_Knowledge__Watch="false")
    results = {}
    for label, command in builds.items():
        index = os.path.join(args.work, f"index-{label}")
        shutil.rmtree(index, ignore_errors=True)
        answers = cli_runs(command, args.knowledge, index, args.work, args.corpora)
        answers.update(stdio_session(command + ["serve", "--knowledge", args.knowledge, "--index", index], env))
        results[label] = answers

    passed = failed = 0
    for name in results["jit"]:
        native, jit = blank(results["native"].get(name)), blank(results["jit"][name])
        diff = failed_answer(name, results["jit"][name]) or first_difference(native, jit)
        if diff is None and native is not None:
            passed += 1
            print(f"PASS {name}", flush=True)
        else:
            failed += 1
            print(f"FAIL {name}: {diff or 'no answer from the native build'}"[:700], flush=True)
    print(f"same answers: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
