#!/usr/bin/env bash
# The provider benchmarks (docs/BENCHMARKS.md "AI providers"): per shipped model a provider's whole
# job against the untraced run, then a 4-validator devnet with an injected RTT where one provider
# daemon serves jobs (post → settle-ready against a transfer's finality, and a burst's jobs/s).
#   scripts/bench-providers.sh [rounds=10] [e2eJobs=5] [burst=6] [rttMs=100]
# Output also in bench-results/providers.txt. Uses $MVN if set (e.g. a private local repository).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-$(./scripts/find-jdk.sh)}"
export PATH="$JAVA_HOME/bin:$PATH"
MVN="${MVN:-mvn -B -ntp} -q -Dstyle.color=never"
$MVN -pl tools/cli -am install -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
$MVN -pl tools/cli test-compile -Dspotless.check.skip=true -Djacoco.skip=true
# Maven may colour even -q output; strip escape sequences from the class path.
cp=$($MVN -pl tools/cli dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed "s/\x1b\[[0-9;]*m//g")
mkdir -p bench-results
java --enable-native-access=ALL-UNNAMED -Daether.root="$PWD" \
  -cp "tools/cli/target/test-classes:tools/cli/target/classes:$cp" \
  dev.aether.cli.provider.ProviderBench "$@" | tee bench-results/providers.txt
