# SPDX-License-Identifier: GPL-3.0-or-later
# offscale_name.awk: awk -f offscale_name.awk CHART.svg
#
# Checks where a funnel plot's force off the scale is named, from the SVG
# gnuplot drew (issue 29: on the narrow funnel its name stood 430 pixels
# below its arrow, on a leader, just above the target line): the force
# drawn at the top edge (its mark's <circle> lies on the plot's top
# border) has its name, "NAME (...)", in the strip above the plot: the
# name's text wholly above the border, over the plot's width, spanning
# its arrow's x, and clear of every other text (the key's, the titles',
# the tick labels'); its figure has as many decimals as the figure the
# chart's finding (its subtitle, else the mark's title) gives the force.
# A text's box is estimated from DejaVu Sans's advance widths at its
# font-size (pixels) and from 0.8 em above its baseline to 0.25 em
# below; gnuplot's translate(x, y) is the baseline's anchor, and
# text-anchor says which end (start, middle, end) stands at x.  Exits 1
# and says what is wrong when a check fails.
BEGIN {
    top = ""
}
function decimals(s) { return match(s, /\.[0-9]+/) ? RLENGTH - 1 : 0 }
function unescape(s) {
    gsub(/&amp;/, "\\&", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
    gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s)
    return s
}
# The border (set border 3): M left,top L left,bottom L right,bottom M right,top.
/<path / && /d='M[0-9.]+,[0-9.]+ L[0-9.]+,[0-9.]+ L[0-9.]+,[0-9.]+ M[0-9.]+,[0-9.]+/ && top == "" {
    d = $0; sub(/.*d='M/, "", d); gsub(/[LM]/, "", d); split(d, p, /[ ,]+/)
    if (p[1] == p[3] && p[4] == p[6] && p[5] == p[7] && p[8] == p[2]) { left = p[1] + 0; top = p[2] + 0; right = p[5] + 0 }
}
# A text: its anchor and size from the <g> before it.
/<g transform="translate\(/ {
    t = $0; sub(/.*translate\(/, "", t); split(t, xy, /[,)]/); gx = xy[1] + 0; gy = xy[2] + 0
    gs = 10; if (match($0, /font-size="[0-9.]+"/)) gs = substr($0, RSTART + 11, RLENGTH - 12) + 0
    ga = "start"; if (match($0, /text-anchor="[a-z]+"/)) ga = substr($0, RSTART + 13, RLENGTH - 14)
}
/<text>/ {
    s = $0; sub(/.*<text>(<tspan[^>]*>)?/, "", s); sub(/(<\/tspan>)?<\/text>.*/, "", s); s = unescape(s)
    nt++; tx[nt] = s; w = textw(s, gs)
    tl[nt] = ga == "middle" ? gx - w / 2 : ga == "end" ? gx - w : gx; tr[nt] = tl[nt] + w
    tt[nt] = gy - 0.8 * gs; tb[nt] = gy + 0.25 * gs
}
# The forces' marks: the one on the top edge is off the scale.
/<circle .*<title>/ {
    c = $0; sub(/.*cx='/, "", c); cx = c + 0; c = $0; sub(/.*cy='/, "", c); cy = c + 0
    c = $0; sub(/.*<title>/, "", c); sub(/<\/title>.*/, "", c); nm++; mx[nm] = cx; my[nm] = cy; mt[nm] = unescape(c)
}
END {
    if (top == "") { print "no plot border found"; exit 1 }
    for (k = 1; k <= nm; k++) if ((my[k] - top) ^ 2 < 0.01) { off = k; break }
    if (!off) { print "no force on the top edge"; exit 1 }
    name = mt[off]; sub(/: .*/, "", name); figure = mt[off]; sub(/^[^:]*: /, "", figure); sub(/,.*/, "", figure)
    for (i = 1; i <= nt; i++) if (index(tx[i], name " (") == 1) { lab = i; break }
    if (!lab) { print name ": no name with its figure"; exit 1 }
    for (i = 1; i <= nt; i++) if (index(tx[i], name ": ") == 1) { figure = tx[i]; sub(/^[^:]*: /, "", figure); sub(/,.*/, "", figure) }
    bad = 0
    if (tb[lab] > top - 1) { print tx[lab] ": not above the plot (" tb[lab] " below " top ")"; bad = 1 }
    if (tl[lab] < left - 0.5 || tr[lab] > right + 0.5) { print tx[lab] ": beyond the plot's width"; bad = 1 }
    if (tl[lab] > mx[off] || tr[lab] < mx[off]) { print tx[lab] ": not over its arrow (" tl[lab] " to " tr[lab] ", arrow " mx[off] ")"; bad = 1 }
    for (i = 1; i <= nt; i++)
        if (i != lab && tx[i] != "" && tl[i] < tr[lab] && tl[lab] < tr[i] && tt[i] < tb[lab] && tt[lab] < tb[i]) { print tx[lab] ": over " tx[i]; bad = 1 }
    if (decimals(tx[lab]) != decimals(figure)) { print tx[lab] ": its figure's decimals differ from " figure "'s"; bad = 1 }
    exit bad
}
