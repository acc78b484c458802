# SPDX-License-Identifier: GPL-3.0-or-later
# foot.awk: awk -f geometry.awk -f foot.awk SCRIPT.gp
#
# Checks a wide chart's foot (chart ... --keep-script): its source note
# (label 99) and its note (label 95, the funnel's over-dispersion), both
# "at screen X, screen Y" with an optional "offset DX, DY" in lines, do
# not overlap and stay on the canvas.  A box is estimated from the
# characters as bar_label.awk does (the label's points times the
# terminal's fontscale, 4/3 pixel a point, 0.62 em a character, an
# octal escape one character, 0.6 em above and below its line's middle),
# a line of offset 1.2 em of the terminal's 10-point text.  Exits 1 and
# says what is wrong.
function unescape(s) { gsub(/\\[0-7][0-7][0-7]/, "x", s); gsub(/\\./, "x", s); return s }
function field(line, key,    t) {
    t = substr(line, index(line, key) + length(key)); return t
}
/^set terminal/ && !W {
    match($0, /size [0-9]+,[0-9]+/); split(substr($0, RSTART + 5, RLENGTH - 5), sz, ","); W = sz[1]; H = sz[2]
    fs = 1; if (match($0, /fontscale [0-9.]+/)) fs = substr($0, RSTART + 10, RLENGTH - 10) + 0
}
/^set label (99|95) "/ {
    k = $3; text = substr($0, index($0, "\"") + 1); text = substr(text, 1, index(text, "\" at ") - 1)
    n = length(unescape(text))
    at = field($0, "\" at "); split(at, a, /[ ,]+/)
    if (a[1] != "screen" || a[3] != "screen") { skip[k] = 1; next }
    x = a[2] * W; y = a[4] * H; dy = 0
    if (index($0, " offset ")) { split(field($0, " offset "), o, /[ ,]+/); dy = o[2] + 0 }
    pts = 10; if (match($0, /font ",[0-9.]+"/)) pts = substr($0, RSTART + 7, RLENGTH - 8) + 0
    em = pts * fs * 4 / 3; w = 0.62 * em * n
    y += dy * 1.2 * 10 * fs * 4 / 3
    L[k] = $0 ~ / right / ? x - w : x; R[k] = L[k] + w; B[k] = y - 0.6 * em; T[k] = y + 0.6 * em
    seen[k] = 1
}
END {
    if (!seen[99] || !seen[95]) { print "no source note (99) and note (95) at the foot"; exit 1 }
    for (k in seen) if (L[k] < 0 || R[k] > W || B[k] < 0) { print "label " k " runs off the canvas: " L[k] ".." R[k] ", " B[k]; exit 1 }
    if (overlap(L[99], B[99], R[99], T[99], L[95], B[95], R[95], T[95])) {
        print "the source note (" L[99] ".." R[99] ") and the note (" L[95] ".." R[95] ") overlap at the foot"; exit 1
    }
    exit 0
}
