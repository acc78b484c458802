#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ intervals.gp: each force's estimate and confidence interval, sorted,
#@ coloured by how it compares with England and Wales, with that line.
#@ Data (DATA): position, estimate, lower, upper, highlighted, mark (0 no
#@ comparison, 1 similar, 2 higher, 3 lower).
#@ Values: HIGHLIGHT, HIGHLIGHT_PT (its verdict's filled point type: 9
#@ higher, 11 lower, else 7), REFERENCE, REFERENCE_LABEL, METHOD (a note naming
#@ the interval method), YMIN, YMAX, TOP_LABEL (the off-scale force's
#@ figure, with the measure's decimals, and the words), TOP_X, TOP_Y, TOP_EDGE,
#@ TOP_MARK (the off-scale force's mark, 4 when highlighted).
#@ Flags: off_scale, highlight, reference, any_higher,
#@ any_lower, any_similar, any_plain.
@if off_scale@
#@ One force far above the rest (City of London's rates on a tiny resident
#@ population) would squeeze the others flat: the axis stops above the rest
#@ and that force is marked at the top edge, in its colour and shape, with
#@ its value (as on the bar chart).
set yrange [@YMIN@:@YMAX@]
TOP_MARK = @TOP_MARK@
TOP_C = TOP_MARK == 4 ? C_HIGHLIGHT : TOP_MARK == 2 ? C_HIGHER : TOP_MARK == 3 ? C_LOWER : TOP_MARK == 1 ? C_SIMILAR : C_OUTLINE
TOP_PT = TOP_MARK == 4 ? @HIGHLIGHT_PT@ : TOP_MARK == 2 ? 9 : TOP_MARK == 3 ? 11 : 7
set label 98 "" at @TOP_X@, @TOP_EDGE@ point pt TOP_PT ps 1.5 lc rgb TOP_C front
set label 94 "" at @TOP_X@, @TOP_EDGE@ point pt TOP_PT - 1 ps 1.5 lc rgb C_OUTLINE front
set label 97 @TOP_LABEL@ at @TOP_X@, @TOP_Y@ right rotate by 90 font ",9" front
@end@
#@ The method note at the foot, right, clear of the key above the plot.
set label 96 @METHOD@ at screen 0.99, screen 0.02 right font ",8" textcolor rgb C_NOTE
#@ The key stands between the title and the plot, where it can hide no
#@ point or line.
set tmargin 6 + TITLE_LINES
@if has_subtitle@
set title offset 0,3.4 + SUBTITLE_LINES
set label 90 offset 0,3.4 + 1.1 * SUBTITLE_LINES
@else@
set title offset 0,3.4
@end@
set key at graph 0.5, graph 1.02 center bottom horizontal noopaque nobox samplen 2 spacing 1.1 width 1 maxrows 2
set bars small
#@ The highlighted force keeps its verdict's shape, in its own colour (one
#@ meaning per colour: issue 29).  A wide chart's key shows its mark as
#@ drawn: its interval upright (KEY_BAR, a heavy vertical line drawn as a
#@ point), its point over it and that point's outline (two key layers).
KEY_BAR = "\342\224\203"
#@ The markers' size: PS times their wide size (a narrow chart's are drawn
#@ as large as its names are: issue 29, they were 4 CSS pixels on a phone).
PS = 1
#@ The whiskers in one dark grey, so a pale marker's interval still shows;
#@ each marker's colour and shape say how it compares (a triangle up
#@ higher, a circle similar, a triangle down lower), outlined.
@if narrow@
#@ Narrow (a phone's page): the forces down the page, a row each, the
#@ first at the top, the intervals along x; the key a line an entry
#@ above the plot, the method's note above the source note.
PS = 1.6
KEYS = 0
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
@if off_scale@
#@ The force off the scale: its marker at the plot's right edge on its
#@ row, and its figure in a row of its own above the forces, level, at
#@ the right edge (the report draws the highest first, at the top), as
#@ the narrow bar chart's.
set yrange [@XMAX@:@XMIN@ - 1.4]
set label 98 at @TOP_EDGE@, @TOP_X@ point pt TOP_PT ps 1.5 * PS lc rgb TOP_C
set label 94 at @TOP_EDGE@, @TOP_X@ point pt TOP_PT - 1 ps 1.5 * PS lc rgb C_OUTLINE
set label 97 at graph 1, first @XMIN@ - 0.55 right norotate offset -0.3, 0 textcolor rgb C_LABEL
@else@
set yrange [@XMAX@:@XMIN@]
@end@
#@ The values' ticks level, four at most (XSTEP, from the span the chart
#@ shows: fs_chart_tick_step), their labels side by side (issue 29: they
#@ were turned on end, eight of them).
set xtics autofreq norotate center font ",9"
if (@XSTEP@ > 0) set xtics @XSTEP@
@if percent@
set format x "%g%%"
@end@
set format y "%s"
set xrange [*:*]
@if off_scale@
set xrange [@YMIN@:@YMAX@]
@end@
set grid xtics noytics lt 1 lw 0.5 lc rgb C_GRID
unset ylabel
@if has_ylabel@
set xlabel @YLABEL@
@end@
@if key_outlines@
set multiplot
@end@
plot NaN notitle, \
     @DATA@ using 2:($5==0?$1:NaN):3:4 with xerrorbars lc rgb C_OUTLINE pt 0 lw 1.2 * PS notitle, \
@if any_higher@
     @DATA@ using ($5==0&&$6==2?$2:NaN):1 with points lc rgb C_HIGHER pt 9 ps 1.3 * PS title "Higher than England and Wales", \
     @DATA@ using ($5==0&&$6==2?$2:NaN):1 with points lc rgb C_OUTLINE pt 8 ps 1.3 * PS notitle, \
@end@
@if any_similar@
     @DATA@ using ($5==0&&$6==1?$2:NaN):1 with points lc rgb C_SIMILAR pt 7 ps 1.1 * PS title "Similar to England and Wales", \
     @DATA@ using ($5==0&&$6==1?$2:NaN):1 with points lc rgb C_OUTLINE pt 6 ps 1.1 * PS notitle, \
@end@
@if any_lower@
     @DATA@ using ($5==0&&$6==3?$2:NaN):1 with points lc rgb C_LOWER pt 11 ps 1.3 * PS title "Lower than England and Wales", \
     @DATA@ using ($5==0&&$6==3?$2:NaN):1 with points lc rgb C_OUTLINE pt 10 ps 1.3 * PS notitle, \
@end@
@if any_plain@
     @DATA@ using ($5==0&&$6==0?$2:NaN):1 with points lc rgb C_OUTLINE pt 7 ps 1.0 * PS title "Estimate and confidence interval", \
@end@
@if highlight@
     @DATA@ using 2:($5==1?$1:NaN):3:4 with xerrorbars lc rgb C_HIGHLIGHT pt @HIGHLIGHT_PT@ ps 1.4 * PS lw 2.5 title @HIGHLIGHT@, \
     @DATA@ using ($5==1?$2:NaN):1 with points lc rgb C_OUTLINE pt @HIGHLIGHT_PT@ - 1 ps 1.4 * PS notitle, \
@end@
@if reference@
     @DATA@ using (@REFERENCE@):1 with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @REFERENCE_LABEL@, \
@end@
     NaN notitle
@else@
@if key_outlines@
#@ Both layers' keys in as many columns as its entries fill in two rows
#@ (a wide key's columns otherwise follow the plot's width, which gnuplot
#@ takes before the first layer's tick labels narrow it).
KEY_N = 0
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
     @DATA@ using 1:($5==0?$2:NaN):3:4 with yerrorbars lc rgb C_OUTLINE pt 0 lw 1.2 notitle, \
@if any_higher@
     @DATA@ using 1:($5==0&&$6==2?$2:NaN) with points lc rgb C_HIGHER pt 9 ps 1.3 title "Higher than England and Wales", \
     @DATA@ using 1:($5==0&&$6==2?$2:NaN) with points lc rgb C_OUTLINE pt 8 ps 1.3 notitle, \
@end@
@if any_similar@
     @DATA@ using 1:($5==0&&$6==1?$2:NaN) with points lc rgb C_SIMILAR pt 7 ps 1.1 title "Similar to England and Wales", \
     @DATA@ using 1:($5==0&&$6==1?$2:NaN) with points lc rgb C_OUTLINE pt 6 ps 1.1 notitle, \
@end@
@if any_lower@
     @DATA@ using 1:($5==0&&$6==3?$2:NaN) with points lc rgb C_LOWER pt 11 ps 1.3 title "Lower than England and Wales", \
     @DATA@ using 1:($5==0&&$6==3?$2:NaN) with points lc rgb C_OUTLINE pt 10 ps 1.3 notitle, \
@end@
@if any_plain@
     @DATA@ using 1:($5==0&&$6==0?$2:NaN) with points lc rgb C_OUTLINE pt 7 ps 1.0 title "Estimate and confidence interval", \
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
@end@
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
@if key_outlines@
#@ The key's outlines over its samples (common.gp: KEY_LAYER).
eval KEY_LAYER
plot NaN notitle, \
@if any_higher@
     keyentry with points pt 8 ps 1.3 * PS lc rgb C_OUTLINE title blank("Higher than England and Wales"), \
@end@
@if any_similar@
     keyentry with points pt 6 ps 1.1 * PS lc rgb C_OUTLINE title blank("Similar to England and Wales"), \
@end@
@if any_lower@
     keyentry with points pt 10 ps 1.3 * PS lc rgb C_OUTLINE title blank("Lower than England and Wales"), \
@end@
@if any_plain@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Estimate and confidence interval"), \
@end@
@if highlight@
@if narrow@
     keyentry with points pt @HIGHLIGHT_PT@ - 1 ps 1.4 * PS lc rgb C_OUTLINE title blank(@HIGHLIGHT@), \
@else@
     keyentry with points pt @HIGHLIGHT_PT@ ps 1.4 * PS lc rgb C_HIGHLIGHT title blank(@HIGHLIGHT@), \
@end@
@end@
@if reference@
     keyentry with points pt " " lc rgb C_OUTLINE title blank(@REFERENCE_LABEL@), \
@end@
     NaN notitle
@if highlight@
@if !narrow@
#@ The highlighted force's outline over its point in the key: a third
#@ layer, laid out as the second, its other samples blank.
eval KEY_LAYER
plot NaN notitle, \
@if any_higher@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Higher than England and Wales"), \
@end@
@if any_similar@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Similar to England and Wales"), \
@end@
@if any_lower@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Lower than England and Wales"), \
@end@
@if any_plain@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Estimate and confidence interval"), \
@end@
     keyentry with points pt @HIGHLIGHT_PT@ - 1 ps 1.4 * PS lc rgb C_OUTLINE title blank(@HIGHLIGHT@), \
@if reference@
     keyentry with points pt " " lc rgb C_OUTLINE title blank(@REFERENCE_LABEL@), \
@end@
     NaN notitle
@end@
@end@
unset multiplot
@end@
unset output
