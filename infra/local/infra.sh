#!/usr/bin/env bash
# Real infrastructure without Docker: an Apache Kafka 4.x broker (KRaft, single node) from
# Maven Central jars, and FerretDB 1.24 (MongoDB wire protocol, SQLite backend) built from the
# Go module proxy. Both listen on loopback only.
#
#   infra/local/infra.sh start|stop|status [kafka|ferretdb]
#
# start is idempotent: a running process is reused. It waits until the port accepts
# connections; on failure it prints the tail of the log and exits non-zero. State and caches
# live under $KELISIM_INFRA_DIR (default: <repo>/.infra, git-ignored). KELISIM_INFRA_CACHE_DIR
# (default: the same) holds what is fetched or built once (the broker's jars, the FerretDB
# binary), so that a second instance with its own data dir (the fault runs) reuses them.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE="${KELISIM_INFRA_DIR:-$REPO/.infra}"
CACHE="${KELISIM_INFRA_CACHE_DIR:-$STATE}"
KAFKA_PORT="${KELISIM_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KELISIM_KAFKA_CONTROLLER_PORT:-9093}"
MONGO_PORT="${KELISIM_MONGO_PORT:-27017}"
# Any 22-character base64 UUID; fixed so that a formatted data dir is always reusable.
CLUSTER_ID="4L6g3nShT-eMCtK--X86sw"

log() { printf '[infra] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits for a pid to open a port; prints the log tail and fails if it dies or times out.
wait_for_port() {
  local name=$1 port=$2 pidfile=$3 logfile=$4 seconds=$5
  for ((i = 0; i < seconds; i++)); do
    if port_open "$port"; then log "$name ready on 127.0.0.1:$port"; return 0; fi
    if ! pid_alive "$pidfile"; then
      log "$name exited during startup; last lines of $logfile:"; tail -n 60 "$logfile" >&2; return 1
    fi
    sleep 1
  done
  log "$name not ready after ${seconds}s; last lines of $logfile:"; tail -n 60 "$logfile" >&2; return 1
}

stop_pid() {
  local name=$1 pidfile=$2
  if pid_alive "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

# ---------------------------------------------------------------- Kafka
KAFKA_DIR="$STATE/kafka"
KAFKA_LIBS="$CACHE/kafka-libs"

kafka_start() {
  mkdir -p "$KAFKA_DIR/data" "$KAFKA_DIR/logs"
  if pid_alive "$KAFKA_DIR/kafka.pid" && port_open "$KAFKA_PORT"; then
    log "kafka already running (pid $(cat "$KAFKA_DIR/kafka.pid")) on 127.0.0.1:$KAFKA_PORT"; return 0
  fi
  if port_open "$KAFKA_PORT"; then
    log "port $KAFKA_PORT is taken by another process: set KAFKA_BROKERS to use it, or free the port"; return 1
  fi
  if [ ! -f "$KAFKA_LIBS/.complete" ]; then
    log "kafka: fetching the broker classpath from Maven Central (first start only)"
    rm -rf "$KAFKA_LIBS"
    mvn -B -q -f "$HERE/kafka/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS"
    touch "$KAFKA_LIBS/.complete"
  fi
  local java_opts=(-Xms256m -Xmx1g -XX:+UseG1GC -XX:MaxGCPauseMillis=20
    -Djava.awt.headless=true "-Dlog4j2.configurationFile=$HERE/kafka/log4j2.properties"
    "-Dkafka.logs.dir=$KAFKA_DIR/logs")
  sed -e "s#@DATA_DIR@#$KAFKA_DIR/data#" \
      -e "s#127.0.0.1:9092#127.0.0.1:$KAFKA_PORT#g" \
      -e "s#127.0.0.1:9093#127.0.0.1:$KAFKA_CONTROLLER_PORT#g" \
      "$HERE/kafka/server.properties" > "$KAFKA_DIR/server.properties"
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    log "kafka: formatting storage"
    java "${java_opts[@]}" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool \
      format --standalone --ignore-formatted -t "$CLUSTER_ID" -c "$KAFKA_DIR/server.properties" \
      > "$KAFKA_DIR/logs/format.out" 2>&1 || { tail -n 40 "$KAFKA_DIR/logs/format.out" >&2; return 1; }
  fi
  : > "$KAFKA_DIR/logs/kafka.out"
  nohup java "${java_opts[@]}" -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    >> "$KAFKA_DIR/logs/kafka.out" 2>&1 < /dev/null 9>&- &
  echo $! > "$KAFKA_DIR/kafka.pid"
  log "kafka: starting (pid $!)"
  # The port opens before the broker is unfenced; "Kafka Server started" comes after.
  wait_for_port kafka "$KAFKA_PORT" "$KAFKA_DIR/kafka.pid" "$KAFKA_DIR/logs/kafka.out" 120
  for _ in $(seq 1 60); do
    grep -q "Kafka Server started" "$KAFKA_DIR/logs/kafka.out" && return 0
    sleep 1
  done
  log "kafka opened its port but never reported started"; tail -n 60 "$KAFKA_DIR/logs/kafka.out" >&2; return 1
}

kafka_stop() { stop_pid kafka "$KAFKA_DIR/kafka.pid"; }

kafka_status() {
  if pid_alive "$KAFKA_DIR/kafka.pid" && port_open "$KAFKA_PORT"; then
    echo "kafka     running  pid $(cat "$KAFKA_DIR/kafka.pid")  127.0.0.1:$KAFKA_PORT"
  else
    echo "kafka     stopped"; return 1
  fi
}

# ---------------------------------------------------------------- FerretDB
FERRET_DIR="$STATE/ferretdb"
FERRET_BIN="$CACHE/bin/ferretdb-runner"

# FerretDB 1.24's SQLite backend never uses its own `_id` index: its `_id` filter is written
# `->'$._id'`, the index `->"_id"`, and SQLite matches index expressions by their text; and it
# pushes an `_id` down only when it is the filter's only key. Every read, update and delete by
# `_id` scanned the table (docs/adr/0007). The module is copied from the Go module cache, the
# patch in ferretdb/ applied, and the wrapper built against the copy.
ferretdb_build() {
  local build="$CACHE/ferretdb-build"
  rm -rf "$build" && mkdir -p "$build"
  cp "$HERE/ferretdb/go.mod" "$HERE/ferretdb/go.sum" "$HERE/ferretdb/main.go" "$build/"
  local module; module=$(cd "$build" && go mod download github.com/FerretDB/FerretDB \
    && go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)
  cp -r "$module" "$build/FerretDB" && chmod -R u+w "$build/FerretDB"
  patch --quiet -p1 -d "$build/FerretDB" < "$HERE/ferretdb/sqlite-id-index.patch"
  (cd "$build" && go mod edit -replace github.com/FerretDB/FerretDB=./FerretDB \
    && CGO_ENABLED=0 go build -trimpath -o "$FERRET_BIN" .)
}

ferretdb_start() {
  mkdir -p "$FERRET_DIR/data" "$FERRET_DIR/logs" "$CACHE/bin"
  if pid_alive "$FERRET_DIR/ferretdb.pid" && port_open "$MONGO_PORT"; then
    log "ferretdb already running (pid $(cat "$FERRET_DIR/ferretdb.pid")) on 127.0.0.1:$MONGO_PORT"; return 0
  fi
  if port_open "$MONGO_PORT"; then
    log "port $MONGO_PORT is taken by another process: set MONGO_URL to use it, or free the port"; return 1
  fi
  # Rebuild when the wrapper's sources or the patch change, so a fresh checkout never runs a stale binary.
  local stamp; stamp=$(cat "$HERE/ferretdb/go.mod" "$HERE/ferretdb/go.sum" "$HERE/ferretdb/main.go" \
    "$HERE/ferretdb/sqlite-id-index.patch" | cksum | cut -d' ' -f1)
  if [ ! -x "$FERRET_BIN" ] || [ "$(cat "$FERRET_BIN.stamp" 2>/dev/null)" != "$stamp" ]; then
    log "ferretdb: building FerretDB v1.24 from the Go module proxy, patched (first start only, a few minutes)"
    ferretdb_build
    echo "$stamp" > "$FERRET_BIN.stamp"
  fi
  : > "$FERRET_DIR/logs/ferretdb.out"
  nohup "$FERRET_BIN" -listen-addr "127.0.0.1:$MONGO_PORT" -handler sqlite \
    -sqlite-url "file:$FERRET_DIR/data/" >> "$FERRET_DIR/logs/ferretdb.out" 2>&1 < /dev/null 9>&- &
  echo $! > "$FERRET_DIR/ferretdb.pid"
  log "ferretdb: starting (pid $!)"
  wait_for_port ferretdb "$MONGO_PORT" "$FERRET_DIR/ferretdb.pid" "$FERRET_DIR/logs/ferretdb.out" 60
}

ferretdb_stop() { stop_pid ferretdb "$FERRET_DIR/ferretdb.pid"; }

ferretdb_status() {
  if pid_alive "$FERRET_DIR/ferretdb.pid" && port_open "$MONGO_PORT"; then
    echo "ferretdb  running  pid $(cat "$FERRET_DIR/ferretdb.pid")  mongodb://127.0.0.1:$MONGO_PORT"
  else
    echo "ferretdb  stopped"; return 1
  fi
}

# ---------------------------------------------------------------- main
cmd=${1:-}
what=${2:-all}
case "$what" in all) parts=(ferretdb kafka) ;; kafka|ferretdb) parts=("$what") ;;
  *) echo "unknown component: $what (kafka|ferretdb)" >&2; exit 2 ;; esac
# One infra.sh at a time: parallel test runs must not race to build or start the same process.
mkdir -p "$STATE"
exec 9>"$STATE/.lock"
flock 9
case "$cmd" in
  start)
    for p in "${parts[@]}"; do "${p}_start"; done ;;
  stop) for p in "${parts[@]}"; do "${p}_stop"; done ;;
  status) rc=0; for p in "${parts[@]}"; do "${p}_status" || rc=1; done; exit $rc ;;
  restart) for p in "${parts[@]}"; do "${p}_stop"; "${p}_start"; done ;;
  *) echo "usage: $0 start|stop|status|restart [kafka|ferretdb]" >&2; exit 2 ;;
esac
