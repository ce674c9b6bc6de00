#!/usr/bin/env bash
# Runs the JMH benchmarks of every module that has a `jmh` profile (or those named as arguments),
# briefly: 1 fork, 2 warm-up and 3 measurement iterations. Results in bench-results/<module>.txt.
# Each module's section of docs/BENCHMARKS.md says what its numbers mean and their baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-$(./scripts/find-jdk.sh)}"
export PATH="$JAVA_HOME/bin:$PATH"
MVN="${MVN:-mvn -B -ntp} -q -Dstyle.color=never"
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
  mapfile -t modules < <(grep -l "<id>jmh</id>" */pom.xml | xargs -n1 dirname)
fi
mkdir -p bench-results
$MVN -Pjmh install -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
for m in "${modules[@]}"; do
  echo "== $m"
  cp=$($MVN -Pjmh -pl "$m" dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test | sed "s/\x1b\[[0-9;]*m//g")
  dirs="$m/target/classes:$m/target/test-classes"
  [ -d "$m/target/jmh-classes" ] && dirs="$dirs:$m/target/jmh-classes"
  java --enable-native-access=ALL-UNNAMED -cp "$dirs:$cp" org.openjdk.jmh.Main -f 1 -wi 2 -i 3 \
    ${JMH_ARGS:-} | tee "bench-results/$m.txt"
done
