#!/usr/bin/env bash
# Adds a migration with the given name to every service, once per provider (SQLite and SQL Server),
# each into its own Infrastructure/Migrations/<Provider> folder. Offline: no database is needed.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName [Service ...]}
shift
cd "$(dirname "$0")/.."
services=("$@")
[ ${#services[@]} -gt 0 ] || services=(Monitoring Housing Agriculture Employment Education Water Insurance CommandCentre)
dotnet tool restore >/dev/null
for service in "${services[@]}"; do
  project=services/Xichou.$service
  dotnet build "$project" -v q -nologo >/dev/null
  for provider in Sqlite SqlServer; do
    dotnet ef migrations add "$name" --no-build --project "$project" --context "${provider}${service}DbContext" \
      --output-dir "Infrastructure/Migrations/$provider"
  done
done
