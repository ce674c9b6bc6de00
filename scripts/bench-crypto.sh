#!/usr/bin/env bash
# Crypto JMH benchmarks (crypto/src/jmh/java) plus the OpenSSL Ed25519 baseline, same machine,
# same run. Usage: scripts/bench-crypto.sh [JMH regex, default: all crypto benches]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="$("$ROOT/scripts/find-jdk.sh")"
export PATH="$JAVA_HOME/bin:$PATH"
cd "$ROOT"
mvn -B -ntp -q -Pjmh -pl crypto compile -Djacoco.skip=true
mvn -B -ntp -q -Pjmh -pl crypto dependency:build-classpath -Dmdep.outputFile="$ROOT/crypto/target/jmh-classpath.txt" >/dev/null
CP="$ROOT/crypto/target/classes:$(cat "$ROOT/crypto/target/jmh-classpath.txt")"
echo "== openssl speed -seconds 3 ed25519 (baseline)"
openssl speed -seconds 3 ed25519 2>/dev/null | tail -2 || echo "openssl not available"
echo "== Ed25519 per CPU-second (the unit openssl speed reports)"
java --enable-native-access=ALL-UNNAMED -cp "$CP" dev.aether.crypto.bench.CpuRate 3 all
echo "== JMH"
java --enable-native-access=ALL-UNNAMED -cp "$CP" org.openjdk.jmh.Main ${JMH_OPTS:-} "${1:-dev.aether.crypto.bench}" -rf json -rff "$ROOT/crypto/target/jmh-result.json"
