# SPDX-License-Identifier: GPL-3.0-or-later
# geometry.awk: what the chart checks (funnel_labels.awk, spine_line.awk,
# offscale_name.awk, foot.awk)
# share, loaded before them: awk -f geometry.awk -f CHECK.awk ...
#
# meets(ax, ay, bx, by, l, b, r, t): whether the segment (ax, ay)-(bx, by)
# meets the box l..r, b..t (Liang and Barsky's clipping: the segment's
# part inside each of the four half-planes, empty when they disagree).
function meets(ax, ay, bx, by, l, b, r, t,    dx, dy, p, q, k, t0, t1, u) {
    dx = bx - ax; dy = by - ay
    p[1] = -dx; q[1] = ax - l; p[2] = dx; q[2] = r - ax
    p[3] = -dy; q[3] = ay - b; p[4] = dy; q[4] = t - ay
    t0 = 0; t1 = 1
    for (k = 1; k <= 4; k++) {
        if (p[k] == 0) { if (q[k] < 0) return 0; continue }
        u = q[k] / p[k]
        if (p[k] < 0) { if (u > t0) t0 = u } else { if (u < t1) t1 = u }
        if (t0 > t1) return 0
    }
    return 1
}
# overlap(l1, b1, r1, t1, l2, b2, r2, t2): whether two boxes share any
# area (touching edges do not count).
function overlap(l1, b1, r1, t1, l2, b2, r2, t2) {
    return l1 < r2 && l2 < r1 && b1 < t2 && b2 < t1
}
# textw(s, em): the width of s in pixels at a font of em pixels, from
# DejaVu Sans's advance widths (2048ths of an em) of ' ' to '~' (ADV);
# any other character 0.62 em.
BEGIN {
    _gn = split("651 821 942 1716 1303 1946 1597 563 799 799 1024 1716 651 739 651 690 " \
              "1303 1303 1303 1303 1303 1303 1303 1303 1303 1303 690 690 1716 1716 1716 1087 " \
              "2048 1401 1405 1430 1577 1294 1178 1587 1540 604 604 1343 1141 1767 1532 1612 " \
              "1235 1612 1423 1300 1251 1499 1401 2025 1403 1251 1403 799 690 799 1716 1024 " \
              "1024 1255 1300 1126 1300 1260 721 1300 1298 569 569 1186 569 1995 1298 1253 " \
              "1300 1300 842 1067 803 1298 1212 1675 1212 1212 1075 1303 690 1303 1716", _gadv, " ")
    for (_gi = 1; _gi <= _gn; _gi++) ADV[sprintf("%c", _gi + 31)] = _gadv[_gi]
}
function textw(s, em,    i, c, u) {
    u = 0
    for (i = 1; i <= length(s); i++) { c = substr(s, i, 1); u += (c in ADV) ? ADV[c] : 0.62 * 2048 }
    return u / 2048 * em
}
