#!/usr/bin/env bash
# Packs the Patched.DistributedLock.Postgres shim into infra/feed (see the .csproj for why). Idempotent.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
feed="$here/../feed"
if [ -f "$feed/Patched.DistributedLock.Postgres.1.3.3.nupkg" ]; then exit 0; fi
mkdir -p "$feed"
dotnet pack "$here/Patched.DistributedLock.Postgres.csproj" -c Release -o "$feed" --nologo -v quiet -p:NoWarn=NU1603%3BNU5128 >/dev/null
