# SPDX-License-Identifier: GPL-3.0-or-later
# spine_line.awk: awk -f spine_line.awk SCRIPT.gp POSITIONS ARROWS DATA.dat
#
# Checks a narrow spine chart (the report's spine-narrow.png) from what
# gnuplot printed after drawing it: no England and Wales line (every
# arrow of the chart, as 'show arrow' lists them: ARROWS) crosses the
# box of any text of a row: the text over it (CARDS) or the figures at
# its bar's ends (LOWEST, HIGHEST).  POSITIONS holds, on its first line,
# the plot's corners in pixels and in data (GPVAL_TERM_XMIN, XMAX, YMIN,
# YMAX, GPVAL_X_MIN, X_MAX, Y_MIN, Y_MAX) and a line of the terminal's
# font in pixels (GPVAL_TERM_VCHAR / GPVAL_TERM_SCALE); then each text
# after a line "@card I", "@low I" or "@high I".  Where each text stands
# (its x, and the card's rise above its row) is read from the script's
# plot command, each row's y from DATA.  A box is estimated from the
# characters: the labels' font (9 points) times the terminal's fontscale,
# 4/3 pixel a point, 0.62 em a character and 2 pixels room either side;
# a card drawn a line at a time from the bottom up, its last line
# CARD_UP lines of the terminal's font over its row, each line above it
# CARD_LINE more (the script's), 0.6 em above and below a line's
# centre.  Exits 1 and names the text crossed when a check fails.
function px(x) { return P[1] + (x - P[5]) / (P[6] - P[5]) * (P[2] - P[1]) }
function py(y) { return P[3] + (y - P[7]) / (P[8] - P[7]) * (P[4] - P[3]) }
# meets(): tests/cli/geometry.awk, loaded first.
FNR == 1 { file++ }  # (the shell gives ARROWS a first line: never empty)
file == 1 && /^set terminal/ { fs = 1; if (match($0, /fontscale [0-9.]+/)) fs = substr($0, RSTART + 10, RLENGTH - 10) + 0 }
file == 1 && /^CARD_UP = [0-9.]+$/ { up = $3 + 0 }
file == 1 && /^CARD_LINE = [0-9.]+$/ { step = $3 + 0 }
file == 1 && /card_line\(CARDS\[/ && match($0, /using \([-0-9.]+\):1:\(card_line/) {
    split(substr($0, RSTART, RLENGTH), u, /[():]+/); cx = u[2] + 0 }
file == 1 && /LOWEST\[/ && match($0, /using \([-0-9.]+\):1:\(LOWEST/) { split(substr($0, RSTART, RLENGTH), u, /[():]+/); lowx = u[2] + 0 }
file == 1 && /HIGHEST\[/ && match($0, /using \([-0-9.]+\):1:\(HIGHEST/) { split(substr($0, RSTART, RLENGTH), u, /[():]+/); highx = u[2] + 0 }
file == 2 && FNR == 1 { split($0, P, " "); next }
file == 2 && /^@(card|low|high) [0-9]+$/ { kind = substr($1, 2); item = $2; nlines[kind, item] = 0; next }
file == 2 && kind != "" {
    n = ++nlines[kind, item]
    if (length($0) > chars[kind, item]) chars[kind, item] = length($0)
    text[kind, item] = text[kind, item] (n > 1 ? " / " : "") $0
}
file == 3 && /from \(/ {
    s = $0; gsub(/[(),]/, " ", s); split(s, a, " +")
    for (k = 1; a[k] != "from"; k++);
    na++; ax[na] = a[k + 1]; ay[na] = a[k + 2]; bx[na] = a[k + 5]; by[na] = a[k + 6]
}
file == 4 { split($0, d, "\t"); rows++; rowy[rows] = d[1] + 0 }
END {
    em = 9 * fs * 4 / 3; bad = 0
    if (na == 0 || rows == 0 || cx == "" || up <= 0 || step <= 0 || P[9] <= 0) { print "nothing to check"; exit 1 }
    for (i = 1; i <= rows; i++) {
        nb = 0
        w = 0.62 * em * chars["card", i] + 4; c = py(rowy[i]) + up * P[9]
        nb++; L[nb] = px(cx) - 2; R[nb] = L[nb] + w; B[nb] = c - 0.6 * em; T[nb] = c + (nlines["card", i] - 1) * step * P[9] + 0.6 * em; N[nb] = text["card", i]
        w = 0.62 * em * chars["low", i] + 4; c = py(rowy[i])
        nb++; R[nb] = px(lowx) + 2; L[nb] = R[nb] - w; T[nb] = c + 0.6 * em; B[nb] = c - 0.6 * em; N[nb] = text["low", i]
        w = 0.62 * em * chars["high", i] + 4
        nb++; L[nb] = px(highx) - 2; R[nb] = L[nb] + w; T[nb] = c + 0.6 * em; B[nb] = c - 0.6 * em; N[nb] = text["high", i]
        for (k = 1; k <= na; k++)
            for (j = 1; j <= nb; j++)
                if (chars[j == 1 ? "card" : j == 2 ? "low" : "high", i] > 0 &&
                    meets(px(ax[k]), py(ay[k]), px(bx[k]), py(by[k]), L[j], B[j], R[j], T[j])) {
                    print "England and Wales line " k " crosses row " i "'s text: " N[j]; bad = 1
                }
    }
    exit bad
}
