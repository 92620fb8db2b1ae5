#!/usr/bin/env bash
# Regenerates src/Monitoring.Extraction/Data/gazetteer.json from curated/ (kept by hand) and sources/ (from the
# data packages: ./fetch.sh refreshes them). Commit the sources and the generated file together: a test fails
# while the committed gazetteer differs from what this script writes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet run -c Release --project "$here/build/Monitoring.GazetteerBuild.csproj" -- "$here" "$here/../../src/Monitoring.Extraction/Data/gazetteer.json"
