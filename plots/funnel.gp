#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ funnel.gp: each force's figure against its denominator, with the
#@ control limits as curves and the target line.
#@ Data (DATA): index 0 the forces: denominator, value, flag (0 within,
#@ 1 outside the inner limits, 2 outside the outer), highlighted; index 1
#@ the limit curves: x, inner lower, inner upper, outer lower, outer upper;
#@ index 2 the names of the forces beyond the outer limits: x, y, 1 when
#@ the name goes left of its point (near the right edge), name.
#@ Values: XLABEL, YMAX, TOP_LABEL, TOP_VALUE, TOP_X, TOP_Y, HIGHLIGHT,
#@ HIGHLIGHT_X, HIGHLIGHT_Y, INNER, OUTER (percent), TARGET, XMIN, XMAX,
#@ NOTE (the over-dispersion adjustment and phi).
#@ Flags: log_x, off_scale, has_xlabel, has_source, highlight, labels.
@if log_x@
set logscale x
MAP_LOG_X = 1
set format x "%.0s%c"
@end@
#@ The axis follows the data, not the decades around it.
set xrange [@XMIN@:@XMAX@]
set label 95 @NOTE@ at graph 0, graph 1.02 left font ",8" textcolor rgb C_NOTE
@if off_scale@
#@ One point far above the rest is noted at the top instead of squeezing
#@ every other force into the floor.
set yrange [0:@YMAX@]
@if percent@
set label 91 sprintf("%s: %.4g%% (off the scale)", @TOP_LABEL@, @TOP_VALUE@) at @TOP_X@, @TOP_Y@ left offset 0.5,0 font ",9" front
@else@
set label 91 sprintf("%s: %.4g (off the scale)", @TOP_LABEL@, @TOP_VALUE@) at @TOP_X@, @TOP_Y@ left offset 0.5,0 font ",9" front
@end@
@end@
@if has_xlabel@
set xlabel @XLABEL@
@end@
@if has_source@
set bmargin 6
@end@
#@ The key stands beside the plot, where it can cover no point or limit.
set key outside right top vertical box lc rgb C_FRAME samplen 3
@if highlight@
set label 90 @HIGHLIGHT@ at @HIGHLIGHT_X@, @HIGHLIGHT_Y@ offset 1,0.6 textcolor rgb C_HIGHLIGHT font ",10" front
@end@
plot @DATA@ index 1 using 1:4:5 with filledcurves lc rgb C_SHADE notitle, \
     '' index 1 using 1:2 with lines lc rgb C_LIMIT_INNER lw 1.5 dt 2 title sprintf("%g%% limits", @INNER@), \
     '' index 1 using 1:3 with lines lc rgb C_LIMIT_INNER lw 1.5 dt 2 notitle, \
     '' index 1 using 1:4 with lines lc rgb C_LIMIT_OUTER lw 1.5 title sprintf("%g%% limits", @OUTER@), \
     '' index 1 using 1:5 with lines lc rgb C_LIMIT_OUTER lw 1.5 notitle, \
     @TARGET@ with lines lc rgb C_NATIONAL lw 1.5 dt 4 title "Target", \
     @DATA@ index 0 using 1:($3==0?$2:NaN) with points pt 7 ps 1.0 lc rgb C_WITHIN title "Within the limits", \
     '' index 0 using 1:($3==1?$2:NaN) with points pt 7 ps 1.1 lc rgb C_OUTSIDE title sprintf("Outside %g%%", @INNER@), \
     '' index 0 using 1:($3==2?$2:NaN) with points pt 5 ps 1.1 lc rgb C_BEYOND title sprintf("Outside %g%%", @OUTER@), \
@if labels@
     '' index 2 using 1:($3==0?$2:NaN):4 with labels left offset 0.8,0 font ",8" textcolor rgb C_LABEL notitle, \
     '' index 2 using 1:($3==1?$2:NaN):4 with labels right offset -0.8,0 font ",8" textcolor rgb C_LABEL notitle, \
@end@
     '' index 0 using 1:($4==1?$2:NaN) with points pt 7 ps 1.6 lc rgb C_HIGHLIGHT notitle
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
unset output
