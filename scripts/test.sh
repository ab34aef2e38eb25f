#!/usr/bin/env bash
# The whole test suite: starts what the tests need (a throw-away PostgreSQL), builds with warnings
# as errors, runs every test project, prints the totals, and cleans up — also when a test fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

results="$root/.artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

# Prometheus (Debian's) scrapes a real silo in the integration tests.
if [ ! -x /usr/bin/prometheus ]; then
  echo "Installing Prometheus from Debian's packages..."
  if [ "$(id -u)" = 0 ]; then sudo_=""; else sudo_="sudo"; fi
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq prometheus >/dev/null
fi

PG_STOP=true
cleanup() { eval "$PG_STOP"; }
trap cleanup EXIT
# shellcheck source=scripts/postgres.sh
source "$root/scripts/postgres.sh"

echo "Building (Release, warnings as errors)..."
dotnet build ApexFleet.sln -c Release --nologo -v quiet -clp:ErrorsOnly -warnaserror

status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --logger "console;verbosity=minimal" || status=1
done

# Totals over every project, from the runners' own result files.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx")"
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
