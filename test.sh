#!/usr/bin/env bash
# Runs every test of Monitor (unit, integration against a real PostgreSQL, CLI, browser) and prints one summary line.
# Set-up is part of it: the shim feed is packed, the solution restored and built. The integration tests find
# their database themselves: MONITOR_TEST_DB, else Testcontainers when Docker answers, else a throwaway local cluster.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$root/infra/shim/pack.sh" || { echo "test.sh: could not pack the shim feed" >&2; exit 1; }
# The timeline page's browser test drives Debian's chromium (nothing is downloaded); without it that test is skipped.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "test.sh: could not install chromium; the browser test will be skipped" >&2
fi
if ! dotnet build Monitor.sln -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "test.sh: build failed" >&2
  exit 1
fi

log=$(mktemp)
dotnet test Monitor.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Passed!/Failed! - Failed: F, Passed: P, Skipped: S, Total: T" line per test project.
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- +Failed: ' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
projects=$(grep -cE '(Passed|Failed)! +- +Failed: ' "$log")
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped ($projects test projects)"
if [ "$projects" -eq 0 ]; then echo "test.sh: no test project ran" >&2; exit 1; fi
exit "$status"
