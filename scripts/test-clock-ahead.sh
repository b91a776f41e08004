#!/usr/bin/env bash
# Runs the suites whose rules read time (store, scheduler, retention, core services) with this
# process's clock moved ~3.5 years ahead — into the other daylight-saving half of the year — while
# PostgreSQL keeps the real one. A test or a rule that mixes core's clock with the real date (a
# column stamped by the database, a test date built from "today" beside a fixed clock) fails here
# instead of failing on its own some day after it landed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing faketime (Debian package) for the clock-ahead run" >&2
    apt-get install -y -qq faketime >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq faketime >/dev/null; }
  else
    echo "faketime is not installed: apt-get install faketime (or brew install libfaketime), then run this again" >&2
    exit 1
  fi
fi

AHEAD="${CLOCK_AHEAD:-+1280d}"
echo "clock-ahead run: the process clock reads $(faketime -f "$AHEAD" date -u +%Y-%m-%dT%H:%MZ), PostgreSQL keeps the real one" >&2
# Left out: store suites with no date in them, whose code under test reads no clock either — they
# already ran once in `npm test` and a moved clock cannot change what they check. The migrations and
# their drift test (schema engine), the generated Prisma client (code generation), the shipped cluster
# (a tar of initdb's files) and a SIGKILL mid-write (ids committed vs ids found). Most of this run's
# time was theirs. A suite that starts reading time belongs here again: drop it from this list.
TIMELESS=(
  test/store/migrations.test.ts
  test/store/generated-client.test.ts
  test/store/shipped-cluster.test.ts
  test/store/crash.test.ts
)
exec faketime -f "$AHEAD" npx vitest run test/store test/unit/core test/unit/scheduler test/integration/scheduler-e2e.test.ts "${TIMELESS[@]/#/--exclude=}" "$@"
