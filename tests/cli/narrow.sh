# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by report.cases and report_site.cases (sourced): the charts of a
# report's pages on a phone (issue 29).

png_size() { # FILE: "WIDTH HEIGHT" from the PNG's IHDR chunk
    od -An -tu1 -j16 -N8 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4, $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}

# PAGE...: every chart's <img> stands in a <picture> whose <source>, for
# a page under 640 px wide, is its narrow rendering NAME-narrow.png: the
# file exists, is a PNG (its signature) of the width and height the
# <source> states, and is at most 1.6 times as wide as the chart is shown
# on a 400 px page (378 CSS px: 400 less the page's 10 px either side and
# the image's border), so its 9 point text drawn at 1.6 times (the
# narrow terminal's fontscale, checked on the script) reads at 12 CSS px.
narrow_charts() {
    local page here ok=0 n=0 line img narrow w h size
    for page in "$@"; do
        here=${page%/*}
        while IFS= read -r line; do
            img=$(printf '%s\n' "$line" | sed -E 's/.*<img src="([^"]+)".*/\1/')
            narrow=$(printf '%s\n' "$line" | sed -nE 's/.*<picture><source media="\(max-width: 640px\)" srcset="([^"]+)" width="([0-9]+)" height="([0-9]+)"><img src=.*/\1 \2 \3/p')
            n=$((n + 1))
            if [ -z "$narrow" ]; then echo "     no narrow source: $page: $img"; ok=1; continue; fi
            set -- $narrow
            if [ "$1" != "${img%.png}-narrow.png" ]; then echo "     narrow name: $1 for $img"; ok=1; continue; fi
            if [ ! -s "$here/$1" ] || [ "$(od -An -c -j1 -N3 "$here/$1" | tr -d ' ')" != PNG ]; then
                echo "     not a PNG: $here/$1"; ok=1; continue
            fi
            size=$(png_size "$here/$1")
            if [ "$size" != "$2 $3" ]; then echo "     $1 is $size, not $2 $3"; ok=1; fi
            if [ $(( $2 * 10 )) -gt $(( 378 * 16 )) ]; then echo "     $1: $2 px wide for 378 CSS px"; ok=1; fi
        done < <(grep -o '<a class="chart" href="[^"]*">.*</a>' "$page" | sed 's#</a>#&\n#g' | grep '<img src=')
    done
    [ "$n" -gt 0 ] || { echo "     no chart"; ok=1; }
    return $ok
}

# PNG...: nothing drawn in the last four pixel columns of any, read by
# gnuplot itself (binary filetype=png): no text (a key's entry, a label)
# runs off a narrow chart's right edge.  A pixel is drawn when darker
# than a light grey (red + green + blue under 600: not the grid, nor the
# palest marks).  One gnuplot reads them all, a table each (a process a
# file was most of the check's time); when it fails, each file is read
# alone to name the one it cannot read.
right_edge_clear() {
    local f w n i ok=0
    local -a files=("$@") widths=()
    for f in "${files[@]}"; do
        w=$(png_size "$f")
        widths+=("${w% *}")
    done
    rm -f "$work"/edge[0-9]*.txt
    : >"$work/edge.gp"
    for i in "${!files[@]}"; do
        printf "set table '%s'; plot '%s' binary filetype=png every ::%d using 1:2:3:4:5 with rgbimage; unset table\n" \
            "$work/edge$i.txt" "${files[i]}" "$((widths[i] - 4))" >>"$work/edge.gp"
    done
    if ! "${GNUPLOT:-gnuplot}" "$work/edge.gp" 2>/dev/null; then
        for i in "${!files[@]}"; do
            "${GNUPLOT:-gnuplot}" -e "set table '$work/edge$i.txt'; plot '${files[i]}' binary filetype=png every ::$((widths[i] - 4)) using 1:2:3:4:5 with rgbimage; unset table" 2>/dev/null ||
                { echo "     gnuplot cannot read ${files[i]}"; ok=1; rm -f "$work/edge$i.txt"; }
        done
    fi
    for i in "${!files[@]}"; do
        f=${files[i]}
        [ -f "$work/edge$i.txt" ] || { [ "$ok" = 1 ] && continue; echo "     gnuplot cannot read $f"; ok=1; continue; }
        n=$(awk '$1 ~ /^[0-9]+$/ && $3 + $4 + $5 < 600' "$work/edge$i.txt" | wc -l)
        [ "$(awk '$1 ~ /^[0-9]+$/' "$work/edge$i.txt" | wc -l)" -gt 0 ] || { echo "     no pixels read: $f"; ok=1; }
        if [ "$n" -gt 0 ]; then echo "     ${f##*/}: $n pixels drawn at its right edge"; ok=1; fi
        rm -f "$work/edge$i.txt"
    done
    return $ok
}
