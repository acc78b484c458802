#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ trend.gp: series over the periods (the highlighted force against
#@ England and Wales), with confidence ribbons where the series has them,
#@ on a time axis proportional to the dates.
#@ Data (DATA): one block per series: time (or position), value, lower,
#@ upper.
#@ Values: NAMES (the series' names), HIGHLIGHTED, NATIONAL (1 or 0 each:
#@ the force the chart is about, England and Wales), RIBBONS (a string of
#@ the 1-based numbers of the series with ribbons), XLABEL; flags ribbons
#@ (whether any has one: gnuplot cannot loop over no words), has_xlabel.
#@ The key stands between the title and the plot, where it can hide no
#@ line or ribbon.
set tmargin 5 + TITLE_LINES
@if has_subtitle@
set title offset 0,2.6 + SUBTITLE_LINES
set label 90 offset 0,2.6 + 1.1 * SUBTITLE_LINES
@else@
set title offset 0,2.6
@end@
set key at graph 0.5, graph 1.02 center bottom horizontal noopaque nobox samplen 3 spacing 1.1 width 1 maxrows 2
set style fill transparent solid 0.18 noborder
@if has_xlabel@
set xlabel @XLABEL@
@if rotate@
@if !narrow@
#@ Under upright tick labels, a line more for the axis's title, clear of
#@ the source note at the foot.
set bmargin @BMARGIN@ + 2.5
@end@
@end@
@end@
array NAMES = [@NAMES@]
array HIGHLIGHTED = [@HIGHLIGHTED@]
array NATIONAL = [@NATIONAL@]
colour(k) = HIGHLIGHTED[k] ? C_HIGHLIGHT : NATIONAL[k] ? C_NATIONAL : word(C_SERIES, (k - 1) % 8 + 1)
dash(k) = NATIONAL[k] ? 4 : 1
@if narrow@
#@ Narrow: the key a line an entry, from the left edge, above the plot.
#@ A ribbon's entry longer than the width holds (about 40 characters at
#@ the narrow font) ends with its name, and "confidence interval" takes
#@ the next line: an entry of its own with an empty sample (KEYS counts
#@ it, WRAPS too).
WRAPPED(k) = strlen(NAMES[k]) + 21 > 40
WRAPS = 0
@if ribbons@
do for [k in @RIBBONS@] {
    WRAPS = WRAPS + WRAPPED(int(k))
}
@end@
KEYS = words(@RIBBONS@) + |NAMES| + WRAPS
set key at character 1, graph 1.04 left bottom vertical Left reverse noopaque nobox samplen 2 spacing 1 width 0 maxcols 1 maxrows KEYS
set tmargin TITLE_LINES * 1.4 + KEYS + 1.5
@if has_subtitle@
set label 90 offset 0, NARROW_SUB
#@ A spare line under the subtitle: the key stands a little above the plot.
#@ A wrapped entry takes it, so the plot and its y label keep their height.
set tmargin TITLE_LINES * 1.4 + KEYS + 2.5 - (WRAPS > 0)
@end@
set title offset 0,0
@end@
@if ribbons@
@if narrow@
#@ The ribbons, then their key entries: entry j is the ribbon of word
#@ (j + 1) / 2 of RIBBONS (j odd), or the line its wrapped entry goes on
#@ to (j even: its sample unfilled, no entry unless wrapped).
R(j) = int(word(@RIBBONS@, (j + 1) / 2))
plot for [k in @RIBBONS@] @DATA@ index (int(k) - 1) using 1:3:4 with filledcurves lc rgb colour(int(k)) notitle, \
     for [j=1:2 * words(@RIBBONS@)] keyentry with filledcurves fs transparent solid (j % 2 ? 0.18 : 0) noborder lc rgb colour(R(j)) title (j % 2 ? sprintf(WRAPPED(R(j)) ? "%s:" : "%s: confidence interval", NAMES[R(j)]) : WRAPPED(R(j)) ? "confidence interval" : ""), \
     for [k=1:|NAMES|] @DATA@ index (k - 1) using 1:2 with linespoints lc rgb colour(k) dt dash(k) lw (HIGHLIGHTED[k] ? 3 : 2) pt 7 ps 0.7 title NAMES[k]
@else@
plot for [k in @RIBBONS@] @DATA@ index (int(k) - 1) using 1:3:4 with filledcurves lc rgb colour(int(k)) title sprintf("%s: confidence interval", NAMES[int(k)]), \
     for [k=1:|NAMES|] @DATA@ index (k - 1) using 1:2 with linespoints lc rgb colour(k) dt dash(k) lw (HIGHLIGHTED[k] ? 3 : 2) pt 7 ps 0.7 title NAMES[k]
@end@
@else@
plot for [k=1:|NAMES|] @DATA@ index (k - 1) using 1:2 with linespoints lc rgb colour(k) dt dash(k) lw (HIGHLIGHTED[k] ? 3 : 2) pt 7 ps 0.7 title NAMES[k]
@end@
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
unset output
