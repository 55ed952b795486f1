#!/usr/bin/env bash
# Runs every benchmark on the JVM of JAVA_HOME (or the java on the PATH) and prints a
# Markdown summary, also written to benchmarks/target/benchmarks.md. The variants of each
# benchmark run in rounds, one fork of each per round, interleaved: every figure comes with
# its spread over the rounds, every ratio is taken within a round.
#   benchmarks/run.sh                   the full run, 3 rounds (about 25 minutes on 2 quiet cores)
#   benchmarks/run.sh --rounds 5        more rounds (each adds about 8 minutes)
#   benchmarks/run.sh --smoke           each benchmark once, briefly, one round: proves they still run
#   benchmarks/run.sh --only startup,memory
#                                       those sections only, among dispatch, transactional,
#                                       startup, memory, load, durable
#   benchmarks/run.sh --dispatch-only   the per-call benchmarks only (about 15 minutes)
#   benchmarks/run.sh --durable         the durable mode's only (about 3 minutes): a throwaway
#                                       PostgreSQL cluster, started from this machine's binaries
#                                       (apt-get install postgresql), stopped at the end
#   benchmarks/run.sh --plots-dir DIR   also copies the run's plots (SVG, always written to
#                                       benchmarks/target/plots) to DIR, relative to the project's
#                                       root, such as docs/images/benchmarks; not with --smoke
# The full run and --smoke include the durable mode's; without PostgreSQL binaries they skip
# it, saying so, except under CI (CI=true), where that fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath=benchmarks/target/classpath.txt
./mvnw --batch-mode --no-transfer-progress --quiet -DskipTests -pl sample-app,benchmarks -am package \
	dependency:build-classpath -Dmdep.outputFile="$PWD/$classpath"

java=java
if [ -n "${JAVA_HOME:-}" ]; then
	java="$JAVA_HOME/bin/java"
fi
exec "$java" -cp "benchmarks/target/classes:$(cat "$classpath")" \
	io.github.threadmethod.benchmarks.BenchmarkRunner "$@"
