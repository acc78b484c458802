# SPDX-License-Identifier: GPL-3.0-or-later
# spine_text.awk: awk [-v scale=S] -f geometry.awk -f spine_text.awk CHART.svg
#
# Checks that no text of a spine chart (its columns' figures, the
# measures' names, the periods, the headers, the ends' names, the key,
# the titles and the notes) overlaps another, nor runs onto a bar (issue
# 29: at --width 600 to 800 the wide spine's columns ran into one
# another), from the SVG gnuplot drew.  A text's box is estimated from
# DejaVu Sans's advance widths at its font-size (textw, geometry.awk) and
# from 0.8 em above its baseline to 0.25 em below (0.05 em for a text
# with no descender, figures and most words: DejaVu Sans's g, j, p, q,
# y, brackets, commas and semicolons reach 0.24 em); gnuplot's
# translate(x, y) is the baseline's anchor, and text-anchor says which
# end (start, middle, end) stands at x.  The lines of one label (the
# same x, anchor and size, each under the last by less than 1.2 em) are
# one box: gnuplot's svg terminal spaces a narrow chart's lines for its
# unscaled font (1.5 of its points), closer than its text (the PNG, drawn
# by cairo, spaces them for the scaled font); the narrow PNG's lines are
# checked by spine_line.awk.  A bar is the box of a polygon of
# the first plot (the bars from the lowest to the highest, and the key's
# sample of them); a text wholly within a bar's left and right (a
# marker's own figure at the end of its bar) stands on it by design.
# A narrow chart's SVG (drawn at fontscale FONTSCALE * 4/3, as its
# script's terminal says) is laid out for its unscaled font, its text
# then drawn FONTSCALE times as large (plots/common.gp): its layout is
# checked with each font-size over scale (the FONTSCALE; 1 by default).
# Exits 1 and names the two texts (or the text and the bar) that meet.
function unescape(s) {
    gsub(/&amp;/, "\\&", s); gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s)
    gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s)
    return s
}
/<g id="gnuplot_plot_[0-9]+a?"/ { bars = $0 ~ /gnuplot_plot_1a?"/ }
/<g id=/ { px = "" } # a plot's key entry is a label of its own
/<g transform="translate\(/ {
    t = $0; sub(/.*translate\(/, "", t); split(t, xy, /[,)]/); gx = xy[1] + 0; gy = xy[2] + 0
    gs = 10; if (match($0, /font-size="[0-9.]+"/)) gs = substr($0, RSTART + 11, RLENGTH - 12) / (scale > 0 ? scale : 1)
    ga = "start"; if (match($0, /text-anchor="[a-z]+"/)) ga = substr($0, RSTART + 13, RLENGTH - 14)
}
/<text>/ {
    s = $0; sub(/.*<text>(<tspan[^>]*>)?/, "", s); sub(/(<\/tspan>)?<\/text>.*/, "", s); s = unescape(s)
    if (s ~ /^[ ]*$/) next
    w = textw(s, gs); l = ga == "middle" ? gx - w / 2 : ga == "end" ? gx - w : gx
    b = gy + (s ~ /[gjpqy(),;_|]/ ? 0.25 : 0.05) * gs
    if (nt > 0 && gx == px && ga == pa && gs == ps && gy > py && gy - py < 1.2 * gs) {
        # the next line of the same label: one box
        tx[nt] = tx[nt] " / " s; if (l < tl[nt]) tl[nt] = l; if (l + w > tr[nt]) tr[nt] = l + w; tb[nt] = b
    } else {
        nt++; tx[nt] = s; tl[nt] = l; tr[nt] = l + w; tt[nt] = gy - 0.8 * gs; tb[nt] = b
    }
    px = gx; pa = ga; ps = gs; py = gy
}
bars && /<polygon .*points = '/ {
    p = $0; sub(/.*points = '/, "", p); sub(/'.*/, "", p); np = split(p, c, /[ ,]+/)
    nb++; bl[nb] = bt[nb] = 1e9; br[nb] = bb[nb] = -1e9
    for (k = 1; k + 1 <= np; k += 2) {
        if (c[k] == "") continue
        if (c[k] + 0 < bl[nb]) bl[nb] = c[k] + 0
        if (c[k] + 0 > br[nb]) br[nb] = c[k] + 0
        if (c[k + 1] + 0 < bt[nb]) bt[nb] = c[k + 1] + 0
        if (c[k + 1] + 0 > bb[nb]) bb[nb] = c[k + 1] + 0
    }
}
END {
    if (nt < 20 || nb < 2) { print "too few texts (" nt ") or bars (" nb ") to check"; exit 1 }
    for (i = 1; i <= nt; i++) {
        for (j = i + 1; j <= nt; j++)
            if (overlap(tl[i], tt[i], tr[i], tb[i], tl[j], tt[j], tr[j], tb[j])) {
                printf "     \"%s\" meets \"%s\"\n", tx[i], tx[j]; bad = 1
            }
        for (k = 1; k <= nb; k++)
            if (overlap(tl[i], tt[i], tr[i], tb[i], bl[k], bt[k], br[k], bb[k]) &&
                !(tl[i] >= bl[k] && tr[i] <= br[k])) {
                printf "     \"%s\" runs onto the bar at %.1f..%.1f, %.1f\n", tx[i], bl[k], br[k], bt[k]; bad = 1
            }
    }
    exit bad
}
