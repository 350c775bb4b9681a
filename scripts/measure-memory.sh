#!/usr/bin/env bash
# Starts the release app on a fresh demo blog under Xvfb, waits, and prints the RSS and
# PSS of the app and its WebKit processes (from /proc/PID/smaps_rollup).
# Usage: scripts/measure-memory.sh [SECONDS]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
wait_s=${1:-10}
app=${CARGO_TARGET_DIR:-target}/release/folio-app
[[ -x $app ]] || { echo "build it first: make release" >&2; exit 1; }
data=$(mktemp -d)
cleanup() {
  # xvfb-run does not pass its signal on: end the app (and so its WebKit children) by name.
  pkill -f -x "$app" 2>/dev/null || true
  kill "$app_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
FOLIO_DATA_DIR=$data xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" \
  dbus-run-session -- "$app" >/dev/null 2>&1 &
app_pid=$!
sleep "$wait_s"
mib() { awk -v kib="$1" 'BEGIN { printf "%.1f", kib / 1024 }'; }
total_rss=0 total_pss=0
printf '%-24s %8s %10s %10s\n' process pid "RSS MiB" "PSS MiB"
for pid in $(pgrep -f -x "$app" ; pgrep -f 'WebKitWebProcess|WebKitNetworkProcess'); do
  [[ -r /proc/$pid/smaps_rollup ]] || continue
  name=$(basename "$(readlink /proc/$pid/exe 2>/dev/null || echo "?")")
  rss=$(awk '/^Rss:/ {print $2}' /proc/$pid/smaps_rollup)
  pss=$(awk '/^Pss:/ {print $2}' /proc/$pid/smaps_rollup)
  printf '%-24s %8s %10s %10s\n' "$name" "$pid" "$(mib "$rss")" "$(mib "$pss")"
  total_rss=$((total_rss + rss)); total_pss=$((total_pss + pss))
done
printf '%-24s %8s %10s %10s\n' total "" "$(mib "$total_rss")" "$(mib "$total_pss")"
