# syntax=docker/dockerfile:1
# ArchMcp server image: one self-contained `archmcp` (ReadyToRun per assembly — not the Native AOT executable of a
# plain `dotnet publish`, whose link needs a C toolchain the SDK image lacks and whose start-up gain matters little
# to a long-running server) on the .NET runtime-deps base, running as a non-root user, serving Streamable HTTP on
# 0.0.0.0:8080 by default (bearer token required: -e ARCHMCP_TOKEN=…).
#
#   docker build -t archmcp .
#   docker run -d -p 8080:8080 -e ARCHMCP_TOKEN=… -v "$PWD/knowledge:/knowledge:ro" -v archmcp-index:/data archmcp
#   docker run -i --rm archmcp serve                          # stdio
#   docker build --build-arg BAKE_INDEX=true -t archmcp:baked .   # index built into the image
#
# Base images are build arguments so that a mirror (or a locally made base, see tests/container/smoke.sh) can
# stand in for the official ones. The runtime base needs glibc, libstdc++, ca-certificates and bash (health check):
# runtime-deps has them; no ICU is needed (the app runs with invariant globalization).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0

# ---------------------------------------------------------------------------------------------------- build --
FROM ${SDK_IMAGE} AS build
ARG TARGETARCH
ENV DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
WORKDIR /src

# Restore first, from the project files only, so source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ArchMcp.Search/ArchMcp.Search.csproj src/ArchMcp.Search/
COPY src/ArchMcp.Core/ArchMcp.Core.csproj src/ArchMcp.Core/
COPY src/ArchMcp.Server/ArchMcp.Server.csproj src/ArchMcp.Server/
RUN --mount=type=cache,id=archmcp-nuget,target=/root/.nuget/packages \
    rid="linux-$(case "${TARGETARCH:-amd64}" in arm64) echo arm64 ;; *) echo x64 ;; esac)" \
 && echo "$rid" > /tmp/rid \
 && dotnet restore src/ArchMcp.Server/ArchMcp.Server.csproj -r "$rid" -p:SelfContained=true -p:PublishReadyToRun=true

COPY src/ src/
COPY knowledge/ knowledge/
RUN --mount=type=cache,id=archmcp-nuget,target=/root/.nuget/packages \
    dotnet publish src/ArchMcp.Server/ArchMcp.Server.csproj -c Release -r "$(cat /tmp/rid)" --no-restore \
      -p:SelfContained=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=false \
      -p:DebugType=none -p:GenerateDocumentationFile=false -o /app \
 && rm -rf /app/knowledge \
 && /app/archmcp --version

# -------------------------------------------------------------------------------------------------- runtime --
FROM ${RUNTIME_IMAGE} AS runtime
# The official .NET images already have the user "app" (uid 1654); a plain base gets it here.
ARG APP_UID=1654
RUN set -eu; \
    if ! getent passwd "${APP_UID}" >/dev/null; then \
      groupadd --gid "${APP_UID}" app; \
      useradd --uid "${APP_UID}" --gid "${APP_UID}" --no-create-home --home-dir /data --shell /usr/sbin/nologin app; \
    fi; \
    mkdir -p /data /knowledge; \
    chown "${APP_UID}:${APP_UID}" /data; \
    printf '%s\n' \
      '#!/bin/bash' \
      '# GET /healthz through bash /dev/tcp (the image has no curl or wget). Port: ARCHMCP_HEALTH_PORT, else the' \
      '# --urls port of the server (PID 1), else 8080. Nothing to probe when PID 1 serves stdio.' \
      'port=${ARCHMCP_HEALTH_PORT:-}' \
      'if [ -z "$port" ]; then' \
      '  cmd=$(tr "\000" " " < /proc/1/cmdline)' \
      '  case "$cmd" in *--http*) ;; *) exit 0 ;; esac' \
      '  port=$(sed -nE "s#.*--urls[= ]+https?://[^ ]*:([0-9]+).*#\1#p" <<< "$cmd")' \
      'fi' \
      'exec 3<>"/dev/tcp/127.0.0.1/${port:-8080}" || exit 1' \
      'printf "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3' \
      'IFS= read -r -t 4 status <&3 || exit 1' \
      'case "$status" in *" 200 "*) exit 0 ;; *) echo "$status"; exit 1 ;; esac' \
      > /usr/local/bin/archmcp-healthz; \
    chmod 755 /usr/local/bin/archmcp-healthz

COPY --from=build /app/ /app/
# The built-in knowledge is the default; mount your own over it read-only: -v /path/to/knowledge:/knowledge:ro
COPY knowledge/ /knowledge/

ENV PATH="/app:${PATH}" \
    ARCHMCP_Knowledge__Roots__0=/knowledge \
    ARCHMCP_Knowledge__IndexPath=/data/index \
    DOTNET_NOLOGO=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
WORKDIR /data
USER ${APP_UID}

# BAKE_INDEX=true builds the index of the built-in knowledge into the image (faster first start; a mounted
# knowledge folder is still re-indexed incrementally at start).
ARG BAKE_INDEX=false
RUN if [ "${BAKE_INDEX}" = "true" ]; then archmcp index; fi

# Each container keeps its own index here (stateless otherwise); a named volume keeps it across restarts.
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["/usr/local/bin/archmcp-healthz"]
LABEL org.opencontainers.image.title="ArchMcp" \
      org.opencontainers.image.description="Architecture decisions, standards and reference architectures over MCP" \
      org.opencontainers.image.licenses="MIT" \
      io.modelcontextprotocol.server.name="io.github.archmcp/archmcp"
ENTRYPOINT ["/app/archmcp"]
# A non-loopback bind needs ARCHMCP_TOKEN: without it the server refuses to start and says so.
CMD ["serve", "--http", "--urls", "http://0.0.0.0:8080"]
