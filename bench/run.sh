#!/usr/bin/env bash
# The Kobatela benchmark, one command: starts the local stack with fresh data (JVM mode), provisions users and
# keys, drives the flows through the gateway with Gatling, measures the references (direct calls, pgbench) and
# writes bench/target/bench-report.json + Gatling HTML reports. Builds what is missing first. Needs a JDK 17+.
#   bench/run.sh [--smoke] [--flows=escrow-deposit,...] [--levels=1,16,64] [--duration=20s] [--rate=N]
#                [--gateway=URL --admin-key=KEY]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA="$JAVA_HOME/bin/java"; fi

need_build=0
for module in deploy/psp-sandbox escrow-service spend-service proof-service payment-service gateway; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || need_build=1
done
ls deploy/local/target/lib/kafka_2.13-*.jar >/dev/null 2>&1 || need_build=1
[ -f bench/target/classes/com/kobatela/bench/BenchMain.class ] && ls bench/target/lib/gatling-app-*.jar >/dev/null 2>&1 || need_build=1
if [ "$need_build" = 1 ]; then
  echo "bench/run.sh: building (./mvnw -B -q package -DskipTests -pl bench -am)..." >&2
  ./mvnw -B -q package -DskipTests -pl bench -am
fi

exec "$JAVA" --add-opens java.base/java.lang=ALL-UNNAMED -Xms256m -Xmx1g -Dkobatela.repo.root="$ROOT" \
  -cp "bench/target/classes:bench/target/lib/*" com.kobatela.bench.BenchMain "$@"
