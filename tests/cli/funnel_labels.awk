# SPDX-License-Identifier: GPL-3.0-or-later
# funnel_labels.awk: awk -f funnel_labels.awk [-v LEADERS=1] SCRIPT.gp DATA.dat
#
# Checks a funnel plot's names (chart funnel or chart change-funnel
# --keep-script; a funnel of changes has no off-scale column, and its y
# axis may be logarithmic, a rate ratio's) from the
# numbers the program wrote, not from its own placement: every force
# beyond the outer limits (or highlighted, or off the scale) has a name;
# no name's box meets a limit curve, the target line, a force's marker or
# another name, or leaves the plot; with LEADERS=1 no leader line crosses
# a curve.  A box is estimated independently from the name's characters
# and font (10 points, the charts' normal text, or with POINTS=8/9 the
# change funnel's 8, 9 for the highlighted force: 0.62 em a character, a
# line 1.2 em, a point 4/3 pixel, 2 pixels room each side), in a plot the
# terminal's size less the margins (140 pixels across, 17 a line of the
# 12 the key, title and axes take plus the title's, and 10); a marker's
# half size is 5 pixels a point size of the template.  A narrow funnel's
# script (fontscale F on its terminal line) has fonts F times as large, a
# plot 180 pixels narrower than its terminal and 25 pixels a line of what
# its narrow layout keeps above and below (1.4 a title or subtitle line,
# the KEYS, 1.5, 1 more with a subtitle; 0.95 a SOURCE_LINES, 0.6, 1.1 a
# note line from its bmargin, 8) and 10.  Exits 1 and says which name is
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
FNR == 1 { file++ }
file == 1 && /^set terminal/ && !WT { match($0, /size [0-9]+,[0-9]+/); split(substr($0, RSTART + 5, RLENGTH - 5), s, ","); WT = s[1]; HT = s[2]; fs = 1
    if (match($0, /fontscale [0-9.]+/)) fs = substr($0, RSTART + 10, RLENGTH - 10) + 0 }
file == 1 && /^SOURCE_LINES = [0-9]/ { src = $3 }
file == 1 && /^KEYS = [0-9]/ { keys = $3 }
file == 1 && /^KEYS = KEYS \+ [0-9]/ { keys += $5 }
file == 1 && /^set bmargin NARROW_FOOT \+ 1\.1 \* [0-9]+ \+ 8$/ { notes = $7 }
file == 1 && /^TITLE_LINES = [0-9]/ { tl = $3 }
file == 1 && /^SUBTITLE_LINES = [0-9]/ { sl = $3 }
file == 1 && /^set logscale x/ { logx = 1 }
file == 1 && /^set logscale y/ { logy = 1 }
file == 1 && /^set xrange/ { gsub(/[][]/, " ", $3); split($3, rg, ":"); x0 = rg[1] + 0; x1 = rg[2] + 0 }
file == 1 && /^set yrange/ { gsub(/[][]/, " ", $3); split($3, rg, ":"); y0 = rg[1] + 0; y1 = rg[2] + 0 }
file == 2 && FNR == 1 { W = WT - 140; H = HT - 17 * (12 + tl + sl) - 10; block = 0; FS = "\t"
    if (fs != 1) { W = WT - 180; H = HT - 25 * (1.4 * (tl + sl) + keys + 1.5 + (sl > 0) + 0.95 * src + 0.6 + 1.1 * notes + 8) - 10 } }
file == 2 && /^$/ { blank++; if (blank == 2) block++; next }
# With -v POS=FILE, the plot gnuplot drew, not the one the margins above
# estimate: FILE's first line holds its left, right, bottom and top in
# pixels, then its x and y ranges (GPVAL_TERM_XMIN ... GPVAL_Y_MAX, as
# tests/cli/report.cases' redraw prints them); an unreadable FILE leaves
# no plot, so every name is outside it.
file == 2 && FNR == 1 && POS != "" { W = H = 0; if ((getline line < POS) > 0 && split(line, pos, " ") >= 8) { W = pos[2] - pos[1]; H = pos[4] - pos[3]; x0 = pos[5]; x1 = pos[6]; y0 = pos[7]; y1 = pos[8] } }
file == 2 { blank = 0; $0 = $0 }
file == 2 && block == 0 && NF >= 4 {
    np++; mx[np] = px($1); my[np] = py($2)
    mr[np] = 5 * ($4 == 1 ? 1.7 : $5 == 1 ? 1.5 : $3 == 0 ? 1 : 1.1)
    if ($3 == 2 || $4 == 1 || $5 == 1) want[$1 "," $2] = 1
}
file == 2 && block == 1 && NF >= 6 {
    nc++; cx[nc] = px($1); for (j = 2; j <= 6; j++) { cy[nc, j] = fin($j) ? py($j) : "NaN" }
}
file == 2 && block == 2 && NF >= 8 && $8 != "-" {
    nl++; got[$1 "," $2] = 1
    em = (POINTS == "8/9" ? ($7 == 1 ? 9 : 8) : 10) * fs * 4 / 3
    chars = length($8)
    lx[nl] = px($5) - 2; lw[nl] = 0.62 * em * chars + 4; lh[nl] = 1.2 * em + 4
    lyc[nl] = py($6); name[nl] = $8
    if ($3 != "NaN") { lead[nl] = 1; ax[nl] = px($1); ay[nl] = py($2); bx[nl] = px($3); by[nl] = py($4) }
}
END {
    bad = 0
    for (k in want) if (!(k in got)) { print "unnamed: " k; bad = 1 }
    for (i = 1; i <= nl; i++) {
        l = lx[i]; r = l + lw[i]; b = lyc[i] - lh[i] / 2; t = b + lh[i]
        if (l < -0.5 || b < -0.5 || r > W + 0.5 || t > H + 0.5) { print name[i] ": outside the plot"; bad = 1 }
        for (m = 1; m <= np; m++)
            if (l <= mx[m] + mr[m] && mx[m] - mr[m] <= r && b <= my[m] + mr[m] && my[m] - mr[m] <= t) { print name[i] ": crosses a marker"; bad = 1; break }
        for (j = 2; j <= 6; j++)
            for (k = 1; k < nc; k++)
                if (cy[k, j] != "NaN" && cy[k + 1, j] != "NaN" && meets(cx[k], cy[k, j], cx[k + 1], cy[k + 1, j], l, b, r, t)) { print name[i] ": crosses curve " j; bad = 1; k = nc; j = 7 }
        for (q = 1; q < i; q++)
            if (l < lx[q] + lw[q] - 0.5 && lx[q] < r - 0.5 && b < lyc[q] + lh[q] / 2 - 0.5 && lyc[q] - lh[q] / 2 < t - 0.5) { print name[i] ": crosses " name[q]; bad = 1 }
        if (LEADERS && lead[i])
            for (j = 2; j <= 6; j++)
                for (k = 1; k < nc; k++)
                    if (cy[k, j] != "NaN" && cy[k + 1, j] != "NaN" && cross(ax[i], ay[i], bx[i], by[i], cx[k], cy[k, j], cx[k + 1], cy[k + 1, j])) { print name[i] ": leader crosses curve " j; bad = 1; k = nc; j = 7 }
    }
    if (nl == 0 && length(want) > 0) bad = 1
    exit bad
}
