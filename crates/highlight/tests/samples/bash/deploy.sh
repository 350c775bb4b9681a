#!/bin/bash
# Build the blog and copy it to the server.
set -euo pipefail

SITE_DIR="${HOME}/blog"
TARGET=user@example.org:/var/www/blog
readonly VERSION=$(git describe --tags 2>/dev/null || echo "dev")

log() {
    local level=$1; shift
    printf '[%s] %s\n' "$level" "$*" >&2
}

build() {
    cd "$SITE_DIR" || exit 1
    if [[ -f requirements.txt ]]; then
        pip install -q -r requirements.txt
    elif [ -d venv ]; then
        source venv/bin/activate
    fi
    pelican content -o output -s publishconf.py
}

case "${1:-build}" in
    build) build ;;
    deploy)
        build
        rsync -avz --delete output/ "$TARGET"
        log INFO "deployed $VERSION"
        ;;
    *) echo "usage: $0 [build|deploy]"; exit 2 ;;
esac

for i in 1 2 3; do
    count=$((count + i))
done
while read -r line; do
    echo "${line%%#*}"
done < config.txt
cat <<'END'
no $expansion here
END
