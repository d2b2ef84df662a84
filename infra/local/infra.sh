#!/usr/bin/env bash
# Real infrastructure without Docker: an Apache Kafka 4.x broker (KRaft, single node) from
# Maven Central jars, and FerretDB 1.24 (MongoDB wire protocol) built from the Go module proxy,
# storing in a PostgreSQL 15 cluster of its own (Debian's postgresql-15) or, with
# KELISIM_STORE_BACKEND=sqlite, in SQLite files. All listen on loopback only.
#
#   infra/local/infra.sh start|stop|status|restart [kafka|ferretdb|postgresql|keycloak|jaeger]
#   KELISIM_KAFKA_BROKERS=3 infra/local/infra.sh start kafka   a three-node Kafka cluster instead
#                                                              (see "Kafka, three nodes" below)
#
# start is idempotent: a running process is reused. It waits until the port accepts
# connections; on failure it prints the tail of the log and exits non-zero. State and caches
# live under $KELISIM_INFRA_DIR (default: <repo>/.infra, git-ignored). KELISIM_INFRA_CACHE_DIR
# (default: the same) holds what is fetched or built once (the broker's jars, the FerretDB
# binary), so that a second instance with its own data dir (the fault runs) reuses them.
# Starting ferretdb starts its PostgreSQL cluster first; stopping ferretdb leaves the cluster
# running (a FerretDB restart is one of the fault runs' faults), `stop` with no part stops all.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE="${KELISIM_INFRA_DIR:-$REPO/.infra}"
CACHE="${KELISIM_INFRA_CACHE_DIR:-$STATE}"
KAFKA_PORT="${KELISIM_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KELISIM_KAFKA_CONTROLLER_PORT:-9093}"
MONGO_PORT="${KELISIM_MONGO_PORT:-27017}"
POSTGRES_PORT="${KELISIM_POSTGRES_PORT:-55432}"
STORE_BACKEND="${KELISIM_STORE_BACKEND:-postgresql}"
# Any 22-character base64 UUID; fixed so that a formatted data dir is always reusable.
CLUSTER_ID="4L6g3nShT-eMCtK--X86sw"

log() { printf '[infra] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Waits for a pid to open a port; prints the log tail and fails if it dies or times out.
# Waits until `check` (a command line) succeeds; fails, with the log's tail, when the process
# exits first or `seconds` pass.
wait_until() {
  local name=$1 check=$2 pidfile=$3 logfile=$4 seconds=$5
  local deadline=$((SECONDS + seconds))
  while ((SECONDS < deadline)); do
    if $check; then return 0; fi
    if ! pid_alive "$pidfile"; then
      log "$name exited during startup; last lines of $logfile:"; tail -n 60 "$logfile" >&2; return 1
    fi
    sleep 1
  done
  log "$name not ready after ${seconds}s; last lines of $logfile:"; tail -n 60 "$logfile" >&2; return 1
}

wait_for_port() {
  local name=$1 port=$2
  wait_until "$name" "port_open $port" "$3" "$4" "$5" && log "$name ready on 127.0.0.1:$port"
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
  kafka_fetch_libs
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

# ---------------------------------------------------------------- Kafka, three nodes
# KELISIM_KAFKA_BROKERS=3: a cluster of three KRaft nodes (each broker and controller) instead of
# the single broker, with replication factor 3 and min.insync.replicas=2 (kafka/cluster.properties),
# in a state folder of its own ($STATE/kafka-cluster/node-N). Its ports default away from the
# single broker's (9092): KELISIM_KAFKA_PORTS and KELISIM_KAFKA_CONTROLLER_PORTS, three each,
# comma-separated. `start kafka` starts whichever nodes are not running (a killed node comes back).
KAFKA_NODES="${KELISIM_KAFKA_BROKERS:-1}"
KAFKA_CLUSTER_DIR="$STATE/kafka-cluster"
IFS=, read -r -a KAFKA_NODE_PORTS <<< "${KELISIM_KAFKA_PORTS:-19092,19094,19096}"
IFS=, read -r -a KAFKA_NODE_CONTROLLER_PORTS <<< "${KELISIM_KAFKA_CONTROLLER_PORTS:-19093,19095,19097}"
# A cluster of its own: a data dir formatted for the single broker is never reused by it.
KAFKA_CLUSTER_ID="8O-e96tmTha8owPmgJTNmA"

kafka_fetch_libs() {
  if [ ! -f "$KAFKA_LIBS/.complete" ]; then
    log "kafka: fetching the broker classpath from Maven Central (first start only)"
    rm -rf "$KAFKA_LIBS"
    mvn -B -q -f "$HERE/kafka/pom.xml" \
      org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS"
    touch "$KAFKA_LIBS/.complete"
  fi
}

kafka_node_java_opts() {
  # Three JVMs on a shared machine: a smaller heap each than the single broker's.
  echo "-Xms128m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true" \
    "-Dlog4j2.configurationFile=$HERE/kafka/log4j2.properties -Dkafka.logs.dir=$KAFKA_CLUSTER_DIR/node-$1/logs"
}

kafka_cluster_start() {
  [ "$KAFKA_NODES" = 3 ] || { log "KELISIM_KAFKA_BROKERS must be 1 or 3, not $KAFKA_NODES"; return 2; }
  kafka_fetch_libs
  local voters="" i started=()
  for i in 1 2 3; do voters+="${voters:+,}$i@127.0.0.1:${KAFKA_NODE_CONTROLLER_PORTS[i-1]}"; done
  for i in 1 2 3; do
    local dir="$KAFKA_CLUSTER_DIR/node-$i" port="${KAFKA_NODE_PORTS[i-1]}"
    mkdir -p "$dir/data" "$dir/logs"
    if pid_alive "$dir/kafka.pid"; then continue; fi
    if port_open "$port"; then log "port $port is taken by another process: set KELISIM_KAFKA_PORTS"; return 1; fi
    sed -e "s#@DATA_DIR@#$dir/data#" -e "s#@NODE_ID@#$i#" -e "s#@VOTERS@#$voters#" \
        -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#${KAFKA_NODE_CONTROLLER_PORTS[i-1]}#g" \
        "$HERE/kafka/cluster.properties" > "$dir/server.properties"
    if [ ! -f "$dir/data/meta.properties" ]; then
      # shellcheck disable=SC2046
      java $(kafka_node_java_opts "$i") -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool \
        format --ignore-formatted -t "$KAFKA_CLUSTER_ID" -c "$dir/server.properties" \
        > "$dir/logs/format.out" 2>&1 || { tail -n 40 "$dir/logs/format.out" >&2; return 1; }
    fi
    : > "$dir/logs/kafka.out"
    # shellcheck disable=SC2046
    nohup java $(kafka_node_java_opts "$i") -cp "$KAFKA_LIBS/*" kafka.Kafka "$dir/server.properties" \
      >> "$dir/logs/kafka.out" 2>&1 < /dev/null 9>&- &
    echo $! > "$dir/kafka.pid"
    log "kafka node $i: starting (pid $!)"
    started+=("$i")
  done
  # The nodes start together: none reports started before a majority of controllers is up.
  for i in "${started[@]}"; do
    local dir="$KAFKA_CLUSTER_DIR/node-$i"
    wait_until "kafka node $i" "grep -q Kafka.Server.started $dir/logs/kafka.out" "$dir/kafka.pid" \
      "$dir/logs/kafka.out" 360 || return 1
    log "kafka node $i ready on 127.0.0.1:${KAFKA_NODE_PORTS[i-1]}"
  done
  log "kafka cluster: 127.0.0.1:${KAFKA_NODE_PORTS[0]},127.0.0.1:${KAFKA_NODE_PORTS[1]},127.0.0.1:${KAFKA_NODE_PORTS[2]}"
}

kafka_cluster_stop() {
  local i
  # All at once: a node stopped alone waits for the others to take its partitions over.
  for i in 1 2 3; do
    pid_alive "$KAFKA_CLUSTER_DIR/node-$i/kafka.pid" && kill "$(cat "$KAFKA_CLUSTER_DIR/node-$i/kafka.pid")" 2>/dev/null
  done
  for i in 1 2 3; do stop_pid "kafka node $i" "$KAFKA_CLUSTER_DIR/node-$i/kafka.pid"; done
}

kafka_cluster_status() {
  local i rc=0
  for i in 1 2 3; do
    if pid_alive "$KAFKA_CLUSTER_DIR/node-$i/kafka.pid" && port_open "${KAFKA_NODE_PORTS[i-1]}"; then
      echo "kafka-$i   running  pid $(cat "$KAFKA_CLUSTER_DIR/node-$i/kafka.pid")  127.0.0.1:${KAFKA_NODE_PORTS[i-1]}"
    else
      echo "kafka-$i   stopped"; rc=1
    fi
  done
  return $rc
}

if [ "$KAFKA_NODES" != 1 ]; then
  kafka_start() { kafka_cluster_start; }
  kafka_stop() { kafka_cluster_stop; }
  kafka_status() { kafka_cluster_status; }
fi

# ---------------------------------------------------------------- PostgreSQL
PG_DIR="$STATE/postgresql"
PG_BIN="${KELISIM_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
# As root, the cluster belongs to `postgres`, which cannot enter a checkout under a private home
# (/root): the cluster then lives under /var/lib/postgresql, one folder per state folder.
postgresql_dir() {
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
    if ! runuser -u postgres -- test -w "$PG_DIR"; then
      PG_DIR="/var/lib/postgresql/kelisim-$(printf '%s' "$PG_DIR" | cksum | cut -d' ' -f1)"
      mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
    fi
  fi
}

# initdb and postgres refuse to run as root (CI runs as root): then the cluster belongs to the
# `postgres` user that Debian's package creates, and every server command runs as that user.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgresql_install() {
  [ -x "$PG_BIN/pg_ctl" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "postgresql: installing Debian's postgresql-15 (first start on this machine only)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null; }
  fi
  [ -x "$PG_BIN/pg_ctl" ] || { log "PostgreSQL 15 not found in $PG_BIN: apt-get install postgresql-15, or set KELISIM_POSTGRES_BIN"; return 1; }
}

postgresql_running() { as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1 && port_open "$POSTGRES_PORT"; }

postgresql_start() {
  postgresql_install && postgresql_dir
  mkdir -p "$PG_DIR/logs" "$PG_DIR/run"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR" "$PG_DIR/logs" "$PG_DIR/run"
  if postgresql_running; then
    [ "${1:-}" = quiet ] || log "postgresql already running on 127.0.0.1:$POSTGRES_PORT"; return 0
  fi
  if port_open "$POSTGRES_PORT"; then
    log "port $POSTGRES_PORT is taken by another process: set KELISIM_POSTGRES_PORT, or free the port"; return 1
  fi
  if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
    log "postgresql: creating the cluster (first start only)"
    # FerretDB accepts only UTF8 with the C, POSIX or C.UTF8 locale.
    as_pg_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -E UTF8 --locale=C --auth=trust -U postgres \
      > "$PG_DIR/logs/initdb.out" 2>&1 || { tail -n 40 "$PG_DIR/logs/initdb.out" >&2; return 1; }
  fi
  # The server settings for a development and test store live in the repository; see the file.
  cp "$HERE/postgresql/kelisim.conf" "$PG_DIR/data/kelisim.conf"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR/data/kelisim.conf"
  grep -q "include_if_exists = 'kelisim.conf'" "$PG_DIR/data/postgresql.conf" \
    || echo "include_if_exists = 'kelisim.conf'" >> "$PG_DIR/data/postgresql.conf"
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/logs/postgresql.log" -w -t 60 \
    -o "-p $POSTGRES_PORT -k $PG_DIR/run -c listen_addresses=127.0.0.1" start \
    > "$PG_DIR/logs/pg_ctl.out" 2>&1 < /dev/null 9>&- \
    || { log "postgresql did not start; last lines of its log:"; tail -n 40 "$PG_DIR/logs/postgresql.log" >&2; return 1; }
  as_pg_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'ferretdb'" | grep -q 1 \
    || as_pg_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres ferretdb
  log "postgresql ready on 127.0.0.1:$POSTGRES_PORT"
}

postgresql_stop() {
  postgresql_dir
  [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
  as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 && log "postgresql stopped" || true
}

postgresql_status() {
  postgresql_dir
  if [ -d "$PG_DIR/data" ] && postgresql_running; then
    echo "postgresql running  pid $(head -n1 "$PG_DIR/data/postmaster.pid")  postgres://postgres@127.0.0.1:$POSTGRES_PORT/ferretdb"
  else
    echo "postgresql stopped"; return 1
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
  patch --quiet -p1 -d "$build/FerretDB" < "$HERE/ferretdb/postgresql-index-pushdown.patch"
  patch --quiet -p1 -d "$build/FerretDB" < "$HERE/ferretdb/postgresql-top-sort.patch"
  (cd "$build" && go mod edit -replace github.com/FerretDB/FerretDB=./FerretDB \
    && CGO_ENABLED=0 go build -trimpath -o "$FERRET_BIN" .)
}

ferretdb_start() {
  mkdir -p "$FERRET_DIR/data" "$FERRET_DIR/logs" "$CACHE/bin"
  if pid_alive "$FERRET_DIR/ferretdb.pid" && port_open "$MONGO_PORT"; then
    log "ferretdb already running (pid $(cat "$FERRET_DIR/ferretdb.pid")) on 127.0.0.1:$MONGO_PORT"
    [ "$STORE_BACKEND" = postgresql ] && postgresql_start quiet
    return 0
  fi
  if port_open "$MONGO_PORT"; then
    log "port $MONGO_PORT is taken by another process: set MONGO_URL to use it, or free the port"; return 1
  fi
  # Rebuild when the wrapper's sources or the patch change, so a fresh checkout never runs a stale binary.
  local stamp; stamp=$(cat "$HERE/ferretdb/go.mod" "$HERE/ferretdb/go.sum" "$HERE/ferretdb/main.go" \
    "$HERE/ferretdb/sqlite-id-index.patch" "$HERE/ferretdb/postgresql-index-pushdown.patch" \
    "$HERE/ferretdb/postgresql-top-sort.patch" | cksum | cut -d' ' -f1)
  if [ ! -x "$FERRET_BIN" ] || [ "$(cat "$FERRET_BIN.stamp" 2>/dev/null)" != "$stamp" ]; then
    log "ferretdb: building FerretDB v1.24 from the Go module proxy, patched (first start only, a few minutes)"
    ferretdb_build
    echo "$stamp" > "$FERRET_BIN.stamp"
  fi
  local backend
  case "$STORE_BACKEND" in
    postgresql)
      postgresql_start quiet
      # pgx pools max(4, CPUs) connections by default; concurrent writers need more.
      backend=(-handler postgresql
        -postgresql-url "postgres://postgres@127.0.0.1:$POSTGRES_PORT/ferretdb?pool_max_conns=32") ;;
    sqlite) backend=(-handler sqlite -sqlite-url "file:$FERRET_DIR/data/") ;;
    *) log "KELISIM_STORE_BACKEND must be postgresql or sqlite, not $STORE_BACKEND"; return 2 ;;
  esac
  : > "$FERRET_DIR/logs/ferretdb.out"
  nohup "$FERRET_BIN" -listen-addr "127.0.0.1:$MONGO_PORT" "${backend[@]}" \
    >> "$FERRET_DIR/logs/ferretdb.out" 2>&1 < /dev/null 9>&- &
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

# ---------------------------------------------------------------- Keycloak
# Keycloak 26 from Maven Central's server distribution (a zip, cached once), unpacked into the
# state folder (it writes its H2 database, its build and its import folder under its home), in
# development mode on loopback, with the realm `kelisim` imported from infra/keycloak. Not part
# of `start` with no part: only what signs people in (npm start, the tests that need it) asks.
KEYCLOAK_VERSION="${KELISIM_KEYCLOAK_VERSION:-26.7.3}"
KEYCLOAK_PORT="${KELISIM_KEYCLOAK_PORT:-8180}"
KC_DIR="$STATE/keycloak"
KC_HOME="$KC_DIR/keycloak-$KEYCLOAK_VERSION"
KC_ZIP="$CACHE/keycloak-dist/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
KC_REALM_DIR="$REPO/infra/keycloak"
# Only the quick JIT compiler: a warm start took 42 s instead of 123 s on two busy cores, and a
# development server never runs long enough for the optimising compiler to pay off.
KC_JAVA_OPTS="-XX:TieredStopAtLevel=1"

keycloak_ready() { curl -sf -o /dev/null "http://127.0.0.1:$KEYCLOAK_PORT/realms/kelisim/.well-known/openid-configuration"; }

keycloak_start() {
  mkdir -p "$KC_DIR/logs" "$(dirname "$KC_ZIP")"
  if pid_alive "$KC_DIR/keycloak.pid" && keycloak_ready; then
    log "keycloak already running (pid $(cat "$KC_DIR/keycloak.pid")) on http://127.0.0.1:$KEYCLOAK_PORT"; return 0
  fi
  if port_open "$KEYCLOAK_PORT"; then
    log "port $KEYCLOAK_PORT is taken by another process: set KELISIM_KEYCLOAK_PORT, or free the port"; return 1
  fi
  if [ ! -f "$KC_ZIP" ]; then
    log "keycloak: fetching keycloak-quarkus-dist $KEYCLOAK_VERSION from Maven Central (first start only)"
    mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" \
      -DoutputDirectory="$(dirname "$KC_ZIP")"
  fi
  if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    log "keycloak: unpacking the server (first start only)"
    rm -rf "$KC_HOME.partial" && mkdir -p "$KC_HOME.partial"
    unzip -q "$KC_ZIP" -d "$KC_HOME.partial"
    mv "$KC_HOME.partial/keycloak-$KEYCLOAK_VERSION" "$KC_HOME" && rm -rf "$KC_HOME.partial"
  fi
  # --import-realm skips a realm that exists: when the realm files change, the development
  # database is made again from them (what was changed in the admin console is lost).
  local stamp; stamp=$(cat "$KC_REALM_DIR"/kelisim-*.json | cksum | cut -d' ' -f1)
  if [ "$(cat "$KC_DIR/realm.stamp" 2>/dev/null)" != "$stamp" ]; then
    [ -d "$KC_HOME/data/h2" ] && log "keycloak: the realm files changed; importing them into a new database"
    rm -rf "$KC_HOME/data/h2" "$KC_HOME/data/import"
    mkdir -p "$KC_HOME/data/import"
    cp "$KC_REALM_DIR"/kelisim-*.json "$KC_HOME/data/import/"
  fi
  : > "$KC_DIR/logs/keycloak.out"
  # The bootstrap administrator (master realm) is created on the first start only.
  KC_BOOTSTRAP_ADMIN_USERNAME="${KELISIM_KEYCLOAK_ADMIN:-admin}" \
  KC_BOOTSTRAP_ADMIN_PASSWORD="${KELISIM_KEYCLOAK_ADMIN_PASSWORD:-kelisim-dev-admin}" \
  JAVA_OPTS_KC_HEAP="${KELISIM_KEYCLOAK_HEAP:--Xms64m -Xmx512m}" \
  JAVA_OPTS_APPEND="${KELISIM_KEYCLOAK_JAVA_OPTS:-$KC_JAVA_OPTS}" \
  nohup "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
    --db=dev-file --import-realm \
    >> "$KC_DIR/logs/keycloak.out" 2>&1 < /dev/null 9>&- &
  echo $! > "$KC_DIR/keycloak.pid"
  log "keycloak: starting (pid $!)"
  # The port opens before the realm is imported: wait for the realm's discovery document. A first
  # start also builds the server and its database: minutes on two busy cores.
  wait_until keycloak keycloak_ready "$KC_DIR/keycloak.pid" "$KC_DIR/logs/keycloak.out" \
    "${KELISIM_KEYCLOAK_START_SECONDS:-600}" || return 1
  echo "$stamp" > "$KC_DIR/realm.stamp"
  log "keycloak ready on http://127.0.0.1:$KEYCLOAK_PORT (realm kelisim)"
}

keycloak_stop() { stop_pid keycloak "$KC_DIR/keycloak.pid"; }

keycloak_status() {
  if pid_alive "$KC_DIR/keycloak.pid" && keycloak_ready; then
    echo "keycloak  running  pid $(cat "$KC_DIR/keycloak.pid")  http://127.0.0.1:$KEYCLOAK_PORT/realms/kelisim"
  else
    echo "keycloak  stopped"; return 1
  fi
}

# ---------------------------------------------------------------- Jaeger
# Jaeger v2 (the `jaeger` program, an OpenTelemetry Collector with Jaeger's storage and UI), built
# once from the Go module proxy into the cache folder, run all-in-one with in-memory storage on
# loopback (infra/local/jaeger/config.yaml). Like Keycloak, not part of `start` with no part: npm
# start and the tracing test ask for it. The services send to it when OTEL_EXPORTER_OTLP_ENDPOINT
# is http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT. The module's source has no UI pages (a release build
# embeds them, and no registry publishes them): the UI port serves jaeger/ui/index.html, a small
# viewer over the query API (search by service and operation, a trace's waterfall).
JAEGER_VERSION="${KELISIM_JAEGER_VERSION:-v1.75.0}"
JAEGER_UI_PORT="${KELISIM_JAEGER_UI_PORT:-16686}"
JAEGER_QUERY_GRPC_PORT="${KELISIM_JAEGER_QUERY_GRPC_PORT:-16685}"
JAEGER_OTLP_GRPC_PORT="${KELISIM_JAEGER_OTLP_GRPC_PORT:-4317}"
JAEGER_OTLP_HTTP_PORT="${KELISIM_JAEGER_OTLP_HTTP_PORT:-4318}"
JAEGER_DIR="$STATE/jaeger"
JAEGER_BIN="$CACHE/bin/jaeger-${JAEGER_VERSION#v}"

jaeger_ready() { curl -sf -o /dev/null "http://127.0.0.1:$JAEGER_UI_PORT/api/services" && port_open "$JAEGER_OTLP_HTTP_PORT"; }

# About four minutes on two cores with a cold module cache, seconds after that.
jaeger_build() {
  local build="$CACHE/jaeger-build"
  log "jaeger: building $JAEGER_VERSION from the Go module proxy (first start only: a few minutes)"
  mkdir -p "$build" "$CACHE/bin"
  (cd "$build" && { [ -f go.mod ] || go mod init kelisim.local/jaeger-build >/dev/null 2>&1; } \
    && GOFLAGS=-mod=mod go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@$JAEGER_VERSION" \
    && GOFLAGS=-mod=mod go build -trimpath -o "$JAEGER_BIN.partial" github.com/jaegertracing/jaeger/cmd/jaeger) \
    > "$build/build.log" 2>&1 || { tail -n 40 "$build/build.log" >&2; return 1; }
  mv "$JAEGER_BIN.partial" "$JAEGER_BIN"
}

jaeger_start() {
  mkdir -p "$JAEGER_DIR/logs"
  if pid_alive "$JAEGER_DIR/jaeger.pid" && jaeger_ready; then
    log "jaeger already running (pid $(cat "$JAEGER_DIR/jaeger.pid")) on http://127.0.0.1:$JAEGER_UI_PORT"; return 0
  fi
  for port in "$JAEGER_UI_PORT" "$JAEGER_OTLP_GRPC_PORT" "$JAEGER_OTLP_HTTP_PORT"; do
    if port_open "$port"; then
      log "port $port is taken by another process: set KELISIM_JAEGER_*_PORT, or free the port"; return 1
    fi
  done
  [ -x "$JAEGER_BIN" ] || jaeger_build
  : > "$JAEGER_DIR/logs/jaeger.out"
  JAEGER_UI_PORT="$JAEGER_UI_PORT" JAEGER_QUERY_GRPC_PORT="$JAEGER_QUERY_GRPC_PORT" \
  JAEGER_OTLP_GRPC_PORT="$JAEGER_OTLP_GRPC_PORT" JAEGER_OTLP_HTTP_PORT="$JAEGER_OTLP_HTTP_PORT" \
  JAEGER_UI_ASSETS="$HERE/jaeger/ui" nohup "$JAEGER_BIN" --config "$HERE/jaeger/config.yaml" \
    >> "$JAEGER_DIR/logs/jaeger.out" 2>&1 < /dev/null 9>&- &
  echo $! > "$JAEGER_DIR/jaeger.pid"
  log "jaeger: starting (pid $!)"
  wait_until jaeger jaeger_ready "$JAEGER_DIR/jaeger.pid" "$JAEGER_DIR/logs/jaeger.out" 60 || return 1
  log "jaeger ready: traces http://127.0.0.1:$JAEGER_UI_PORT (query API under /api), OTLP http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT"
}

jaeger_stop() { stop_pid jaeger "$JAEGER_DIR/jaeger.pid"; }

jaeger_status() {
  if pid_alive "$JAEGER_DIR/jaeger.pid" && jaeger_ready; then
    echo "jaeger    running  pid $(cat "$JAEGER_DIR/jaeger.pid")  http://127.0.0.1:$JAEGER_UI_PORT  OTLP http://127.0.0.1:$JAEGER_OTLP_HTTP_PORT"
  else
    echo "jaeger    stopped"; return 1
  fi
}

# ---------------------------------------------------------------- main
cmd=${1:-}
what=${2:-all}
case "$what" in
  all) parts=(ferretdb kafka); [ "$STORE_BACKEND" = postgresql ] && parts=(postgresql "${parts[@]}") ;;
  kafka|ferretdb|postgresql|keycloak|jaeger) parts=("$what") ;;
  *) echo "unknown component: $what (kafka|ferretdb|postgresql|keycloak|jaeger)" >&2; exit 2 ;; esac
# One infra.sh at a time: parallel test runs must not race to build or start the same process.
# Keycloak and Jaeger have locks of their own: Keycloak's minute-long start and Jaeger's first
# build must not hold up Kafka's and FerretDB's.
mkdir -p "$STATE"
case "$what" in
  keycloak|jaeger) exec 9>"$STATE/.lock-$what" ;;
  *) exec 9>"$STATE/.lock" ;; esac
flock 9
case "$cmd" in
  start)
    for p in "${parts[@]}"; do "${p}_start"; done ;;
  # The cluster stops last: FerretDB holds connections to it.
  # `stop` with no part also stops Keycloak and Jaeger, which `start` with no part leaves alone.
  stop) for ((i = ${#parts[@]} - 1; i >= 0; i--)); do "${parts[i]}_stop"; done
    if [ "$what" = all ]; then keycloak_stop; jaeger_stop; fi ;;
  status) rc=0; for p in "${parts[@]}"; do "${p}_status" || rc=1; done; exit $rc ;;
  restart) for p in "${parts[@]}"; do "${p}_stop"; "${p}_start"; done ;;
  *) echo "usage: $0 start|stop|status|restart [kafka|ferretdb|postgresql|keycloak|jaeger]" >&2; exit 2 ;;
esac
