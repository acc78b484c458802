#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ intervals.gp: each force's estimate and confidence interval, sorted,
#@ coloured by how it compares with England and Wales, with that line.
#@ Data (DATA): position, estimate, lower, upper, highlighted, mark (0 no
#@ comparison, 1 similar, 2 higher, 3 lower).
#@ Values: HIGHLIGHT, REFERENCE, REFERENCE_LABEL, METHOD (a note naming
#@ the interval method), YMIN, YMAX, TOP_VALUE, TOP_X, TOP_Y.
#@ Flags: off_scale, low_on_left, highlight, reference, any_higher,
#@ any_lower, any_similar, any_plain.
@if off_scale@
#@ One force far above the rest (City of London's rates on a tiny resident
#@ population) would squeeze the others flat: the axis stops above the rest
#@ and that force is marked off the scale, as on the bar chart.
set yrange [@YMIN@:@YMAX@]
@if percent@
set label 97 sprintf("%.4g%% (off the scale)", @TOP_VALUE@) at @TOP_X@, @TOP_Y@ right rotate by 90 font ",9" front
@else@
set label 97 sprintf("%.4g (off the scale)", @TOP_VALUE@) at @TOP_X@, @TOP_Y@ right rotate by 90 font ",9" front
@end@
@end@
set label 96 @METHOD@ at graph 0, graph 1.02 left font ",8" textcolor rgb "#555555"
@if low_on_left@
set key inside top left vertical opaque box lc rgb "#cccccc" samplen 2.5
@else@
set key inside top right vertical opaque box lc rgb "#cccccc" samplen 2.5
@end@
set bars small
C_HIGHER = "#08519c"
C_LOWER = "#6a51a3"
C_SIMILAR = "#969696"
plot NaN notitle, \
@if any_higher@
     @DATA@ using 1:($5==0&&$6==2?$2:NaN):3:4 with yerrorbars lc rgb C_HIGHER pt 7 ps 0.8 lw 1.2 title "Higher than England and Wales", \
@end@
@if any_similar@
     @DATA@ using 1:($5==0&&$6==1?$2:NaN):3:4 with yerrorbars lc rgb C_SIMILAR pt 7 ps 0.8 lw 1.2 title "Similar to England and Wales", \
@end@
@if any_lower@
     @DATA@ using 1:($5==0&&$6==3?$2:NaN):3:4 with yerrorbars lc rgb C_LOWER pt 7 ps 0.8 lw 1.2 title "Lower than England and Wales", \
@end@
@if any_plain@
     @DATA@ using 1:($5==0&&$6==0?$2:NaN):3:4 with yerrorbars lc rgb C_OUTSIDE pt 7 ps 0.8 lw 1.2 title "Estimate and confidence interval", \
@end@
@if highlight@
     @DATA@ using 1:($5==1?$2:NaN):3:4 with yerrorbars lc rgb C_HIGHLIGHT pt 7 ps 1.2 lw 2.5 title @HIGHLIGHT@, \
@end@
@if reference@
     @REFERENCE@ with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @REFERENCE_LABEL@, \
@end@
     NaN notitle
unset output
