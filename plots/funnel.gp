#@ funnel.gp: each force's figure against its denominator, with the
#@ control limits as curves and the target line.
#@ Data (DATA): index 0 the forces: denominator, value, flag (0 within,
#@ 1 outside the inner limits, 2 outside the outer), highlighted; index 1
#@ the limit curves: x, inner lower, inner upper, outer lower, outer upper.
#@ Values: XLABEL, YMAX, TOP_LABEL, TOP_VALUE, TOP_X, TOP_Y, HIGHLIGHT,
#@ HIGHLIGHT_X, HIGHLIGHT_Y, INNER, OUTER (percent), TARGET.
#@ Flags: log_x, off_scale, has_xlabel, has_source, highlight.
@if log_x@
set logscale x
set format x "%.0s%c"
@end@
@if off_scale@
#@ One point far above the rest is noted at the top instead of squeezing
#@ every other force into the floor.
set yrange [0:@YMAX@]
@if percent@
set label 91 sprintf("%s: %.4g%% (off the scale)", @TOP_LABEL@, @TOP_VALUE@) at @TOP_X@, @TOP_Y@ center font ",9" front
@else@
set label 91 sprintf("%s: %.4g (off the scale)", @TOP_LABEL@, @TOP_VALUE@) at @TOP_X@, @TOP_Y@ center font ",9" front
@end@
@end@
@if has_xlabel@
set xlabel @XLABEL@
@end@
@if has_source@
set bmargin 6
@end@
set key inside top right vertical opaque box lc rgb "#cccccc" samplen 3
@if highlight@
set label 90 @HIGHLIGHT@ at @HIGHLIGHT_X@, @HIGHLIGHT_Y@ offset 1,0.6 textcolor rgb C_HIGHLIGHT font ",10" front
@end@
plot @DATA@ index 1 using 1:4:5 with filledcurves lc rgb "#f2f2f2" notitle, \
     '' index 1 using 1:2 with lines lc rgb "#555555" lw 1.5 dt 2 title sprintf("%g%% limits", @INNER@), \
     '' index 1 using 1:3 with lines lc rgb "#555555" lw 1.5 dt 2 notitle, \
     '' index 1 using 1:4 with lines lc rgb "#000000" lw 1.5 title sprintf("%g%% limits", @OUTER@), \
     '' index 1 using 1:5 with lines lc rgb "#000000" lw 1.5 notitle, \
     @TARGET@ with lines lc rgb C_NATIONAL lw 1.5 dt 4 title "Target", \
     @DATA@ index 0 using 1:($3==0?$2:NaN) with points pt 7 ps 1.0 lc rgb C_WITHIN title "Within the limits", \
     '' index 0 using 1:($3==1?$2:NaN) with points pt 7 ps 1.1 lc rgb C_OUTSIDE title sprintf("Outside %g%%", @INNER@), \
     '' index 0 using 1:($3==2?$2:NaN) with points pt 5 ps 1.1 lc rgb "#000000" title sprintf("Outside %g%%", @OUTER@), \
     '' index 0 using 1:($4==1?$2:NaN) with points pt 7 ps 1.6 lc rgb C_HIGHLIGHT notitle
unset output
