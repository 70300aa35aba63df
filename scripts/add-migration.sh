#!/usr/bin/env bash
# Adds a migration with the given name to every service, once per provider (SQLite and SQL Server),
# each into its own Infrastructure/Migrations/<Provider> folder. Offline: no database is needed.
# The gateway's user store is not a service's schema: name it to migrate it, e.g.
#   scripts/add-migration.sh AddUserPhone Gateway
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName [Service|Gateway ...]}
shift
cd "$(dirname "$0")/.."
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(Monitoring Housing Agriculture Employment Education Water Insurance CommandCentre)
dotnet tool restore >/dev/null
for service in "${services[@]}"; do
  if [ "$service" = Gateway ]; then project=gateway/Xichou.Gateway; else project=services/Xichou.$service; fi
  dotnet build "$project" -v q -nologo >/dev/null
  for provider in Sqlite SqlServer; do
    dotnet ef migrations add "$name" --no-build --project "$project" --context "${provider}${service}DbContext" \
      --output-dir "Infrastructure/Migrations/$provider"
  done
done
