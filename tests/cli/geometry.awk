# SPDX-License-Identifier: GPL-3.0-or-later
# geometry.awk: what the chart checks (funnel_labels.awk, spine_line.awk)
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
