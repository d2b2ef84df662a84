#!/usr/bin/env bash
# Starts the platform. For now: the infrastructure (given endpoints are used as they are; else
# Docker compose when an engine answers; else infra/local). Later: topics, services, demo data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [ -n "${KAFKA_BROKERS:-}" ] && [ -n "${MONGO_URL:-}" ]; then
  echo "[kelisim] using the given KAFKA_BROKERS=$KAFKA_BROKERS and MONGO_URL"
elif docker info >/dev/null 2>&1; then
  docker compose up -d --wait kafka mongodb
  echo "[kelisim] Kafka on 127.0.0.1:9092, MongoDB on mongodb://127.0.0.1:27017 (docker compose)"
else
  bash infra/local/infra.sh start
  bash infra/local/infra.sh status
fi
