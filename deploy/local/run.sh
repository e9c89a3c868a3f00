#!/usr/bin/env bash
# Starts the Kobatela local stack: PostgreSQL, Kafka, the PSP sandbox and the five services.
# Builds what is missing first. Works from any directory; needs only a JDK 17+.
#   deploy/local/run.sh [--services=gateway,escrow-service,...] [--fresh] [--help]
# Env: KOBATELA_PG_URL=postgresql://user@host:port to use an existing PostgreSQL server.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
fi
if ! command -v "$JAVA" >/dev/null 2>&1; then
  echo "run.sh: no java found; install a JDK 17+ or set JAVA_HOME" >&2
  exit 1
fi
JAVA_MAJOR="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "${JAVA_MAJOR%%.*}" -lt 17 ] 2>/dev/null; then
  echo "run.sh: JDK 17+ required, found $JAVA_MAJOR" >&2
  exit 1
fi

# Modules the launcher will start: all, or those named by --services=.
modules="deploy/psp-sandbox escrow-service spend-service proof-service payment-service gateway"
for arg in "$@"; do
  case "$arg" in
    --services=*)
      modules=""
      IFS=',' read -r -a wanted <<< "${arg#--services=}"
      for s in "${wanted[@]}"; do
        case "$s" in
          psp-sandbox) modules="$modules deploy/psp-sandbox" ;;
          "") ;;
          *) modules="$modules $s" ;;
        esac
      done
      ;;
  esac
done

need_build=0
for module in $modules; do
  if [ ! -f "$module/target/quarkus-app/quarkus-run.jar" ]; then
    echo "run.sh: $module is not built" >&2
    need_build=1
  fi
done
if [ ! -f deploy/local/target/classes/com/kobatela/local/LocalStackMain.class ] \
   || ! ls deploy/local/target/lib/kafka_2.13-*.jar >/dev/null 2>&1; then
  echo "run.sh: the launcher is not built" >&2
  need_build=1
fi
if [ "$need_build" = 1 ]; then
  echo "run.sh: building (./mvnw -B -q install -DskipTests)..." >&2
  ./mvnw -B -q install -DskipTests
fi

exec "$JAVA" -cp "deploy/local/target/classes:deploy/local/target/lib/*" com.kobatela.local.LocalStackMain "$@"
