#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ change.gp: each force's change between two periods and its confidence
#@ interval, sorted, coloured by its verdict, with England and Wales's
#@ change and no change as lines (chart change).
#@ Data (DATA): position, change, lower, upper, highlighted, verdict (0
#@ none, 1 no significant change, 2 increase, 3 decrease).
#@ Values: HIGHLIGHT, HIGHLIGHT_PT (its verdict's filled point type: 9
#@ higher, 11 lower, else 7), REFERENCE, REFERENCE_LABEL, METHOD (a note naming
#@ the interval method), NULL_VALUE (no change: 0, or 1 for a ratio),
#@ YMIN, YMAX, TOP_LABEL (the off-scale force's change with the measure's
#@ decimals, as the intervals chart's, and the words), TOP_X, TOP_Y;
#@ YTICKS (a log axis's ticks).
#@ Flags: off_scale, log_scale (a ratio), low_on_left, highlight,
#@ reference, null_line, any_higher, any_lower, any_similar, any_plain.
@if !narrow@
@if log_scale@
#@ A rate ratio on a log axis: halving and doubling lie equally far from 1.
#@ Its ticks at round numbers written plainly (YTICKS: "0.5", "1", "2"),
#@ never gnuplot's powers of two ("0.0312").
set logscale y
set ytics (@YTICKS@)
#@ The span of the data (with the offsets below), not widened to a decade.
set autoscale yfix
@else@
@if off_scale@
set yrange [@YMIN@:@YMAX@]
set label 97 @TOP_LABEL@ at @TOP_X@, @TOP_Y@ right rotate by 90 font ",9" front
@end@
@end@
#@ No change stays inside the frame, clear of its edge.
set offsets 0, 0, graph 0.06, graph 0.04
#@ The method note at the foot, right, clear of the key above the plot.
set label 96 @METHOD@ at screen 0.99, screen 0.02 right font ",8" textcolor rgb C_NOTE
#@ The key stands between the title and the plot, where it can hide no
#@ point or line (low_on_left is kept for the adapter's sake).
set tmargin 6 + TITLE_LINES
@if has_subtitle@
#@ The highlighted force's finding between the title and the key.
set title offset 0,3.4 + SUBTITLE_LINES
set label 90 offset 0,3.4 + 1.1 * SUBTITLE_LINES
@else@
set title offset 0,3.4
@end@
set key at graph 0.5, graph 1.02 center bottom horizontal noopaque nobox samplen 2 spacing 1.1 width 1 maxrows 2
set bars small
#@ The highlighted force keeps its verdict's shape (HIGHLIGHT_PT), in its
#@ own colour, and its key sample shows its mark as drawn: its interval
#@ upright (KEY_BAR), its point and that point's outline over it (two key
#@ layers), as on the intervals chart.
KEY_BAR = "\342\224\203"
@end@
@if narrow@
#@ Narrow (a phone's page), as the narrow intervals chart: the forces
#@ down the page, a row each, the first at the top, the changes along x
#@ (a rate ratio's on a log axis, YTICKS its ticks); the key a line an
#@ entry above the plot, the method's note above the source note.
set bars small
KEY_BAR = "\342\224\203"
PS = 1.6
KEYS = 0
@if null_line@
KEYS = KEYS + 1
@end@
@if any_higher@
KEYS = KEYS + 1
@end@
@if any_similar@
KEYS = KEYS + 1
@end@
@if any_lower@
KEYS = KEYS + 1
@end@
@if any_plain@
KEYS = KEYS + 1
@end@
@if highlight@
KEYS = KEYS + 1
@end@
@if reference@
KEYS = KEYS + 1
@end@
set key at character 1, graph 1.01 left bottom vertical Left reverse noopaque nobox samplen 2 spacing 1 width 0 maxcols 1 maxrows KEYS
set tmargin TITLE_LINES * 1.4 + KEYS + 1.2
@if has_subtitle@
set label 90 offset 0, NARROW_SUB
@end@
set bmargin NARROW_FOOT + 1.1 * @METHOD_LINES@ + 5
set rmargin 3
set label 96 @METHOD@ at character 1, character NARROW_FOOT + 1.1 * @METHOD_LINES@ left font ",9" textcolor rgb C_NOTE
set ytics (@XTICS@) font ",9"
set format y "%s"
#@ The values' axis from the data (xtics.gp set the forces' range), no
#@ change inside the frame, clear of its edges.
set xrange [*:*]
set offsets graph 0.04, graph 0.06, 0, 0
@if log_scale@
set logscale x
set xtics (@YTICKS@) norotate center font ",9"
set autoscale xfix
set yrange [@XMAX@:@XMIN@]
@else@
set xtics autofreq norotate center font ",9"
if (@XSTEP@ > 0) set xtics @XSTEP@
@if off_scale@
#@ The force off the scale: its figure in a row of its own above the
#@ forces, at the right edge, as on the narrow intervals chart.
set xrange [@YMIN@:@YMAX@]
set yrange [@XMAX@:@XMIN@ - 1.4]
set label 97 sprintf("%.4g (off the scale)", @TOP_VALUE@) at graph 1, first @XMIN@ - 0.55 right offset -0.3, 0 font ",9" textcolor rgb C_LABEL
@else@
set yrange [@XMAX@:@XMIN@]
@end@
@end@
set grid xtics noytics lt 1 lw 0.5 lc rgb C_GRID
unset ylabel
@if has_ylabel@
set xlabel @YLABEL@
@end@
set multiplot
plot NaN notitle, \
@if null_line@
     @DATA@ using (@NULL_VALUE@):1 with lines lc rgb C_LINE lw 1 title "No change", \
@end@
     @DATA@ using 2:($5==0?$1:NaN):3:4 with xerrorbars lc rgb C_OUTLINE pt 0 lw 1.2 * PS notitle, \
@if any_higher@
     @DATA@ using ($5==0&&$6==2?$2:NaN):1 with points lc rgb C_HIGHER pt 9 ps 1.3 * PS title "Significant increase", \
     @DATA@ using ($5==0&&$6==2?$2:NaN):1 with points lc rgb C_OUTLINE pt 8 ps 1.3 * PS notitle, \
@end@
@if any_similar@
     @DATA@ using ($5==0&&$6==1?$2:NaN):1 with points lc rgb C_SIMILAR pt 7 ps 1.1 * PS title "No significant change", \
     @DATA@ using ($5==0&&$6==1?$2:NaN):1 with points lc rgb C_OUTLINE pt 6 ps 1.1 * PS notitle, \
@end@
@if any_lower@
     @DATA@ using ($5==0&&$6==3?$2:NaN):1 with points lc rgb C_LOWER pt 11 ps 1.3 * PS title "Significant decrease", \
     @DATA@ using ($5==0&&$6==3?$2:NaN):1 with points lc rgb C_OUTLINE pt 10 ps 1.3 * PS notitle, \
@end@
@if any_plain@
     @DATA@ using ($5==0&&$6==0?$2:NaN):1 with points lc rgb C_OUTLINE pt 7 ps 1.0 * PS title "Change and confidence interval", \
@end@
@if highlight@
     @DATA@ using 2:($5==1?$1:NaN):3:4 with xerrorbars lc rgb C_HIGHLIGHT pt @HIGHLIGHT_PT@ ps 1.4 * PS lw 2.5 title @HIGHLIGHT@, \
     @DATA@ using ($5==1?$2:NaN):1 with points lc rgb C_OUTLINE pt @HIGHLIGHT_PT@ - 1 ps 1.4 * PS notitle, \
@end@
@if reference@
     @DATA@ using (@REFERENCE@):1 with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @REFERENCE_LABEL@, \
@end@
     NaN notitle
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h):
#@ a rate ratio's x axis is logarithmic, the forces down y.
MAP_LOG_Y = 0
@if log_scale@
MAP_LOG_X = 1
@end@
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X, MAP_LOG_Y
unset print
@end@
#@ The key's outlines over its samples (common.gp: KEY_LAYER).
eval KEY_LAYER
plot NaN notitle, \
@if null_line@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("No change"), \
@end@
@if any_higher@
     keyentry with points pt 8 ps 1.3 * PS lc rgb C_OUTLINE title blank("Significant increase"), \
@end@
@if any_similar@
     keyentry with points pt 6 ps 1.1 * PS lc rgb C_OUTLINE title blank("No significant change"), \
@end@
@if any_lower@
     keyentry with points pt 10 ps 1.3 * PS lc rgb C_OUTLINE title blank("Significant decrease"), \
@end@
@if any_plain@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Change and confidence interval"), \
@end@
@if highlight@
     keyentry with points pt @HIGHLIGHT_PT@ - 1 ps 1.4 * PS lc rgb C_OUTLINE title blank(@HIGHLIGHT@), \
@end@
@if reference@
     keyentry with points pt " " lc rgb C_OUTLINE title blank(@REFERENCE_LABEL@), \
@end@
     NaN notitle
unset multiplot
@else@
#@ The palette's colours and shapes for higher, similar and lower (an
#@ increase is a triangle up, a decrease a triangle down), outlined, with
#@ the whiskers in one dark grey as on the intervals chart.
@if key_outlines@
#@ Both layers' keys in as many columns as its entries fill in two rows
#@ (a wide key's columns otherwise follow the plot's width, which gnuplot
#@ takes before the first layer's tick labels narrow it).
KEY_N = 0
@if null_line@
KEY_N = KEY_N + 1
@end@
@if any_higher@
KEY_N = KEY_N + 1
@end@
@if any_similar@
KEY_N = KEY_N + 1
@end@
@if any_lower@
KEY_N = KEY_N + 1
@end@
@if any_plain@
KEY_N = KEY_N + 1
@end@
@if highlight@
KEY_N = KEY_N + 1
@end@
@if reference@
KEY_N = KEY_N + 1
@end@
set key maxcols int((KEY_N + 1) / 2)
set multiplot
@end@
plot NaN notitle, \
@if null_line@
     @NULL_VALUE@ with lines lc rgb C_LINE lw 1 title "No change", \
@end@
     @DATA@ using 1:($5==0?$2:NaN):3:4 with yerrorbars lc rgb C_OUTLINE pt 0 lw 1.2 notitle, \
@if any_higher@
     @DATA@ using 1:($5==0&&$6==2?$2:NaN) with points lc rgb C_HIGHER pt 9 ps 1.3 title "Significant increase", \
     @DATA@ using 1:($5==0&&$6==2?$2:NaN) with points lc rgb C_OUTLINE pt 8 ps 1.3 notitle, \
@end@
@if any_similar@
     @DATA@ using 1:($5==0&&$6==1?$2:NaN) with points lc rgb C_SIMILAR pt 7 ps 1.1 title "No significant change", \
     @DATA@ using 1:($5==0&&$6==1?$2:NaN) with points lc rgb C_OUTLINE pt 6 ps 1.1 notitle, \
@end@
@if any_lower@
     @DATA@ using 1:($5==0&&$6==3?$2:NaN) with points lc rgb C_LOWER pt 11 ps 1.3 title "Significant decrease", \
     @DATA@ using 1:($5==0&&$6==3?$2:NaN) with points lc rgb C_OUTLINE pt 10 ps 1.3 notitle, \
@end@
@if any_plain@
     @DATA@ using 1:($5==0&&$6==0?$2:NaN) with points lc rgb C_OUTLINE pt 7 ps 1.0 title "Change and confidence interval", \
@end@
@if highlight@
     @DATA@ using 1:($5==1?$2:NaN):3:4 with yerrorbars lc rgb C_HIGHLIGHT pt @HIGHLIGHT_PT@ ps 1.4 lw 2.5 notitle, \
     @DATA@ using 1:($5==1?$2:NaN) with points lc rgb C_OUTLINE pt @HIGHLIGHT_PT@ - 1 ps 1.4 notitle, \
@if key_outlines@
     keyentry with points lc rgb C_HIGHLIGHT pt KEY_BAR font ",20" title @HIGHLIGHT@, \
@else@
     keyentry with points lc rgb C_HIGHLIGHT pt @HIGHLIGHT_PT@ ps 1.4 title @HIGHLIGHT@, \
@end@
@end@
@if reference@
     @REFERENCE@ with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @REFERENCE_LABEL@, \
@end@
     NaN notitle
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h):
#@ a rate ratio's y axis is logarithmic.
MAP_LOG_Y = 0
@if log_scale@
MAP_LOG_Y = 1
@end@
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X, MAP_LOG_Y
unset print
@end@
@if key_outlines@
#@ The key's outlines over its samples (common.gp: KEY_LAYER).
eval KEY_LAYER
plot NaN notitle, \
@if null_line@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("No change"), \
@end@
@if any_higher@
     keyentry with points pt 8 ps 1.3 lc rgb C_OUTLINE title blank("Significant increase"), \
@end@
@if any_similar@
     keyentry with points pt 6 ps 1.1 lc rgb C_OUTLINE title blank("No significant change"), \
@end@
@if any_lower@
     keyentry with points pt 10 ps 1.3 lc rgb C_OUTLINE title blank("Significant decrease"), \
@end@
@if any_plain@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Change and confidence interval"), \
@end@
@if highlight@
     keyentry with points pt @HIGHLIGHT_PT@ ps 1.4 lc rgb C_HIGHLIGHT title blank(@HIGHLIGHT@), \
@end@
@if reference@
     keyentry with points pt " " lc rgb C_OUTLINE title blank(@REFERENCE_LABEL@), \
@end@
     NaN notitle
@if highlight@
#@ The highlighted force's outline over its point in the key: a third
#@ layer, laid out as the second, its other samples blank.
eval KEY_LAYER
plot NaN notitle, \
@if null_line@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("No change"), \
@end@
@if any_higher@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Significant increase"), \
@end@
@if any_similar@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("No significant change"), \
@end@
@if any_lower@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Significant decrease"), \
@end@
@if any_plain@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Change and confidence interval"), \
@end@
     keyentry with points pt @HIGHLIGHT_PT@ - 1 ps 1.4 lc rgb C_OUTLINE title blank(@HIGHLIGHT@), \
@if reference@
     keyentry with points pt " " lc rgb C_OUTLINE title blank(@REFERENCE_LABEL@), \
@end@
     NaN notitle
@end@
unset multiplot
@end@
@end@
unset output
