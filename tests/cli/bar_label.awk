# SPDX-License-Identifier: GPL-3.0-or-later
# bar_label.awk: awk -f bar_label.awk SCRIPT.gp POSITIONS LABELS DATA.dat
#
# Checks a narrow bar chart with a bar off the scale (the report's
# *-bar-narrow.png) from what gnuplot printed after drawing it: its
# figure (label 97, as 'show label' lists it: LABELS) is shown, level,
# and its box lies inside the plot (so below the key, which stands above
# the plot, and right of the forces' names), above the first bar's top
# (so clear of the bars and of the band's lines, which start at the first
# bar's middle).  POSITIONS holds the plot's corners in pixels and in
# data (GPVAL_TERM_XMIN, XMAX, YMIN, YMAX, GPVAL_X_MIN, X_MAX, GPVAL_Y_MIN,
# Y_MAX); DATA the bars' positions (the first column; a bar is 0.75 of a
# row high).  A box is estimated from the characters: 9 points times the
# terminal's fontscale, 4/3 pixel a point, 0.62 em a character, 0.6 em
# above and below its line's middle.  Exits 1 and says what is wrong.
function py(y) { return P[3] + (y - P[7]) / (P[8] - P[7]) * (P[4] - P[3]) }
FNR == 1 { file++ }  # (the shell gives LABELS a first line: never empty)
file == 1 && /^set terminal/ { fs = 1; if (match($0, /fontscale [0-9.]+/)) fs = substr($0, RSTART + 10, RLENGTH - 10) + 0 }
file == 2 && FNR == 1 { split($0, P, " ") }
file == 3 && /^[ \t]*label 97 "/ {
    line = $0; found = 1
    text = substr(line, index(line, "\"") + 1); text = substr(text, 1, index(text, "\"") - 1)
    level = line ~ /not rotated/
    right = line ~ /\) right /
    at = substr(line, index(line, "at (") + 4); at = substr(at, 1, index(at, ")") - 1)
    split(at, c, ", *"); xs = c[1]; ys = c[2]
}
file == 4 { split($0, d, "\t"); if (first == "" || d[1] + 0 < first) first = d[1] + 0 }
END {
    if (!found) { print "no off-scale label"; exit 1 }
    if (text !~ /off the scale/) { print "label 97 is not the figure off the scale: " text; exit 1 }
    if (!level) { print "the figure is not level: " line; exit 1 }
    if (xs != "graph 1" || !right) { print "the figure does not end at the plot's right edge: " line; exit 1 }
    if (ys !~ /^first /) { print "the figure is not placed on the bars' axis: " line; exit 1 }
    split(ys, yy, " "); y = yy[2] + 0
    em = 9 * fs * 4 / 3
    top = py(y) + 0.6 * em; bottom = py(y) - 0.6 * em; width = 0.62 * em * length(text)
    if (top > P[4]) { print "the figure reaches above the plot (the key): " top " > " P[4]; exit 1 }
    if (bottom < py(first - 0.375)) { print "the figure reaches the first bar: " bottom " < " py(first - 0.375); exit 1 }
    if (P[2] - width < P[1]) { print "the figure is wider than the plot: " width; exit 1 }
    exit 0
}
