#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scripts/docs-images.sh [FORCESTAT]
#
# Regenerates the README's pictures in docs/ from the bundled data:
#   docs/spine.png     `forcestat chart spine`, Essex Police;
#   docs/overview.png  the overview of `forcestat report --all-forces`
#                      (every force on every measure), its first rows, as
#                      headless Chromium shows the page at 1000 px.
# Needs a built forcestat (default ./build/forcestat), gnuplot, and for
# the overview chromium (Debian: chromium).  Run from the top of a
# checkout; nothing but the two pictures is written there.
set -eu
cd "$(dirname "$0")/.."
fs=${1:-./build/forcestat}
[ -x "$fs" ] || { echo "docs-images: build forcestat first (see README)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$fs" chart spine datasets/report.csv --highlight Essex --output "$work/spine.png" 2>/dev/null
"$fs" report datasets/report.csv --all-forces --quiet --output "$work/site" >/dev/null 2>&1

# The overview alone: the page's style and its overview section, cut to
# its first rows so the picture stays small.
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "docs-images: chromium is needed for the overview" >&2; exit 1; }
{
    sed -n '1,/<\/style>/p' "$work/site/index.html"
    echo '</head><body><main>'
    sed -n '/<section id="overview">/,/<\/section>/p' "$work/site/index.html" |
        awk '/^<tr[^>]*><th scope="row" data-v=/ { rows++; if (rows > 12) next } { print }'
    echo '</main></body></html>'
} >"$work/site/overview.html"
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,900 \
    --screenshot="$work/overview.png" "file://$work/site/overview.html" >/dev/null 2>&1
[ -s "$work/overview.png" ] || { echo "docs-images: chromium drew no overview" >&2; exit 1; }

mkdir -p docs
cp "$work/spine.png" docs/spine.png
cp "$work/overview.png" docs/overview.png
ls -l docs/spine.png docs/overview.png
