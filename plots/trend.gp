#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ trend.gp: series over the periods (the highlighted force against
#@ England and Wales), with confidence ribbons where the series has them.
#@ Data (DATA): one block per series: position, value, lower, upper.
#@ Values: NAMES (the series' names), HIGHLIGHTED (1 or 0 each), RIBBONS
#@ (a string of the 1-based numbers of the series with ribbons); flag
#@ ribbons (whether any has one: gnuplot cannot loop over no words).
set key inside top left vertical opaque box lc rgb C_FRAME samplen 3
set style fill transparent solid 0.18 noborder
array NAMES = [@NAMES@]
array HIGHLIGHTED = [@HIGHLIGHTED@]
colour(k) = HIGHLIGHTED[k] ? C_HIGHLIGHT : word(C_SERIES, (k - 1) % 8 + 1)
@if ribbons@
plot for [k in @RIBBONS@] @DATA@ index (int(k) - 1) using 1:3:4 with filledcurves lc rgb colour(int(k)) notitle, \
     for [k=1:|NAMES|] @DATA@ index (k - 1) using 1:2 with linespoints lc rgb colour(k) lw (HIGHLIGHTED[k] ? 3 : 2) pt 7 ps 0.7 title NAMES[k]
@else@
plot for [k=1:|NAMES|] @DATA@ index (k - 1) using 1:2 with linespoints lc rgb colour(k) lw (HIGHLIGHTED[k] ? 3 : 2) pt 7 ps 0.7 title NAMES[k]
@end@
unset output
