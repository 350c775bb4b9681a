#!/usr/bin/env bash
# Installs Folio's newest .deb from the folder $1 the way a user would (`apt install`), then
# checks the installed package: its files, `folio --version`, `folio new` and `folio check`
# on a demo blog, and the installed app started on a fresh HOME through the launch E2E test
# (its screenshots land in target/e2e/). Removes the package at the end, also on failure,
# and checks that none of its files is left. Needs root (apt) and a display (make runs it
# under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."

folder=${1:?usage: package-test.sh FOLDER-WITH-THE-DEB}
deb=$(ls -t "$folder"/folio_*.deb 2>/dev/null | head -n 1)
[[ -n "$deb" ]] || { echo "package-test: no folio_*.deb in $folder (run make package)" >&2; exit 1; }
deb=$(realpath "$deb") # apt takes a file only as a path with a slash in front
if [[ $(id -u) -ne 0 ]]; then
  echo "package-test: installing $deb needs root (apt install); run it as root" >&2
  exit 1
fi
# The package is installed machine-wide: a second package test on this machine (another
# checkout's) waits for the first to finish and remove it, rather than failing on it.
exec 9>/run/lock/folio-package-test.lock
flock 9
if dpkg-query -W -f='${Status}' folio 2>/dev/null | grep -q "install ok installed"; then
  echo "package-test: a folio package is already installed here; remove it first (apt remove folio)" >&2
  exit 1
fi

fail() { echo "package-test: $*" >&2; exit 1; }
apt_get() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"; }
remove() { apt_get remove -y -qq folio >/dev/null 2>&1 || true; }
trap remove EXIT

echo "package-test: installing $deb"
apt_get install -y -qq "$deb" >/dev/null
files=$(dpkg -L folio)
for f in /usr/bin/folio-app /usr/bin/folio /usr/share/applications/folio.desktop \
  /usr/share/icons/hicolor/128x128/apps/folio.png; do
  grep -qx "$f" <<<"$files" || fail "the package does not install $f"
done
grep -q '^MimeType=text/x-rst;' /usr/share/applications/folio.desktop ||
  fail "the desktop entry does not open text/x-rst files"
grep -q '^Exec=folio-app %f' /usr/share/applications/folio.desktop ||
  fail "the desktop entry does not pass the file to folio-app"
depends=$(dpkg-query -W -f='${Depends}' folio)
grep -q 'libwebkit2gtk-4.1-0' <<<"$depends" || fail "the package does not depend on WebKitGTK: $depends"

# A fresh HOME for the installed programs (the E2E harness gives the app its own).
home=$(mktemp -d)
version=$(HOME=$home /usr/bin/folio --version)
expected="folio $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
[[ "$version" == "$expected" ]] || fail "folio --version says '$version', expected '$expected'"
echo "package-test: $version"
HOME=$home /usr/bin/folio new "$home/demo" >/dev/null
HOME=$home /usr/bin/folio check "$home/demo" || fail "folio check finds errors in the demo blog"

echo "package-test: starting the installed app"
FOLIO_APP=/usr/bin/folio-app cargo test -q -p folio-e2e --test launch -- --test-threads=1

remove
trap - EXIT
left=$(while read -r f; do [[ -f "$f" ]] && echo "$f"; done <<<"$files" || true)
[[ -z "$left" ]] || fail "files left after removal: $left"
rm -rf "$home"
echo "package-test: installed, ran and removed $(basename "$deb")"
