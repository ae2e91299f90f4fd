#!/usr/bin/env python3
"""Summarise a speedscope file written by `dotnet-trace collect --format speedscope`.

usage: speedscope-top.py FILE.speedscope.json [--under SUBSTRING] [--top N] [--exclude-idle]

Prints the frames with the most inclusive and exclusive (self) time, over all threads, counting only stacks
that contain a frame whose name holds SUBSTRING (e.g. "KnowledgeService.SearchAsync") when --under is given.
Times are sampled thread time (ms): blocked threads count too, so idle frames are dropped by default.
"""
import json, sys
from collections import defaultdict

IDLE = ("WaitHandle", "Monitor.Wait", "LowLevelLifoSemaphore", "Thread.Sleep", "SemaphoreSlim.Wait",
        "ManualResetEventSlim.Wait", "Task.SpinThenBlockingWait", "Task.InternalWaitCore", "PortableThreadPool",
        "WaitForSignal", "Interop+Sys.Read", "SocketAsyncEngine", "LowLevelMonitor", "Thread.StartCallback")

PSEUDO = {"CPU_TIME", "UNMANAGED_CODE_TIME", "Threads", "(Activities)", "(Non-Activities)"}

def main():
    args = sys.argv[1:]
    path = args[0]
    under = args[args.index("--under") + 1] if "--under" in args else None
    top = int(args[args.index("--top") + 1]) if "--top" in args else 25
    callers_of = args[args.index("--callers") + 1] if "--callers" in args else None
    callers = defaultdict(float)
    data = json.load(open(path))
    names = [f["name"] for f in data["shared"]["frames"]]
    incl, excl = defaultdict(float), defaultdict(float)
    total = 0.0
    for prof in data["profiles"]:
        stack, last = [], None
        for ev in prof["events"]:
            t = ev["at"]
            if last is not None and stack:
                dt = t - last
                frames = [names[i] for i in stack]
                frames = [f for f in frames if f not in PSEUDO and not f.startswith(("Process64", "Thread (", "Activity "))]
                if frames and (under is None or any(under in f for f in frames)) and not any(k in frames[-1] for k in IDLE):
                    total += dt
                    excl[frames[-1]] += dt
                    for f in set(frames):
                        incl[f] += dt
                    if callers_of is not None:
                        for i, f in enumerate(frames):
                            if callers_of in f:
                                callers[" <- ".join(x.split("!")[-1][:70] for x in reversed(frames[max(0, i - 4):i]))] += dt
                                break
            last = t
            if ev["type"] == "O":
                stack.append(ev["frame"])
            elif stack:
                stack.pop()
    print(f"# {path}  under={under!r}  busy sampled time {total:.0f} ms")
    def short(n):
        return n if len(n) <= 150 else n[:147] + "..."
    print(f"\n## inclusive (top {top})")
    for f, v in sorted(incl.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{v:10.0f} ms {100 * v / max(total, 1):5.1f}%  {short(f)}")
    if callers_of is not None:
        print(f"\n## callers of {callers_of!r}")
        for f, v in sorted(callers.items(), key=lambda kv: -kv[1])[:top]:
            print(f"{v:10.0f} ms  {f}")
    print(f"\n## self (top {top})")
    for f, v in sorted(excl.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{v:10.0f} ms {100 * v / max(total, 1):5.1f}%  {short(f)}")

main()
