#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ ratio.gp: each force's rate ratio of a group to the reference group,
#@ sorted, with its interval, on a log axis (a ratio of 2 and one of 1/2
#@ are as far from 1), a line at 1 (no difference) and one at England
#@ and Wales's ratio.
#@ Data (DATA): position, ratio, lower, upper, highlighted, mark (0 not
#@ defined, 1 similar, 2 higher, 3 lower).
#@ Values: HIGHLIGHT, HIGHLIGHT_PT (its verdict's filled point type: 9
#@ higher, 11 lower, else 7), REFERENCE, REFERENCE_LABEL, METHOD, YMIN, YMAX.
#@ Flags: highlight, reference, any_higher, any_lower, any_similar,
#@ low_on_left.
set logscale y
set yrange [@YMIN@:@YMAX@]
set format y "%g"
#@ Between the decades, the ratios people quote.
set ytics add ("0.2" 0.2, "0.5" 0.5, "2" 2, "5" 5, "20" 20, "50" 50)
#@ The method note at the foot, right; the key between the title and the
#@ plot, where it hides no dot or whisker (low_on_left is kept for the
#@ adapter's sake).
set label 96 @METHOD@ at screen 0.99, screen 0.02 right font ",8" textcolor rgb C_NOTE
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
#@ The palette's higher, similar and lower (triangle up, circle, triangle
#@ down), outlined, with the whiskers in one dark grey.
@if key_outlines@
#@ Both layers' keys in as many columns as its entries fill in two rows
#@ (a wide key's columns otherwise follow the plot's width, which gnuplot
#@ takes before the first layer's tick labels narrow it).
KEY_N = 1
@if any_higher@
KEY_N = KEY_N + 1
@end@
@if any_similar@
KEY_N = KEY_N + 1
@end@
@if any_lower@
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
plot 1 with lines lc rgb C_LINE lw 1 title "1: the same rate", \
     @DATA@ using 1:($5==0&&$6>0?$2:NaN):3:4 with yerrorbars lc rgb C_OUTLINE pt 0 lw 1.2 notitle, \
@if any_higher@
     @DATA@ using 1:($5==0&&$6==2?$2:NaN) with points lc rgb C_HIGHER pt 9 ps 1.3 title "Rate higher than the reference group's", \
     @DATA@ using 1:($5==0&&$6==2?$2:NaN) with points lc rgb C_OUTLINE pt 8 ps 1.3 notitle, \
@end@
@if any_similar@
     @DATA@ using 1:($5==0&&$6==1?$2:NaN) with points lc rgb C_SIMILAR pt 7 ps 1.1 title "Not significantly different", \
     @DATA@ using 1:($5==0&&$6==1?$2:NaN) with points lc rgb C_OUTLINE pt 6 ps 1.1 notitle, \
@end@
@if any_lower@
     @DATA@ using 1:($5==0&&$6==3?$2:NaN) with points lc rgb C_LOWER pt 11 ps 1.3 title "Rate lower than the reference group's", \
     @DATA@ using 1:($5==0&&$6==3?$2:NaN) with points lc rgb C_OUTLINE pt 10 ps 1.3 notitle, \
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
#@ its y axis is logarithmic (the last 1).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X, 1
unset print
@end@
@if key_outlines@
#@ The key's outlines over its samples (common.gp: KEY_LAYER).
eval KEY_LAYER
plot NaN notitle, \
     keyentry with points pt " " lc rgb C_OUTLINE title blank("1: the same rate"), \
@if any_higher@
     keyentry with points pt 8 ps 1.3 lc rgb C_OUTLINE title blank("Rate higher than the reference group's"), \
@end@
@if any_similar@
     keyentry with points pt 6 ps 1.1 lc rgb C_OUTLINE title blank("Not significantly different"), \
@end@
@if any_lower@
     keyentry with points pt 10 ps 1.3 lc rgb C_OUTLINE title blank("Rate lower than the reference group's"), \
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
     keyentry with points pt " " lc rgb C_OUTLINE title blank("1: the same rate"), \
@if any_higher@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Rate higher than the reference group's"), \
@end@
@if any_similar@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Not significantly different"), \
@end@
@if any_lower@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Rate lower than the reference group's"), \
@end@
     keyentry with points pt @HIGHLIGHT_PT@ - 1 ps 1.4 lc rgb C_OUTLINE title blank(@HIGHLIGHT@), \
@if reference@
     keyentry with points pt " " lc rgb C_OUTLINE title blank(@REFERENCE_LABEL@), \
@end@
     NaN notitle
@end@
unset multiplot
@end@
unset output
