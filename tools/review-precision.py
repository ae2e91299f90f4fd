#!/usr/bin/env python3
"""Precision of `archmcp review` verdicts on the checklist queries of eval query files.

For every checklist query with labelled `violations`, runs `archmcp review --format json` on the query's design
text against its corpus (one index per corpus, kept in a temp folder for the run) and classifies each item the
review reports as "violated": labelled (its id is one of the query's violations, compared like the eval does)
or not (a decision also answers to "<path> :: Decision", the label of a decision log without numbers). Prints the unlabelled violations and the labelled violations reported "met", one line each, then
violated precision = labelled / violated.

Usage: tools/review-precision.py [--archmcp CMD] [--corpora DIR] [--limit N] QUERIES.jsonl [...]
CMD defaults to `dotnet src/ArchMcp.Server/bin/Release/net10.0/archmcp.dll` (build -c Release first).
"""
import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path


def normalize(identifier):
    return " ".join(identifier.strip().lower().split())


def review(cmd, corpus_dir, index_dir, design, limit):
    args = cmd + ["review", "-k", str(corpus_dir), "--index", str(index_dir), "--format", "json", "-n", str(limit), "-"]
    run = subprocess.run(args, input=design, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(f"review failed ({run.returncode}): {run.stderr.strip()}")
    return json.loads(run.stdout)


def main():
    repo = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("queries", nargs="+")
    parser.add_argument("--archmcp", default=f"dotnet {repo / 'src/ArchMcp.Server/bin/Release/net10.0/archmcp.dll'}")
    parser.add_argument("--corpora", default=str(repo.parent / "shared" / "corpora"))
    parser.add_argument("--limit", type=int, default=20, help="items per review (the CLI default is 20)")
    options = parser.parse_args()
    cmd = shlex.split(options.archmcp)

    violated = labelled = met_labelled = queries = 0
    with tempfile.TemporaryDirectory(prefix="archmcp-precision-") as tmp:
        for path in options.queries:
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                q = json.loads(line)
                if q.get("kind") != "checklist" or not q.get("violations"):
                    continue
                queries += 1
                labels = {normalize(v) for v in q["violations"]}
                result = review(cmd, Path(options.corpora) / q["corpus"], Path(tmp) / q["corpus"], q["query"], options.limit)
                for item in result["items"]:
                    ident = item["item"]["id"]
                    # A decision log without numbers labels a decision "<path> :: Decision" (corpora/README.md).
                    aliases = {normalize(ident), normalize(item["item"]["path"] + " :: Decision")} if item["item"]["kind"] == "decision" else {normalize(ident)}
                    is_label = bool(aliases & labels)
                    if item["verdict"] == "violated":
                        violated += 1
                        labelled += is_label
                        if not is_label:
                            design = (item.get("design") or {}).get("quote", "")
                            print(f"UNLABELLED {q['id']} {ident} [{item['item']['level']}] {item['reason']} | design: {design[:110]}")
                    elif item["verdict"] == "met" and is_label:
                        met_labelled += 1
                        print(f"LABELLED-MET {q['id']} {ident} {item['reason']}")

    precision = labelled / violated if violated else 1.0
    print(f"queries {queries}  violated {violated}  labelled {labelled}  unlabelled {violated - labelled}  "
          f"precision {precision:.3f}  labelled reported met {met_labelled}")


if __name__ == "__main__":
    main()
