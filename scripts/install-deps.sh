#!/usr/bin/env bash
# Installs what building, running and testing Folio needs on Debian 12: system packages
# (when root; otherwise prints the one command to run), the Rust components, and the UI's
# npm packages. Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config file
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth dbus-x11 dbus-daemon webkit2gtk-driver
  nodejs npm git python3
  # The git tests start real servers: sshd, ssh-agent and ssh-keygen (git daemon and
  # git http-backend come with git).
  openssh-server openssh-client
  # Signed commits (commit.gpgsign): the tests make a gpg key and sign with gpg.
  gnupg
  # Images a blog's .gitattributes gives to Git LFS are stored by git-lfs (and tested with it).
  git-lfs
  # The image drag-and-drop test drags files from a small GTK window with xdotool.
  python3-gi gir1.2-gtk-3.0 xdotool
  # The paste tests put HTML and plain text on the real clipboard with xclip.
  xclip
  # Spell check reads Hunspell's dictionaries; the tests check English, German, French,
  # Spanish and Portuguese posts.
  hunspell-en-us hunspell-de-de hunspell-fr hunspell-es hunspell-pt-pt hunspell-pt-br
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
# Node and npm may come from elsewhere than Debian's packages; accept any working ones.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do
    [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg")
  done
  missing=("${filtered[@]}")
fi

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installing system packages: ${missing[*]}"
    # Waits for dpkg's lock when another apt holds it (a second build, unattended upgrades).
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Folio needs these system packages. Please run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v cargo >/dev/null; then
  echo "Folio needs Rust (cargo). Install it from your distribution or with rustup." >&2
  exit 1
fi
if command -v rustup >/dev/null; then
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
fi

# npm ci when the installed packages are missing or older than the lock file.
if [[ ! -d ui/node_modules || ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
