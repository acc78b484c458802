#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ ratio.gp: each force's rate ratio of a group to the reference group,
#@ sorted, with its interval, on a log axis (a ratio of 2 and one of 1/2
#@ are as far from 1), a line at 1 (no difference) and one at England
#@ and Wales's ratio.
#@ Data (DATA): position, ratio, lower, upper, highlighted, mark (0 not
#@ defined, 1 similar, 2 higher, 3 lower).
#@ Values: HIGHLIGHT, REFERENCE, REFERENCE_LABEL, METHOD, YMIN, YMAX.
#@ Flags: highlight, reference, any_higher, any_lower, any_similar,
#@ low_on_left.
set logscale y
set yrange [@YMIN@:@YMAX@]
set format y "%g"
#@ Between the decades, the ratios people quote.
set ytics add ("0.2" 0.2, "0.5" 0.5, "2" 2, "5" 5, "20" 20, "50" 50)
set label 96 @METHOD@ at graph 0, graph 1.02 left font ",8" textcolor rgb "#555555"
#@ The key where the sorted dots leave room: above the low ones when they
#@ come first, else below the high ones (a log axis's long whiskers hang
#@ from the low ratios).
@if low_on_left@
set key inside top left vertical opaque box lc rgb "#cccccc" samplen 2.5
@else@
set key inside bottom left vertical opaque box lc rgb "#cccccc" samplen 2.5
@end@
set bars small
C_HIGHER = "#08519c"
C_LOWER = "#6a51a3"
C_SIMILAR = "#969696"
plot 1 with lines lc rgb C_LINE lw 1 title "1: the same rate", \
@if any_higher@
     @DATA@ using 1:($5==0&&$6==2?$2:NaN):3:4 with yerrorbars lc rgb C_HIGHER pt 7 ps 0.8 lw 1.2 title "Rate higher than the reference group's", \
@end@
@if any_similar@
     @DATA@ using 1:($5==0&&$6==1?$2:NaN):3:4 with yerrorbars lc rgb C_SIMILAR pt 7 ps 0.8 lw 1.2 title "Not significantly different", \
@end@
@if any_lower@
     @DATA@ using 1:($5==0&&$6==3?$2:NaN):3:4 with yerrorbars lc rgb C_LOWER pt 7 ps 0.8 lw 1.2 title "Rate lower than the reference group's", \
@end@
@if highlight@
     @DATA@ using 1:($5==1?$2:NaN):3:4 with yerrorbars lc rgb C_HIGHLIGHT pt 7 ps 1.2 lw 2.5 title @HIGHLIGHT@, \
@end@
@if reference@
     @REFERENCE@ with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @REFERENCE_LABEL@, \
@end@
     NaN notitle
unset output
