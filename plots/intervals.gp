#@ intervals.gp: each force's estimate and confidence interval, sorted,
#@ with the England and Wales line.
#@ Data (DATA): position, estimate, lower, upper, highlighted.
#@ Values: HIGHLIGHT, REFERENCE, REFERENCE_LABEL.
#@ Flags: log_y, low_on_left, highlight, reference.
@if log_y@
#@ Intervals spanning more than a factor of 30 (City of London's rates on
#@ a tiny resident population): a log axis keeps every force readable.
set logscale y
set format y "%g"
set label 98 "log scale" at graph 0, graph 1.02 left font ",8"
@end@
@if low_on_left@
set key inside top left vertical opaque box lc rgb "#cccccc" samplen 2.5
@else@
set key inside top right vertical opaque box lc rgb "#cccccc" samplen 2.5
@end@
set bars small
plot @DATA@ using 1:($5==0?$2:NaN):3:4 with yerrorbars lc rgb C_OUTSIDE pt 7 ps 0.8 lw 1.2 title "Estimate and confidence interval", \
@if highlight@
     '' using 1:($5==1?$2:NaN):3:4 with yerrorbars lc rgb C_HIGHLIGHT pt 7 ps 1.2 lw 2.5 title @HIGHLIGHT@, \
@end@
@if reference@
     @REFERENCE@ with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @REFERENCE_LABEL@, \
@end@
     NaN notitle
unset output
