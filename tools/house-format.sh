#!/usr/bin/env bash
# Re-applies the mechanical fixes of the house style (.editorconfig) to the whole solution: unused usings, `var`,
# braces, file-scoped namespaces, readonly fields, predefined types, no `this.`, accessibility modifiers, naming.
# Run it after merging code written before the rules were enforced. Idempotent: a second run changes nothing. Only
# the listed diagnostics are computed (a full `dotnet format` runs every analyzer and takes several times longer).
# What it cannot fix (unused members or parameters, doc comments) the build reports; fix those by hand.
#
# usage: tools/house-format.sh              apply the style fixes
#        tools/house-format.sh --verify     change nothing; exit non-zero when a fix is due
#        tools/house-format.sh public-api   also record new public API of the shipped libraries in their
#                                           PublicAPI.Unshipped.txt (review that diff: the surface changes on purpose)
set -euo pipefail
cd "$(dirname "$0")/.."
STYLE=(IDE0003 IDE0005 IDE0007 IDE0011 IDE0040 IDE0044 IDE0049 IDE0161 IDE1006)
SHIPPED=(src/ArchMcp.Search src/ArchMcp.Core src/ArchMcp.SemanticKernel)
case "${1:-}" in
  --verify) dotnet format style ArchMcp.sln --diagnostics "${STYLE[@]}" --severity warn --verify-no-changes ;;
  public-api)
    dotnet format style ArchMcp.sln --diagnostics "${STYLE[@]}" --severity warn
    # The analyzers' code fix (`dotnet format analyzers --diagnostics RS0016`) records nothing here, so the build's
    # own messages are parsed: RS0016 (public, not declared) is appended to PublicAPI.Unshipped.txt, RS0017 (declared,
    # gone or no longer public) is removed from both files. In dependency order: each project builds on fixed ones.
    for p in "${SHIPPED[@]}"; do
      out=$(dotnet build "$p" 2>&1 | grep -F "[$PWD/$p/" || true)
      added=$(grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" <<<"$out" | sort -u || true)
      gone=$(grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API)" <<<"$out" | sort -u || true)
      if [ -n "$gone" ]; then
        for f in "$p"/PublicAPI.Shipped.txt "$p"/PublicAPI.Unshipped.txt; do
          grep -vxF -f <(printf '%s\n' "$gone") "$f" > "$f.tmp" || true
          mv "$f.tmp" "$f"
        done
      fi
      if [ -n "$added" ]; then printf '%s\n' "$added" >> "$p/PublicAPI.Unshipped.txt"; fi
      echo "$p: $(grep -c . <<<"$added") recorded, $(grep -c . <<<"$gone") removed"
    done ;;
  "") dotnet format style ArchMcp.sln --diagnostics "${STYLE[@]}" --severity warn ;;
  *) echo "usage: $0 [--verify | public-api]" >&2; exit 2 ;;
esac
