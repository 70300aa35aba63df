#!/usr/bin/env bash
# Prints the first API calls a newcomer can paste once ./run.sh is up: sign in as the poverty office for a token,
# then register a household through the gateway with the fields the API takes. ./run.sh shows exactly this text, and
# the end-to-end test FirstStepsTests runs it with bash against a running platform, so what is printed keeps working.
#   scripts/first-steps.sh [GATEWAY_PORT]     (default 8080)
set -euo pipefail
port=${1:-8080}
cat << EOF2
token=\$(curl -s http://localhost:$port/auth/token -H 'content-type: application/json' \\
  -d '{"username":"poverty-office","password":"Xichou#2021"}' | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
curl -s -XPOST http://localhost:$port/monitoring/api/households -H "authorization: Bearer \$token" \\
  -H 'content-type: application/json' -d '{"villageCode":"532623101012","headName":"王明","headIdNumber":"532623198001011238"}'
EOF2
