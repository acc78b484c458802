# SPDX-License-Identifier: GPL-3.0-or-later
# funnel_labels.awk: awk -f funnel_labels.awk [-v LEADERS=1|2] [-v GAP=1]
#                    [-v POS=FILE] [-v TIGHT=N] [-v NEAR=N] SCRIPT.gp DATA.dat
#
# Checks a funnel plot's names (chart funnel or chart change-funnel
# --keep-script; a funnel of changes has no off-scale column, and its y
# axis may be logarithmic, a rate ratio's; a funnel's curves go on past
# the forces in its data's block 3 when they are drawn there) from the
# numbers the program wrote, not from its own placement: every force
# beyond the outer limits (or highlighted, or off the scale) has a name;
# no name's box meets a limit curve, the target line, a force's marker or
# another name, or leaves the plot; with LEADERS=1 no leader line crosses
# a curve (from its point's centre, so a name across a curve from its
# point, the crossing hidden under the marker, fails too), and with
# LEADERS=2 nor another force's marker (a bent leader's second leg, a
# row with no name from its elbow, neither; nor any marker); (but one
# overlapping its own: the program places names
# before the x axis is cut to them, which can only widen the plot, so a
# neighbour it found overlapping may stand up to twice as far across
# here).  With GAP=1 no box comes within 0.4 em of a curve or of the
# plot's left and bottom edges (its axes), or within a quarter of that of
# another force's marker, and no leader (with LEADERS=1), past 0.4 em
# from its marker's edge, comes within 0.4 em of a curve, upright: no
# name sits on a line or touches a marker.  With TIGHT=N, an x axis
# longer than the forces' (1.2 times the largest) ends past the
# rightmost name's text by N pixels at most (funnel_xend: just past the
# largest force and its name).  With NEAR=N a name without a leader
# stands within N pixels of its marker's edge (issue 29: Essex's, 90
# pixels off on the narrow M01).  A box is estimated
# independently from the name's characters and font (10 points, the
# charts' normal text: each character's advance width in DejaVu Sans, the
# charts' font, a line 1.2 em, a point 4/3 pixel, 2 pixels room each
# side), in a plot the terminal's size less the margins (140 pixels
# across, 17 a line of the 12 the key, title and axes take plus the
# title's and the STRIP's, where a force off the scale is named above
# the plot, and 10), or, with POS, gnuplot's own plot: the file tests/cli/
# report.cases' redraw prints (the plot's left, right, bottom and top in
# pixels, then its x and y ranges); a marker's
# half size is 5 pixels a point size of the template.  A narrow funnel's
# script (fontscale F on its terminal line) has fonts F times as large, a
# plot 180 pixels narrower than its terminal and 25 pixels a line of what
# its narrow layout keeps above and below (1.4 a title or subtitle line,
# the KEYS, 1.5, 1 more with a subtitle, the STRIP; 0.95 a SOURCE_LINES, 0.6, 1.6 a
# note line from its bmargin, 8.5) and 10.  Exits 1 and says which name is
# at fault when a check fails.
function px(x) { return W * (logx ? (log(x) - log(x0)) / (log(x1) - log(x0)) : (x - x0) / (x1 - x0)) }
function py(y) { return H * (logy ? (log(y) - log(y0)) / (log(y1) - log(y0)) : (y - y0) / (y1 - y0)) }
# meets(): tests/cli/geometry.awk, loaded first.
function orient(ax, ay, bx, by, cx, cy) { return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax) }
function cross(ax, ay, bx, by, cx, cy, dx, dy,    d1, d2, d3, d4) {
    d1 = orient(cx, cy, dx, dy, ax, ay); d2 = orient(cx, cy, dx, dy, bx, by)
    d3 = orient(ax, ay, bx, by, cx, cy); d4 = orient(ax, ay, bx, by, dx, dy)
    return d1 * d2 < 0 && d3 * d4 < 0
}
function fin(v) { return v != "NaN" && v != "inf" && v != "-inf" }
BEGIN {
    if (POS != "" && (getline line < POS) > 0) { split(line, pos, " "); real = 1 }
}
# Whether the leader (ax, ay)-(bx, by) passes within g of the segment
# (cx, cy)-(dx, dy), upright, over the x both span.
function near(ax, ay, bx, by, cx, cy, dx, dy, g,    t, lo, hi, cl, ch, d0, d1) {
    if (bx < ax) { t = ax; ax = bx; bx = t; t = ay; ay = by; by = t }
    lo = ax > cx ? ax : cx; hi = bx < dx ? bx : dx
    if (lo > hi || dx <= cx) return 0
    cl = cy + (dy - cy) * (lo - cx) / (dx - cx); ch = cy + (dy - cy) * (hi - cx) / (dx - cx)
    if (bx <= ax) return cl >= (ay < by ? ay : by) - g && cl <= (ay > by ? ay : by) + g
    d0 = ay + (by - ay) * (lo - ax) / (bx - ax) - cl; d1 = ay + (by - ay) * (hi - ax) / (bx - ax) - ch
    return (d0 <= 0) != (d1 <= 0) || (d0 < 0 ? -d0 : d0) <= g || (d1 < 0 ? -d1 : d1) <= g
}
FNR == 1 { file++ }
file == 1 && /^set terminal/ && !WT { match($0, /size [0-9]+,[0-9]+/); split(substr($0, RSTART + 5, RLENGTH - 5), s, ","); WT = s[1]; HT = s[2]; fs = 1
    if (match($0, /fontscale [0-9.]+/)) fs = substr($0, RSTART + 10, RLENGTH - 10) + 0 }
file == 1 && /^SOURCE_LINES = [0-9]/ { src = $3 }
file == 1 && /^KEYS = [0-9]/ { keys = $3 }
file == 1 && /^KEYS = KEYS \+ [0-9]/ { keys += $5 }
file == 1 && /^set bmargin NARROW_FOOT \+ 1\.6 \* [0-9]+ \+ 8\.5$/ { notes = $7 }
file == 1 && /^TITLE_LINES = [0-9]/ { tl = $3 }
file == 1 && /^SUBTITLE_LINES = [0-9]/ { sl = $3 }
file == 1 && /^STRIP = [0-9]/ { strip = $3 }
file == 1 && /^set logscale x/ { logx = 1 }
file == 1 && /^set logscale y/ { logy = 1 }
file == 1 && /^set xrange/ { gsub(/[][]/, " ", $3); split($3, rg, ":"); x0 = rg[1] + 0; x1 = rg[2] + 0 }
file == 1 && /^set yrange/ { gsub(/[][]/, " ", $3); split($3, rg, ":"); y0 = rg[1] + 0; y1 = rg[2] + 0 }
file == 2 && FNR == 1 { W = WT - 140; H = HT - 17 * (12 + tl + sl + strip) - 10; block = 0; FS = "\t"
    if (fs != 1) { W = WT - 180; H = HT - 25 * (1.4 * (tl + sl) + keys + 1.5 + (sl > 0) + strip + 0.95 * src + 0.6 + 1.6 * notes + 8.5) - 10 }
    if (real) { W = pos[2] - pos[1]; H = pos[4] - pos[3]; x0 = pos[5]; x1 = pos[6]; y0 = pos[7]; y1 = pos[8] }
    gap = GAP ? 0.4 * 10 * fs * 4 / 3 : 0 }
file == 2 && /^$/ { blank++; if (blank == 2) block++; next }
file == 2 { blank = 0; $0 = $0 }
file == 2 && block == 0 && NF >= 4 {
    np++; mx[np] = px($1); my[np] = py($2); if ($1 + 0 > xforces) xforces = $1 + 0
    mr[np] = 5 * ($4 == 1 ? 1.7 : $5 == 1 ? 1.5 : $3 == 0 ? 1 : 1.1)
    if ($3 == 2 || $4 == 1 || $5 == 1) want[$1 "," $2] = 1
}
file == 2 && (block == 1 || block == 3) && NF >= 6 {
    nc++; cx[nc] = px($1); for (j = 2; j <= 6; j++) { cy[nc, j] = fin($j) ? py($j) : "NaN" }
}
# The off-scale force's name stands in the strip above the plot (its y
# NaN): named, but not in the plot (the SVG's cases check where it is).
file == 2 && block == 2 && NF >= 8 && $8 != "-" && $6 == "NaN" && $5 != "NaN" { got[$1 "," $2] = 1; strips++; next }
# A bent leader's second leg: a row with no name, from its elbow (the
# leader's end in its name's row) to the name.
file == 2 && block == 2 && NF >= 8 && $8 == "-" && $3 != "NaN" { nb++; kx0[nb] = px($1); ky0[nb] = py($2); kx1[nb] = px($3); ky1[nb] = py($4); next }
file == 2 && block == 2 && NF >= 8 && $8 != "-" {
    nl++; got[$1 "," $2] = 1
    em = 10 * fs * 4 / 3
    lx[nl] = px($5) - 2; lw[nl] = textw($8, em) + 4; lh[nl] = 1.2 * em + 4
    lyc[nl] = py($6); name[nl] = $8; ox[nl] = px($1); oy[nl] = py($2)
    if ($3 != "NaN") { lead[nl] = 1; ax[nl] = px($1); ay[nl] = py($2); bx[nl] = px($3); by[nl] = py($4) }
}
END {
    bad = 0
    for (k in want) if (!(k in got)) { print "unnamed: " k; bad = 1 }
    for (i = 1; i <= nl; i++) {
        l = lx[i]; r = l + lw[i]; b = lyc[i] - lh[i] / 2; t = b + lh[i]
        if (l < gap - 0.5 || b < gap - 0.5 || r > W + 0.5 || t > H + 0.5) { print name[i] ": outside the plot or on an axis"; bad = 1 }
        for (m = 1; m <= np; m++) {
            g = (mx[m] - ox[i]) ^ 2 + (my[m] - oy[i]) ^ 2 < 0.01 ? 0 : gap / 4
            if (l - g <= mx[m] + mr[m] && mx[m] - mr[m] <= r + g && b - g <= my[m] + mr[m] && my[m] - mr[m] <= t + g) { print name[i] ": crosses or touches a marker"; bad = 1; break }
        }
        for (j = 2; j <= 6; j++)
            for (k = 1; k < nc; k++)
                if (cy[k, j] != "NaN" && cy[k + 1, j] != "NaN" && meets(cx[k], cy[k, j], cx[k + 1], cy[k + 1, j], l - gap, b - gap, r + gap, t + gap)) { print name[i] ": crosses or sits on curve " j; bad = 1; k = nc; j = 7 }
        for (q = 1; q < i; q++)
            if (l < lx[q] + lw[q] - 0.5 && lx[q] < r - 0.5 && b < lyc[q] + lh[q] / 2 - 0.5 && lyc[q] - lh[q] / 2 < t - 0.5) { print name[i] ": crosses " name[q]; bad = 1 }
        # With NEAR=N a name without a leader stands within N pixels of
        # its marker's edge (its text, the box less its room).
        if (NEAR != "" && !lead[i]) {
            for (m = 1; m <= np; m++) if ((mx[m] - ox[i]) ^ 2 + (my[m] - oy[i]) ^ 2 < 0.01) break
            dx = ox[i] < l + 2 ? l + 2 - ox[i] : ox[i] > r - 2 ? ox[i] - r + 2 : 0
            dy = oy[i] < b + 2 ? b + 2 - oy[i] : oy[i] > t - 2 ? oy[i] - t + 2 : 0
            if (sqrt(dx * dx + dy * dy) - (m <= np ? mr[m] : 0) > NEAR + 0) { print name[i] ": " sqrt(dx * dx + dy * dy) - (m <= np ? mr[m] : 0) " pixels from its marker, no leader"; bad = 1 }
        }
        if (LEADERS && lead[i]) {
            # Past its marker's edge and the gap, the leader keeps the gap.
            for (m = 1; m <= np; m++) if ((mx[m] - ax[i]) ^ 2 + (my[m] - ay[i]) ^ 2 < 0.01) break
            len = sqrt((bx[i] - ax[i]) ^ 2 + (by[i] - ay[i]) ^ 2); skip = (m <= np ? mr[m] : 0) + gap
            sx = len > skip ? ax[i] + (bx[i] - ax[i]) * skip / len : bx[i]; sy = len > skip ? ay[i] + (by[i] - ay[i]) * skip / len : by[i]
            for (q = 1; LEADERS >= 2 && q <= np; q++)
                if (q != m && !(m <= np && (mx[q] - mx[m]) ^ 2 < 4 * (mr[q] + mr[m]) ^ 2 && (my[q] - my[m]) ^ 2 < (mr[q] + mr[m]) ^ 2) && meets(ax[i], ay[i], bx[i], by[i], mx[q] - mr[q], my[q] - mr[q], mx[q] + mr[q], my[q] + mr[q])) { print name[i] ": leader crosses a marker"; bad = 1; break }
            for (j = 2; j <= 6; j++)
                for (k = 1; k < nc; k++)
                    if (cy[k, j] != "NaN" && cy[k + 1, j] != "NaN" && (cross(ax[i], ay[i], bx[i], by[i], cx[k], cy[k, j], cx[k + 1], cy[k + 1, j]) || (gap && len > skip && near(sx, sy, bx[i], by[i], cx[k], cy[k, j], cx[k + 1], cy[k + 1, j], gap - 0.5)))) { print name[i] ": leader crosses or runs along curve " j; bad = 1; k = nc; j = 7 }
        }
    }
    # A bent leader's second leg keeps the gap from every curve all along
    # it (LEADERS=1) and crosses no marker (LEADERS=2).
    for (i = 1; LEADERS && i <= nb; i++) {
        for (q = 1; LEADERS >= 2 && q <= np; q++)
            if (meets(kx0[i], ky0[i], kx1[i], ky1[i], mx[q] - mr[q], my[q] - mr[q], mx[q] + mr[q], my[q] + mr[q])) { print "a bent leader crosses a marker"; bad = 1; break }
        for (j = 2; j <= 6; j++)
            for (k = 1; k < nc; k++)
                if (cy[k, j] != "NaN" && cy[k + 1, j] != "NaN" && (cross(kx0[i], ky0[i], kx1[i], ky1[i], cx[k], cy[k, j], cx[k + 1], cy[k + 1, j]) || (gap && near(kx0[i], ky0[i], kx1[i], ky1[i], cx[k], cy[k, j], cx[k + 1], cy[k + 1, j], gap - 0.5)))) { print "a bent leader crosses or runs along curve " j; bad = 1; k = nc; j = 7 }
    }
    if (TIGHT != "" && x1 > 1.2 * xforces * 1.000001) {
        end = 0
        for (i = 1; i <= nl; i++) if (lx[i] + lw[i] - 2 > end) end = lx[i] + lw[i] - 2
        if (end > W + 0.5 || end < W - TIGHT) { print "the x axis ends " W - end " pixels past the names"; bad = 1 }
    }
    if (nl + strips == 0 && length(want) > 0) bad = 1
    exit bad
}
