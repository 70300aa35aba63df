# One image per service, all from this file: the build argument PROJECT names the project to publish.
#   docker build --build-arg PROJECT=services/Xichou.Housing/Xichou.Housing.csproj -t xichou/housing .
# docker-compose.yml builds every service and the gateway this way.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG PROJECT
WORKDIR /src
# global.json is left out on purpose: it pins this repository's development SDK, the image brings its own 10.0 SDK.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY services/ services/
COPY gateway/ gateway/
RUN test -n "$PROJECT" || { echo "set --build-arg PROJECT=<path to the .csproj>" >&2; exit 1; }
RUN dotnet restore "$PROJECT"
RUN dotnet publish "$PROJECT" --no-restore -c Release -o /app -p:UseAppHost=false \
    && printf '#!/bin/sh\nexec dotnet /app/%s.dll "$@"\n' "$(basename "$PROJECT" .csproj)" > /app/start \
    && chmod +x /app/start

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}
# curl for the compose health checks (GET /health).
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 CMD curl -fsS http://localhost:8080/health || exit 1
ENTRYPOINT ["/app/start"]
