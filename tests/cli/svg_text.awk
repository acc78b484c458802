# SPDX-License-Identifier: GPL-3.0-or-later
# svg_text.awk: awk -f geometry.awk -f svg_text.awk CHART.svg
#
# Checks the text of a chart drawn as an SVG by gnuplot (any kind, any
# width), from the SVG itself: no text runs off the canvas, and no text
# overlaps another (a key's entry over the title or the subtitle, one
# note over another at the foot, a name over a name).  Each text is a
# <g transform="translate(X,Y)[ rotate(270)]" ... font-size="S"
# text-anchor="A"> followed by its <text>; its box is estimated
# independently of the program from its characters (textw: DejaVu Sans's
# advance widths) at S pixels, from 0.8 S above its baseline to 0.25 S
# below, placed by its anchor (start, middle, end), turned on end when
# rotated.  A pixel of slack on each side: gnuplot rounds.  The tick
# labels of one axis are not compared with each other (gnuplot spaces
# them).  Exits 1 and says what is wrong.
function unxml(s) {
    gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "'", s)
    gsub(/&#[0-9]+;/, "x", s); gsub(/&amp;/, "\\&", s)
    return s
}
/^<svg/ { insvg = 1 }
insvg && /width="[0-9.]+" height="[0-9.]+"/ && !W {
    match($0, /width="[0-9.]+"/); W = substr($0, RSTART + 7, RLENGTH - 8) + 0
    match($0, /height="[0-9.]+"/); H = substr($0, RSTART + 8, RLENGTH - 9) + 0
}
/<g transform="translate\(/ && /font-size=/ {
    match($0, /translate\([-0-9.]+,[-0-9.]+\)/)
    split(substr($0, RSTART + 10, RLENGTH - 11), xy, ",")
    gx = xy[1] + 0; gy = xy[2] + 0
    grot = $0 ~ /rotate\(270\)/ ? 1 : $0 ~ /rotate\(/ ? 2 : 0
    match($0, /font-size="[0-9.]+"/); gs = substr($0, RSTART + 11, RLENGTH - 12) + 0
    ganchor = "start"
    if (match($0, /text-anchor="[a-z]+"/)) ganchor = substr($0, RSTART + 13, RLENGTH - 14)
    pending = 1
    next
}
pending && /<text>/ {
    pending = 0
    t = $0; sub(/^.*<text>/, "", t); sub(/<\/text>.*$/, "", t); t = unxml(t)
    sub(/^ +/, "", t); sub(/ +$/, "", t)
    if (t == "" || grot == 2) next
    w = textw(t, gs)
    n++; TXT[n] = t
    if (!grot) {
        l = ganchor == "middle" ? gx - w / 2 : ganchor == "end" ? gx - w : gx
        L[n] = l; R[n] = l + w; T[n] = gy - 0.8 * gs; B[n] = gy + 0.25 * gs
    } else { # rotated 270: reads upwards, its baseline at x
        b = ganchor == "middle" ? gy + w / 2 : ganchor == "end" ? gy + w : gy
        B[n] = b; T[n] = b - w; L[n] = gx - 0.8 * gs; R[n] = gx + 0.25 * gs
    }
    # a tick label: a number alone (its axis: the same x, or the same y)
    TICK[n] = t ~ /^[-+0-9.,%eE]+$/
}
END {
    if (!W || !H) { print "no canvas size in the SVG"; exit 1 }
    if (n == 0) { print "no text in the SVG"; exit 1 }
    bad = 0
    for (i = 1; i <= n; i++)
        if (L[i] < -1 || R[i] > W + 1 || T[i] < -1 || B[i] > H + 1) {
            printf "off the canvas (%dx%d): \"%s\" at %.0f..%.0f, %.0f..%.0f\n", W, H, TXT[i], L[i], R[i], T[i], B[i]
            bad = 1
        }
    for (i = 1; i <= n; i++)
        for (j = i + 1; j <= n; j++) {
            if (TICK[i] && TICK[j]) continue
            if (overlap(L[i] + 1, T[i] + 1, R[i] - 1, B[i] - 1, L[j] + 1, T[j] + 1, R[j] - 1, B[j] - 1)) {
                printf "overlap: \"%s\" (%.0f..%.0f, %.0f..%.0f) and \"%s\" (%.0f..%.0f, %.0f..%.0f)\n", \
                    TXT[i], L[i], R[i], T[i], B[i], TXT[j], L[j], R[j], T[j], B[j]
                bad = 1
            }
        }
    exit bad
}
