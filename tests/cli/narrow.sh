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

# BATCH DATA_DIR COUNT: every narrow chart of a batch script (COUNT of
# them, of every kind: bar, intervals, funnel, trend, SPC, spine) drawn again as an SVG,
# its data from DATA_DIR, and every text in it at least 12 CSS pixels on
# a 400 px page (issue 29: the SPC icons' captions were at 8 point, 17.1
# pixels at 1.6 times).  The narrow PNG's terminal becomes the svg one
# common.gp gives a narrow SVG (its fontscale times 4/3: the svg terminal
# takes a font's size in pixels, pngcairo in points at 96 to the inch),
# so each text's font-size is its size in the PNG's pixels, drawn at
# 378 / WIDTH of them a CSS pixel (narrow_charts): at least 12 * WIDTH /
# 378 (19.05 at 600).  Each <text> of gnuplot's SVG stands in a <g> of
# its own that gives its font-size.
narrow_svg_fonts() {
    local batch=$1 dir=$work/nsvg f n=0 ok=0 out name
    rm -rf "$dir" && mkdir "$dir"
    awk -v dir="$dir" 'BEGIN { k = 0 } { print > (dir "/" k ".part") } /^unset output$/ { close(dir "/" k ".part"); k++ }' "$batch"
    for f in $(grep -l -- '-narrow\.png"$\|\\055narrow\\056png"$' "$dir"/*.part); do
        out=${f%.part}.svg
        sed -E -e 's#^set terminal pngcairo (size [0-9]+,[0-9]+ noenhanced font "Sans,10") fontscale ([0-9.]+) #set terminal svg \1 fontscale \2 * 4.0 / 3 #' \
            -e "s#^set output .*#set output '$out'#" \
            -e "s#\"[^\"]*(chart[0-9]*)\\\\056dat\"#'$2/\\1.dat'#g" "$f" >"${f%.part}.gp"
        grep -q '^set terminal svg size [0-9]*,[0-9]* noenhanced font "Sans,10" fontscale [0-9.]* \* 4\.0 / 3 ' "${f%.part}.gp" ||
            { echo "     no narrow terminal in $f"; ok=1; continue; }
        "${GNUPLOT:-gnuplot}" "${f%.part}.gp" 2>/dev/null || { echo "     gnuplot failed on ${f%.part}.gp"; ok=1; continue; }
        n=$((n + 1))
        name=$(printf '%b' "$(sed -n 's/^set output "\(.*\)"$/\1/p' "$f")")
        awk -v name="${name##*/}" '
            /<svg( |$)/ { svg = 1 }
            svg && !min && match($0, /width="[0-9.]+"/) { min = 12 * substr($0, RSTART + 7, RLENGTH - 8) / 378 }
            { s = $0
              while (match(s, /font-size="[0-9.]+"|<text[ >]/)) {
                  t = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
                  if (t ~ /^font-size/) { size = substr(t, 12, length(t) - 12) + 0; continue }
                  texts++
                  if (size == "") { print "     " name ": a text with no font-size"; bad = 1 }
                  else if (size < min) { small[size]++; bad = 1 }
              } }
            /<\/g>/ { size = "" }
            END {
                for (z in small) printf "     %s: %d texts at %s px, under %.2f\n", name, small[z], z, min
                if (texts == 0 || min == 0) { print "     " name ": no text read"; bad = 1 }
                exit bad
            }' "$out" || ok=1
    done
    [ "$n" = "$3" ] || { echo "     $n narrow charts drawn as SVG, not $3"; ok=1; }
    for f in bar intervals funnel trend spc spine; do
        grep -qF -- "$f\\055narrow\\056png\"" "$dir"/*.part || { echo "     no narrow $f chart"; ok=1; }
    done
    return $ok
}
