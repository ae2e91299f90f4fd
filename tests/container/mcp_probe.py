#!/usr/bin/env python3
"""A minimal MCP client for the container smoke test (standard library only).

    mcp_probe.py stdio -- COMMAND...        spawn COMMAND, speak JSON-RPC over its stdin/stdout
    mcp_probe.py http BASE_URL TOKEN        Streamable HTTP at BASE_URL/mcp, plus /healthz and /readyz

Both modes initialize, send notifications/initialized, call search_knowledge and get_decision against the
built-in knowledge, and print one line per check: "PASS name" or "FAIL name: why". Exit code 1 if any failed.
"""
import json
import queue
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

PROTOCOL = "2025-11-25"
failures = 0


def check(name, ok, why=""):
    global failures
    if ok:
        print(f"PASS {name}", flush=True)
    else:
        failures += 1
        print(f"FAIL {name}: {why}"[:600], flush=True)
    return ok


def initialize_params():
    return {"protocolVersion": PROTOCOL, "capabilities": {}, "clientInfo": {"name": "archmcp-container-smoke", "version": "1"}}


def tool_text(result):
    return "\n".join(c.get("text", "") for c in result.get("content", []) if c.get("type") == "text")


def check_tools(prefix, call):
    """call(method, params) -> JSON-RPC response dict (or raises)."""
    try:
        r = call("tools/call", {"name": "search_knowledge", "arguments": {"query": "circuit breaker", "limit": 5}})
        res = r.get("result") or {}
        body = json.dumps(res.get("structuredContent") or {}) + tool_text(res)
        check(f"{prefix} search_knowledge finds the circuit breaker rules", not res.get("isError") and "reliability.md" in body,
              json.dumps(r)[:400])
    except Exception as e:  # noqa: BLE001
        check(f"{prefix} search_knowledge", False, repr(e))
    try:
        r = call("tools/call", {"name": "get_decision", "arguments": {"id": "ADR-4"}})
        res = r.get("result") or {}
        body = json.dumps(res.get("structuredContent") or {}) + tool_text(res)
        check(f"{prefix} get_decision ADR-4 returns the BM25 decision", not res.get("isError") and "BM25" in body and "0004" in body,
              json.dumps(r)[:400])
    except Exception as e:  # noqa: BLE001
        check(f"{prefix} get_decision", False, repr(e))


# ------------------------------------------------------------------------------------------------- stdio --
def stdio_client(command, stderr=None, env=None):
    """Spawns COMMAND and speaks JSON-RPC over its stdin/stdout: returns (process, send, call)."""
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr or sys.stderr,
                            text=True, bufsize=1, env=env)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout] and None, daemon=True).start()
    ids = iter(range(1, 1_000_000))

    def send(message):
        proc.stdin.write(json.dumps(message) + "\n")
        proc.stdin.flush()

    def call(method, params, timeout=90):
        mid = next(ids)
        send({"jsonrpc": "2.0", "id": mid, "method": method, "params": params})
        deadline = time.time() + timeout
        while True:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"no answer to {method} (server exit code {proc.poll()})") from None
                continue
            try:
                msg = json.loads(line)
            except ValueError:
                raise RuntimeError(f"not JSON on stdout: {line[:200]!r}")
            if msg.get("id") == mid and ("result" in msg or "error" in msg):
                return msg

    return proc, send, call


def stdio(command):
    proc, send, call = stdio_client(command)
    try:
        r = call("initialize", initialize_params())
        info = (r.get("result") or {}).get("serverInfo", {})
        check("stdio initialize", "result" in r and "tools" in r["result"].get("capabilities", {}), json.dumps(r)[:300])
        print(f"# stdio server: {info.get('name')} {info.get('version')}", flush=True)
        send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        check_tools("stdio", call)
    except Exception as e:  # noqa: BLE001
        check("stdio session", False, repr(e))
    finally:
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.terminate()
            proc.wait(timeout=10)
    check("stdio server exits when stdin closes", proc.returncode is not None, "still running")


# -------------------------------------------------------------------------------------------------- http --
def request(url, method="GET", body=None, headers=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()
    except (urllib.error.URLError, OSError) as e:  # refused, reset, timed out: status 0
        return 0, {}, repr(e)


def rpc_from_body(headers, text):
    """A JSON-RPC response from an application/json or a text/event-stream body."""
    ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if "text/event-stream" in ctype:
        for line in text.splitlines():
            if line.startswith("data:"):
                msg = json.loads(line[5:].strip())
                if "result" in msg or "error" in msg:
                    return msg
        raise RuntimeError(f"no JSON-RPC response in the event stream: {text[:200]!r}")
    return json.loads(text)


def http(base, token):
    status, _, text = request(base + "/healthz")
    check("http GET /healthz is 200", status == 200, f"{status} {text[:100]}")
    ready = None
    for _ in range(120):
        ready, _, _ = request(base + "/readyz")
        if ready == 200:
            break
        time.sleep(0.5)
    check("http GET /readyz becomes 200", ready == 200, f"last status {ready}")

    mcp = base + "/mcp"
    accept = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": initialize_params()}
    status, _, text = request(mcp, "POST", init, accept)
    check("http /mcp without a token is 401", status == 401, f"{status} {text[:200]}")
    status, _, text = request(mcp, "POST", init, {**accept, "Authorization": "Bearer wrong-" + token})
    check("http /mcp with a wrong token is 401", status == 401, f"{status} {text[:200]}")
    status, _, text = request(mcp, "POST", init, {**accept, "Authorization": "Bearer " + token, "Host": "evil.example"})
    check("http /mcp with a foreign Host is refused", status in (400, 403, 421), f"{status} {text[:200]}")

    auth = {**accept, "Authorization": "Bearer " + token}
    status, headers, text = request(mcp, "POST", init, auth)
    session = next((v for k, v in headers.items() if k.lower() == "mcp-session-id"), None)
    try:
        r = rpc_from_body(headers, text)
    except Exception as e:  # noqa: BLE001
        r = {"error": repr(e)}
    check("http initialize with the bearer token", status == 200 and "result" in r, f"{status} {text[:300]}")
    version = (r.get("result") or {}).get("protocolVersion", PROTOCOL)
    check("http initialize returns an Mcp-Session-Id", bool(session), "no Mcp-Session-Id header")
    if session:
        auth["Mcp-Session-Id"] = session
    auth["MCP-Protocol-Version"] = version
    status, _, text = request(mcp, "POST", {"jsonrpc": "2.0", "method": "notifications/initialized"}, auth)
    check("http notifications/initialized is accepted", status in (200, 202, 204), f"{status} {text[:200]}")

    ids = iter(range(2, 1000))

    def call(method, params):
        status, headers, text = request(mcp, "POST", {"jsonrpc": "2.0", "id": next(ids), "method": method, "params": params}, auth)
        if status != 200:
            raise RuntimeError(f"HTTP {status}: {text[:300]}")
        return rpc_from_body(headers, text)

    check_tools("http", call)
    if session:
        status, _, _ = request(mcp, "DELETE", None, auth)
        check("http DELETE ends the session", status in (200, 202, 204), f"{status}")


def main(argv):
    if len(argv) >= 3 and argv[1] == "stdio" and argv[2] == "--":
        stdio(argv[3:])
    elif len(argv) == 4 and argv[1] == "http":
        http(argv[2].rstrip("/"), argv[3])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
