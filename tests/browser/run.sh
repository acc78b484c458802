#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# run.sh FORCESTAT [SHOTS]: the report's pages against WCAG 2.1 AA.
# Writes the one-force report (`forcestat report`) and the site
# (`report --all-forces`) into a temporary folder, runs axe-core in
# Debian's Chromium on the one-force index.html, the site's index.html
# and two force pages (Essex, and City of London, the smallest force
# with the most extreme figures), and fails on any violation.  Then the
# companion check: copies of a page with a violation planted (an image
# without alt text; text at 2.3:1) must each fail, naming the rule, so a
# checker that finds nothing cannot pass for a clean page.  With SHOTS,
# screenshots of the four pages at 1280 and 400 px go there.
# Needs node, npm and chromium (apt-get install chromium nodejs npm);
# the C tests never do.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
forcestat=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shots=${2:-}
if [ ! -d "$here/node_modules/axe-core" ] || [ ! -d "$here/node_modules/puppeteer-core" ]; then
    (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The bundled manifest is found from the source tree.
(cd "$here/../.." && "$forcestat" report --output "$work/one" >/dev/null &&
    "$forcestat" report --all-forces --output "$work/site" >/dev/null)

cd "$work"
pages="one/index.html site/index.html site/forces/essex.html site/forces/city-of-london.html"
# shellcheck disable=SC2086
if ! node "$here/axe.js" ${shots:+--screenshots "$shots"} $pages; then
    echo "browser: the pages have WCAG 2.1 AA violations (above)"
    exit 1
fi

# The companion check: each planted failure must be found.  must_fail
# plants one into a copy of the one-force page with the sed script SED and
# needs the check to fail on that page naming FOUND ("image-alt (" for an
# axe rule, "narrow: ").  One run of the check, one Chromium, looks at
# every planted page; axe.js starts each line of its verdicts with the
# page's name, so each plant is judged on its own page's lines.
planted=() found=()
must_fail() { # NAME FOUND SED
    sed "$3" one/index.html >"one/planted-$1.html"
    if cmp -s one/index.html "one/planted-$1.html"; then
        echo "browser: planting $1 changed nothing"
        exit 1
    fi
    planted+=("$1")
    found+=("$2")
}
must_fail no-alt 'image-alt (' 's|<main>|<main><img src="spine.png" width="10" height="10">|'
must_fail low-contrast 'color-contrast (' 's|<main>|<main><p style="color:#999;background:#fff">faint text</p>|'
must_fail wide-charts 'narrow: ' 's|<source media="(max-width: 640px)" srcset="[^"]*" width="600" height="[0-9]*">||'
must_fail overflow 'overflow: ' 's|<main>|<main><div style="width:900px">wide</div>|'
must_fail no-scroll-cue 'scroll cue: ' 's|^<p class="scroll-cue">.*</p>$||'
must_fail downloads-run-together 'downloads: ' 's|^<li>\(<a href="m0[^"]*">Download[^<]*</a>\)</li>$|\1|'
pages=()
for name in "${planted[@]}"; do pages+=("one/planted-$name.html"); done
out=""
rc=0
out=$(node "$here/axe.js" "${pages[@]}") || rc=$?
missed=0
for i in "${!planted[@]}"; do
    page="one/planted-${planted[$i]}.html"
    if [ "$rc" -ne 1 ] || ! grep -qF "$page: ${found[$i]}" <<<"$out"; then
        echo "browser: a page with ${planted[$i]} planted passed the check (exit $rc, no ${found[$i]})"
        missed=1
    else
        echo "browser: planted ${planted[$i]} found (${found[$i]})"
    fi
done
if [ "$missed" = 1 ]; then
    echo "$out"
    exit 1
fi
echo "browser: all pages pass WCAG 2.1 AA, their charts legible at 400 px"
