#!/usr/bin/env bash
# Container smoke test: builds the image from the top-level Dockerfile and probes it over stdio and HTTP.
#
# This machine has no Docker engine and no registry, so the image is built and run as root with Debian's
# podman/buildah and chroot isolation. The official base images cannot be pulled: a Debian base made with
# mmdebstrap stands in for runtime-deps, and the same base plus this machine's .NET SDK (and its CA bundle, for
# the NuGet proxy) stands in for the SDK image — through the Dockerfile's SDK_IMAGE / RUNTIME_IMAGE arguments.
# Bases, image storage and the NuGet cache live in $ARCHMCP_CONTAINER_CACHE (default /var/cache/archmcp-container)
# so only the first run pays for them. Prints "container smoke: N passed, N failed"; exits non-zero on failure.
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${ARCHMCP_CONTAINER_CACHE:-/var/cache/archmcp-container}"
IMAGE=localhost/archmcp:smoke
SUITE=bookworm
BASE_PACKAGES=ca-certificates,libssl3
BASE_KEY="$SUITE-minbase-v1"
BASE_IMAGE="localhost/archmcp-base:$BASE_KEY"

passed=0; failed=0
ok()  { passed=$((passed + 1)); echo "PASS $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "container smoke: $passed passed, $failed failed"; [ "$failed" -eq 0 ] && exit 0; exit 1; }
# A prerequisite that cannot be met: say exactly why, count it as a failure, stop.
impossible() { bad "cannot build or run the image here: $*"; finish; }
log() { echo "::: $*" >&2; }

TMP="$(mktemp -d /tmp/archmcp-smoke.XXXXXX)"
CONTAINERS=(); SERVER_PGID=""
cleanup() {
  if [ -n "$SERVER_PGID" ]; then kill -TERM -- "-$SERVER_PGID" 2>/dev/null; sleep 1; kill -KILL -- "-$SERVER_PGID" 2>/dev/null; fi
  for c in "${CONTAINERS[@]}"; do buildah "${STORE[@]}" rm "$c" >/dev/null 2>&1; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# ------------------------------------------------------------------------------------------ prerequisites --
[ "$(id -u)" -eq 0 ] || impossible "podman/buildah with chroot isolation need root on this machine (running as uid $(id -u))"
need=()
for tool in podman buildah mmdebstrap python3 flock ss; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ "${#need[@]}" -gt 0 ]; then
  log "installing ${need[*]} (apt-get)"
  pkgs=(); for t in "${need[@]}"; do case "$t" in flock) pkgs+=(util-linux) ;; ss) pkgs+=(iproute2) ;; *) pkgs+=("$t") ;; esac; done
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}"; } >"$TMP/apt.log" 2>&1 \
    || impossible "apt-get install ${pkgs[*]} failed: $(tail -n 1 "$TMP/apt.log")"
fi
command -v dotnet >/dev/null || impossible "no dotnet SDK on PATH to stand in for the SDK image"
DOTNET_ROOT_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
SDK_VERSION="$(cd "$ROOT" && dotnet --version)" || impossible "dotnet --version failed"
SDK_IMAGE="localhost/archmcp-sdk:$SDK_VERSION-$BASE_KEY"

mkdir -p "$CACHE" || impossible "cannot create the cache folder $CACHE"
STORE=(--root "$CACHE/storage" --runroot "$CACHE/run")
# One image build at a time on this machine (CI and a developer session may overlap).
exec 9>"$CACHE/lock"
flock -w 1800 9 || impossible "another container build held $CACHE/lock for 30 minutes"

# ------------------------------------------------------------------------------------------- base images --
if ! podman "${STORE[@]}" image exists "$BASE_IMAGE"; then
  if [ ! -s "$CACHE/base-$BASE_KEY.tar" ]; then
    mirror="$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)"
    [ -n "$mirror" ] || mirror="$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)"
    log "making the $SUITE base with mmdebstrap from ${mirror:-the default mirror} (a few minutes, once)"
    mmdebstrap --variant=minbase --include="$BASE_PACKAGES" \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
      "$SUITE" "$TMP/base.tar" ${mirror:+"$mirror"} >"$TMP/mmdebstrap.log" 2>&1 \
      || impossible "mmdebstrap failed: $(tail -n 1 "$TMP/mmdebstrap.log")"
    mv "$TMP/base.tar" "$CACHE/base-$BASE_KEY.tar"
  fi
  podman "${STORE[@]}" import --change 'CMD ["/bin/bash"]' "$CACHE/base-$BASE_KEY.tar" "$BASE_IMAGE" >"$TMP/import.log" 2>&1 \
    || impossible "podman import of the base failed: $(tail -n 1 "$TMP/import.log")"
fi

if ! podman "${STORE[@]}" image exists "$SDK_IMAGE"; then
  log "making $SDK_IMAGE from $BASE_IMAGE and $DOTNET_ROOT_DIR (once per SDK version)"
  c="$(buildah "${STORE[@]}" from "$BASE_IMAGE")" || impossible "buildah from $BASE_IMAGE failed"
  CONTAINERS+=("$c")
  { buildah "${STORE[@]}" copy "$c" "$DOTNET_ROOT_DIR" /usr/share/dotnet \
    && buildah "${STORE[@]}" copy "$c" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt \
    && buildah "${STORE[@]}" run --isolation chroot "$c" -- ln -sf /usr/share/dotnet/dotnet /usr/bin/dotnet \
    && buildah "${STORE[@]}" config --env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 --env NUGET_CERT_REVOCATION_MODE=offline \
         --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt --env DOTNET_NOLOGO=1 --env DOTNET_CLI_TELEMETRY_OPTOUT=1 "$c" \
    && buildah "${STORE[@]}" commit -q "$c" "$SDK_IMAGE"; } >"$TMP/sdk.log" 2>&1 \
    || impossible "making the SDK stand-in image failed: $(tail -n 1 "$TMP/sdk.log")"
fi

# ------------------------------------------------------------------------------------------------- build --
log "podman build (chroot isolation) of $ROOT/Dockerfile"
start=$SECONDS
if podman "${STORE[@]}" build --isolation chroot --format docker --layers \
     --build-arg SDK_IMAGE="$SDK_IMAGE" --build-arg RUNTIME_IMAGE="$BASE_IMAGE" --build-arg TARGETARCH=amd64 \
     -t "$IMAGE" -f "$ROOT/Dockerfile" "$ROOT" >"$TMP/build.log" 2>&1; then
  ok "image builds from the Dockerfile ($((SECONDS - start)) s)"
else
  tail -n 25 "$TMP/build.log" >&2
  bad "image build failed: $(grep -E 'error|Error' "$TMP/build.log" | tail -n 1)"
  finish
fi
size="$(podman "${STORE[@]}" image inspect --format '{{.Size}}' "$IMAGE")"
base_size="$(podman "${STORE[@]}" image inspect --format '{{.Size}}' "$BASE_IMAGE")"
echo "# image size: $((size / 1000000)) MB ($(( (size - base_size) / 1000000 )) MB over the $((base_size / 1000000)) MB stand-in base)"
# Tidy dangling layers of earlier builds (the layer cache of this build stays).
podman "${STORE[@]}" image prune -f >/dev/null 2>&1

# ------------------------------------------------------------------------------------------ image config --
cfg() { podman "${STORE[@]}" image inspect --format "$1" "$IMAGE"; }
user="$(cfg '{{.Config.User}}')"
case "$user" in ""|0|0:*|root|root:*) bad "image USER is non-root (got '${user:-<unset>}')" ;; *) ok "image USER is non-root ($user)" ;; esac
[[ "$(cfg '{{json .Config.Healthcheck}}')" == *archmcp-healthz* ]] && ok "image has a HEALTHCHECK" || bad "image has no HEALTHCHECK"
[[ "$(cfg '{{json .Config.ExposedPorts}}')" == *8080* ]] && ok "image exposes 8080" || bad "image does not expose 8080"
[[ "$(cfg '{{json .Config.Volumes}}')" == *'"/data"'* ]] && ok "image declares the /data volume" || bad "image declares no /data volume"
mapfile -t DEFAULT_CMD < <(python3 -c 'import json,sys; c=json.load(sys.stdin); print("\n".join((c.get("Entrypoint") or [])+(c.get("Cmd") or [])))' <<<"$(cfg '{{json .Config}}')")
[[ " ${DEFAULT_CMD[*]} " == *" serve --http "*0.0.0.0:8080* ]] && ok "default command serves HTTP on 0.0.0.0:8080 (${DEFAULT_CMD[*]})" \
  || bad "default command is not HTTP on 0.0.0.0:8080: ${DEFAULT_CMD[*]}"

# ------------------------------------------------------------------------------------------ run the image --
c="$(buildah "${STORE[@]}" from --name "archmcp-smoke-$$" "$IMAGE")" || { bad "buildah from $IMAGE failed"; finish; }
CONTAINERS+=("$c")
run() { buildah "${STORE[@]}" run --isolation chroot "$@"; }

uid="$(run "$c" -- id -u 2>"$TMP/id.err")"
[ -n "$uid" ] && [ "$uid" != 0 ] && ok "processes in the container run as uid $uid" || bad "container user is root or unknown ('$uid' $(cat "$TMP/id.err"))"
version="$(run "$c" -- archmcp --version 2>&1)" && ok "archmcp --version: $version" || bad "archmcp --version failed: $version"

# The default command without a token must refuse the non-loopback bind, and say why.
timeout 60 buildah "${STORE[@]}" run --isolation chroot "$c" -- "${DEFAULT_CMD[@]}" >"$TMP/notoken.log" 2>&1; rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 124 ] && grep -q ARCHMCP_TOKEN "$TMP/notoken.log"; then
  ok "default command without ARCHMCP_TOKEN refuses to start (exit $rc) and names ARCHMCP_TOKEN"
else
  bad "default command without ARCHMCP_TOKEN: exit $rc, $(tail -n 1 "$TMP/notoken.log")"
fi

# stdio: the built-in knowledge and the image's own /data.
log "stdio: initialize, search_knowledge, get_decision"
python3 "$HERE/mcp_probe.py" stdio -- buildah "${STORE[@]}" run --isolation chroot "$c" -- archmcp serve \
  >"$TMP/stdio.out" 2>"$TMP/stdio.err"
cat "$TMP/stdio.out"
passed=$((passed + $(grep -c '^PASS' "$TMP/stdio.out"))); failed=$((failed + $(grep -c '^FAIL' "$TMP/stdio.out")))
grep -q '^PASS stdio initialize' "$TMP/stdio.out" || { echo "--- stdio server stderr" >&2; tail -n 20 "$TMP/stdio.err" >&2; }

# HTTP: a knowledge folder mounted read-only at /knowledge, the index on a mounted /data, a bearer token.
cp -r "$ROOT/knowledge" "$TMP/knowledge"
(cd "$TMP/knowledge" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$TMP/knowledge.before"
mkdir -p "$TMP/data" && chown "${uid:-1654}" "$TMP/data"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
TOKEN="smoke-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
log "http: serve --http --urls http://0.0.0.0:$PORT"
setsid buildah "${STORE[@]}" run --isolation chroot --env ARCHMCP_TOKEN="$TOKEN" \
  -v "$TMP/knowledge:/knowledge:ro" -v "$TMP/data:/data" "$c" -- archmcp serve --http --urls "http://0.0.0.0:$PORT" \
  >"$TMP/http.log" 2>&1 </dev/null &
SERVER_PGID=$!
up=""
for _ in $(seq 1 120); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$PORT/healthz', timeout=2)" 2>/dev/null; then up=1; break; fi
  kill -0 "$SERVER_PGID" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$up" ]; then
  tail -n 20 "$TMP/http.log" >&2
  bad "HTTP server did not answer /healthz on port $PORT: $(tail -n 1 "$TMP/http.log")"
else
  ok "HTTP server listens on 0.0.0.0:$PORT with a token"
  pid="$(ss -Hltnp "sport = :$PORT" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -n 1)"
  puid="$(awk '/^Uid:/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
  [ -n "$puid" ] && [ "$puid" != 0 ] && ok "the HTTP server process ($pid) runs as uid $puid" || bad "the HTTP server process (${pid:-?}) runs as uid '${puid:-?}'"
  python3 "$HERE/mcp_probe.py" http "http://127.0.0.1:$PORT" "$TOKEN" >"$TMP/http.out" 2>&1
  cat "$TMP/http.out"
  passed=$((passed + $(grep -c '^PASS' "$TMP/http.out"))); failed=$((failed + $(grep -c '^FAIL' "$TMP/http.out")))
  run --env ARCHMCP_HEALTH_PORT="$PORT" "$c" -- /usr/local/bin/archmcp-healthz >/dev/null 2>&1 \
    && ok "the image's health check passes against the running server" || bad "the image's health check fails against the running server"
  run --env ARCHMCP_HEALTH_PORT=1 "$c" -- /usr/local/bin/archmcp-healthz >/dev/null 2>&1 \
    && bad "the image's health check passes with nothing listening" || ok "the image's health check fails with nothing listening"
  [ -d "$TMP/data/index" ] && [ -n "$(ls -A "$TMP/data/index")" ] && ok "the index is written to the /data volume" || bad "no index under the /data volume"
fi
kill -TERM -- "-$SERVER_PGID" 2>/dev/null
for _ in $(seq 1 20); do kill -0 "$SERVER_PGID" 2>/dev/null || break; sleep 0.5; done
kill -0 "$SERVER_PGID" 2>/dev/null && bad "HTTP server did not stop on SIGTERM" || ok "HTTP server stops on SIGTERM"
SERVER_PGID=""
(cd "$TMP/knowledge" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$TMP/knowledge.after"
cmp -s "$TMP/knowledge.before" "$TMP/knowledge.after" && ok "the mounted knowledge is unchanged" || bad "the mounted knowledge changed"

finish
