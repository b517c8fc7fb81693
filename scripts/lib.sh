# Shared functions of ./sora. Sourced, not run.
STATE="$SORA_ROOT/.sora"
PGDATA="$STATE/pg"
PGRUN="$STATE/run"
PGPORT="${SORA_PG_PORT:-55432}"
API_URL="http://127.0.0.1:${SORA_PORT:-5080}"
mkdir -p "$STATE"

log() { printf '\033[1;34m[sora]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[sora]\033[0m %s\n' "$*" >&2; exit 1; }

# Runs a command as root: directly, through sudo, or not at all (then prints what to run).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1; fi
}

# Installs missing Debian packages (ffmpeg, espeak-ng, PostgreSQL, Node.js) with apt.
ensure_packages() {
  local missing=()
  command -v ffmpeg >/dev/null || missing+=(ffmpeg)
  command -v ffprobe >/dev/null || missing+=(ffmpeg)
  command -v espeak-ng >/dev/null || missing+=(espeak-ng)
  # Staydown's audio fingerprint (Chromaprint).
  command -v fpcalc >/dev/null || missing+=(libchromaprint-tools)
  # The watermark and captions are drawn with this font (ffmpeg drawtext).
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ] || missing+=(fonts-dejavu-core)
  pg_bindir >/dev/null 2>&1 || missing+=(postgresql)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  command -v curl >/dev/null || missing+=(curl)
  # Parental quiet hours are local times in IANA zones (TimeZoneInfo reads them from here).
  [ -f /usr/share/zoneinfo/Europe/Paris ] || missing+=(tzdata)
  if [ ${#missing[@]} -gt 0 ]; then
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
    log "installing: ${missing[*]}"
    if ! as_root env DEBIAN_FRONTEND=noninteractive bash -c "apt-get update -qq && apt-get install -y -qq ${missing[*]} >/dev/null"; then
      die "missing packages. Run: sudo apt-get install -y ${missing[*]}"
    fi
  fi
  command -v dotnet >/dev/null || die "the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)."
}

# The newest PostgreSQL server binaries on the machine (Debian keeps them out of PATH).
pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

# PostgreSQL refuses to run as root, so as root the cluster belongs to the "postgres" system user.
pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Keys are made once and kept: losing the master key makes all personal data unreadable.
ensure_keys() {
  local keys="$STATE/keys.env"
  if [ ! -f "$keys" ]; then
    umask 077
    {
      echo "Sora__Auth__SigningKey=$(head -c 48 /dev/urandom | base64 -w0)"
      echo "Sora__Privacy__MasterKey=$(head -c 32 /dev/urandom | base64 -w0)"
      echo "SORA_PG_PASSWORD=$(head -c 18 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')"
    } >"$keys"
    log "generated keys in .sora/keys.env (keep this file; it protects personal data)"
  fi
  # Added later than the others: older key files gain it once (it signs every video's provenance manifest).
  if ! grep -q '^Sora__Provenance__SigningKey=' "$keys"; then
    echo "Sora__Provenance__SigningKey=$(head -c 32 /dev/urandom | base64 -w0)" >>"$keys"
  fi
  set -a; source "$keys"; set +a
}

pg_url() { echo "postgres://sora:${SORA_PG_PASSWORD}@127.0.0.1:${PGPORT}/$1"; }

# Creates (once) and starts the private cluster under .sora/pg, and makes sure databases sora, sora_test and sora_bench exist.
pg_ensure() {
  ensure_keys
  local bin; bin=$(pg_bindir) || die "PostgreSQL server binaries not found"
  pg_make_reachable
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "creating PostgreSQL cluster in .sora/pg ($("$bin/postgres" --version))"
    mkdir -p "$PGDATA" "$PGRUN"
    local pw="$STATE/.pgpw"; (umask 077; echo "$SORA_PG_PASSWORD" >"$pw")
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$PGDATA" "$PGRUN" "$pw"; fi
    pg_run "$bin/initdb" -D "$PGDATA" -U sora --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pw"
    cat >>"$PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGRUN'
max_connections = 200
shared_buffers = 256MB
fsync = on
CONF
  fi
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PGRUN" 2>/dev/null || mkdir -p "$PGRUN"; chown postgres: "$PGRUN"; fi
  if ! pg_run "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    mkdir -p "$PGRUN"; [ "$(id -u)" -eq 0 ] && chown postgres: "$PGRUN"
    pg_run "$bin/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 start >/dev/null || die "PostgreSQL did not start; see .sora/pg/server.log"
  fi
  local db
  for db in sora sora_test sora_bench; do
    if ! pg_run "$bin/psql" -h "$PGRUN" -p "$PGPORT" -U sora -d postgres -tAc "select 1 from pg_database where datname='$db'" | grep -q 1; then
      pg_run "$bin/psql" -h "$PGRUN" -p "$PGPORT" -U sora -d postgres -qc "create database $db" >/dev/null
    fi
  done
}

# As root the cluster runs as "postgres", which must be able to traverse down to .sora/ (a clone under a
# private home directory would otherwise make initdb fail). Grants traverse (o+x) only, nothing readable.
pg_make_reachable() {
  [ "$(id -u)" -eq 0 ] || return 0
  runuser -u postgres -- test -x "$STATE" 2>/dev/null && return 0
  local dir="$STATE"
  while [ "$dir" != "/" ]; do
    if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then log "allowing postgres to traverse $dir"; chmod o+x "$dir"; fi
    dir=$(dirname "$dir")
  done
}

pg_stop() {
  local bin; bin=$(pg_bindir) || return 0
  [ -f "$PGDATA/PG_VERSION" ] || return 0
  pg_run "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1 && pg_run "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  return 0
}

# Debian's Chromium, which the browser test drives through playwright-core. Only the tests need it, and without
# its recommends (printing, desktop integration) it installs in a fraction of the time.
ensure_browser() {
  command -v chromium >/dev/null && return 0
  log "installing: chromium"
  as_root env DEBIAN_FRONTEND=noninteractive bash -c "apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null" \
    || die "Chromium is missing. Run: sudo apt-get install -y --no-install-recommends chromium"
}

# npm packages for GraphiQL, the web client and the reference-client tests, installed from their lock files.
npm_ensure() {
  local dir
  for dir in "$SORA_ROOT/web/graphiql" "$SORA_ROOT/web/app" "$SORA_ROOT/tests/clients"; do
    [ -f "$dir/package.json" ] || continue
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
      log "npm ci in ${dir#"$SORA_ROOT"/}"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    fi
  done
}

sora_web() {
  npm_ensure
  (cd "$SORA_ROOT/web/graphiql" && npm run --silent build)
  log "GraphiQL built into web/graphiql/dist"
  web_app_build
}

# The reference web client (Vite), served by the host at /.
web_app_build() {
  npm_ensure
  (cd "$SORA_ROOT/web/app" && npm run --silent build -- --logLevel warn) || die "the web client did not build"
  log "web client built into web/app/dist"
}

build_host() {
  log "building"
  dotnet build "$SORA_ROOT/src/GraphQL/Sora.GraphQL.csproj" -c Release -nologo -v q -clp:ErrorsOnly >/dev/null \
    || dotnet build "$SORA_ROOT/src/GraphQL/Sora.GraphQL.csproj" -c Release -nologo -v q -clp:ErrorsOnly
}

host_dll() { echo "$SORA_ROOT/src/GraphQL/bin/Release/net10.0/linux-x64/Sora.GraphQL.dll"; }

sora_up() {
  local role=all
  while [ $# -gt 0 ]; do
    case "$1" in --role) role="$2"; shift 2 ;; --role=*) role="${1#--role=}"; shift ;; *) die "unknown option $1" ;; esac
  done
  ensure_packages
  # SORA_DATABASE_URL points everything at an existing PostgreSQL; only without it do we run our own.
  if [ -n "${SORA_DATABASE_URL:-}" ]; then ensure_keys; else pg_ensure; export SORA_DATABASE_URL="$(pg_url sora)"; fi
  [ -d "$SORA_ROOT/web/graphiql/dist" ] || sora_web
  # Rebuilt on every start: it takes a second, and the page then always matches the checkout.
  web_app_build
  models_ensure
  build_host
  sora_stop_host
  log "applying the schema (db-apply)"
  (cd "$SORA_ROOT" && dotnet "$(host_dll)" db-apply >"$STATE/db-apply.log" 2>&1) || { cat "$STATE/db-apply.log"; die "db-apply failed"; }
  log "starting the host (--role $role)"
  # exec: the recorded pid is the host itself, and no shell is left holding the caller's stdout.
  (cd "$SORA_ROOT" && ASPNETCORE_URLS="$API_URL" exec nohup dotnet "$(host_dll)" --role "$role" >"$STATE/host.log" 2>&1 </dev/null) &
  echo $! >"$STATE/host.pid"
  local i
  for i in $(seq 1 120); do
    if curl -fs "$API_URL/health/ready" >/dev/null 2>&1; then break; fi
    kill -0 "$(cat "$STATE/host.pid")" 2>/dev/null || { tail -n 40 "$STATE/host.log"; die "the host exited; log: .sora/host.log"; }
    sleep 0.5
  done
  curl -fs "$API_URL/health/ready" >/dev/null || die "the host did not become ready; log: .sora/host.log"
  cat <<MSG

  Sora is running (role: $role).
    Web app              $API_URL/
    GraphQL (HTTP)       $API_URL/graphql
    GraphQL (WebSocket)  ${API_URL/http/ws}/graphql   subprotocol graphql-transport-ws
    GraphiQL             $API_URL/graphiql
    Health               $API_URL/health/live   $API_URL/health/ready
    Database             ${SORA_DATABASE_URL/:${SORA_PG_PASSWORD:-\/\/}@/:***@}
    Logs                 .sora/host.log
  First admin: sign up (GraphQL signUp, or GraphiQL), then   ./sora admin grant YOUR_HANDLE ADMIN
  Roles:       ./sora admin grant|revoke HANDLE MODERATOR|AUDITOR|ADMIN,   ./sora admin list
  Stop with ./sora down.
MSG
}

# ./sora admin grant HANDLE ROLE | revoke HANDLE ROLE | list: the operator's role changes, straight on the database
# (the same handler as the grantRole mutation, with the operator as the actor). SORA_HOST_DLL runs another build.
sora_admin() {
  if [ -z "${SORA_DATABASE_URL:-}" ]; then pg_ensure; export SORA_DATABASE_URL="$(pg_url sora)"
  elif [ -z "${Sora__Privacy__MasterKey:-}" ]; then ensure_keys; fi
  local dll="${SORA_HOST_DLL:-}"
  if [ -z "$dll" ]; then build_host; dll="$(host_dll)"; fi
  (cd "$SORA_ROOT" && Logging__LogLevel__Default=Warning dotnet "$dll" admin "$@")
}

sora_stop_host() {
  local pidfile="$STATE/host.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")"; local i
    for i in $(seq 1 40); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$pidfile"
}

sora_down() {
  sora_stop_host
  pg_stop
  log "stopped"
}

sora_status() {
  if [ -f "$STATE/host.pid" ] && kill -0 "$(cat "$STATE/host.pid")" 2>/dev/null; then echo "host: running (pid $(cat "$STATE/host.pid"))"; else echo "host: stopped"; fi
  local bin; bin=$(pg_bindir 2>/dev/null) && [ -f "$PGDATA/PG_VERSION" ] && pg_run "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1 \
    && echo "postgres: running on 127.0.0.1:$PGPORT" || echo "postgres: stopped"
}

# Runs every test project and ends with one line "N passed, N failed".
# One line per test, plus the message of each failure (its lines up to the stack trace), so a CI log says why.
test_summary() {
  awk '/^[[:space:]]+(Failed|Passed|Skipped) |Total tests|Passed!|Failed!/ { print; next }
       /^[[:space:]]*Error Message:/ { print; msg = 1; n = 0; next }
       /^[[:space:]]*Stack Trace:/ { print; msg = 0; next }
       msg && n < 20 { print; n++ }'
}

sora_test() {
  ensure_packages
  # SORA_PRIVATE_PG: the tests run on the private cluster, so the outage test may stop and start it (./sora db-stop, db).
  if [ -z "${SORA_TEST_DATABASE_URL:-}" ]; then pg_ensure; export SORA_TEST_DATABASE_URL="$(pg_url sora_test)" SORA_PRIVATE_PG=1; fi
  npm_ensure
  ensure_browser
  web_app_build
  models_ensure
  export SORA_FIXTURES="${SORA_FIXTURES:-$SORA_ROOT/../shared/fixtures}"
  export SORA_CLIENTS="$SORA_ROOT/tests/clients" SORA_WEB_APP="$SORA_ROOT/web/app/dist"
  export SORA_ARTIFACTS="${SORA_ARTIFACTS:-$STATE/artifacts}"
  log "building tests"
  dotnet build "$SORA_ROOT/Sora.sln" -nologo -v q -clp:ErrorsOnly || die "build failed"
  local passed=0 failed=0 status=0 project out
  for project in "$SORA_ROOT"/tests/*/*.csproj; do
    log "testing $(basename "$project" .csproj)"
    out="$STATE/test-$(basename "$project" .csproj).log"
    set +e
    dotnet test "$project" --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$out" | test_summary >&2
    local rc=${PIPESTATUS[0]}
    set -e
    [ "$rc" -eq 0 ] || status=1
    local before=$failed
    # The console logger ends with "Total tests: N" then "Passed: N" / "Failed: N" lines.
    if grep -qE '^Total tests: [0-9]+' "$out"; then
      failed=$((failed + $(grep -E '^\s+Failed: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)))
      passed=$((passed + $(grep -E '^\s+Passed: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0)))
    else
      failed=$((failed + 1)); status=1; log "no test summary from $(basename "$project") (see ${out#"$SORA_ROOT"/})"
    fi
    # A crashed test host can exit non-zero without a failed test: count it, so the summary never says 0 failed.
    if [ "$rc" -ne 0 ] && [ "$failed" -eq "$before" ]; then failed=$((failed + 1)); fi
  done
  echo "$passed passed, $failed failed"
  return $status
}

sora_bench() {
  ensure_packages
  pg_ensure
  models_ensure
  export SORA_BENCH_DATABASE_URL="${SORA_BENCH_DATABASE_URL:-$(pg_url sora_bench)}"
  export SORA_FIXTURES="${SORA_FIXTURES:-$SORA_ROOT/../shared/fixtures}"
  dotnet run --project "$SORA_ROOT/bench/Sora.Bench" -c Release -- "$@"
}

# Regenerates docs/schema.graphql by running the drift test in write mode.
sora_schema() {
  ensure_packages
  pg_ensure
  export SORA_TEST_DATABASE_URL="${SORA_TEST_DATABASE_URL:-$(pg_url sora_test)}" SORA_UPDATE_SCHEMA=1
  export SORA_FIXTURES="${SORA_FIXTURES:-$SORA_ROOT/../shared/fixtures}"
  dotnet test "$SORA_ROOT/tests/Sora.Integration.Tests" -nologo -v q --filter "FullyQualifiedName~SchemaFileTests" >/dev/null \
    || die "could not generate the schema"
  log "wrote docs/schema.graphql"
}
