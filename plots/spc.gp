#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ spc.gp: an XmR chart as Making Data Count draws it: the series, its
#@ mean as a solid line and its process limits as dashed lines, segment by
#@ segment (separated by dotted lines where the chart was rebased), and
#@ the special-cause points coloured by their variation.
#@ Data (DATA): index 0 the points: position, value, variation (0 common
#@ cause, 1 improvement, 2 concern, 3 neutral); index 1 the segments'
#@ lines, a blank line between segments: position, mean, lower, upper.
#@ Values: SERIES (the series' name); ANY_IMPROVEMENT, ANY_CONCERN,
#@ ANY_NEUTRAL (1 or 0); REBASES (positions of the dotted separators) with
#@ flag rebases; TARGET with flag target.
set key outside right top vertical Left reverse noopaque samplen 2.5 spacing 1.2 width -2
#@ Making Data Count's meanings in the site's colours (palette.gp):
#@ common cause grey, improvement C_BETTER, concern C_WORSE.
C_COMMON = C_SIMILAR
C_IMPROVEMENT = C_BETTER
C_CONCERN = C_WORSE
ANY_IMPROVEMENT = @ANY_IMPROVEMENT@
ANY_CONCERN = @ANY_CONCERN@
ANY_NEUTRAL = @ANY_NEUTRAL@
@if rebases@
array REBASES = [@REBASES@]
do for [k=1:|REBASES|] {
    set arrow from REBASES[k], graph 0 to REBASES[k], graph 1 nohead lc rgb C_REBASE dt 3 lw 1.5
}
@end@
is(v, k) = (v == k) ? 1 : 0
@if target@
plot @DATA@ index 1 using 1:3 with lines lc rgb C_LINE dt 2 lw 1.2 title "Process limits", \
     '' index 1 using 1:4 with lines lc rgb C_LINE dt 2 lw 1.2 notitle, \
     '' index 1 using 1:2 with lines lc rgb C_LINE lw 2 title "Mean", \
     @TARGET@ with lines lc rgb C_TARGET dt 4 lw 1.5 title "Target", \
     @DATA@ index 0 using 1:2 with lines lc rgb C_SERIES_LINE lw 1.2 notitle, \
     '' index 0 using 1:(is($3, 0) ? $2 : NaN) with points pt 7 ps 1.1 lc rgb C_COMMON title "Common cause", \
     '' index 0 using 1:(is($3, 1) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_IMPROVEMENT title (ANY_IMPROVEMENT ? "Special cause: improvement" : ""), \
     '' index 0 using 1:(is($3, 2) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_CONCERN title (ANY_CONCERN ? "Special cause: concern" : ""), \
     '' index 0 using 1:(is($3, 3) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_NEUTRAL title (ANY_NEUTRAL ? "Special cause: neither better nor worse" : "")
@else@
plot @DATA@ index 1 using 1:3 with lines lc rgb C_LINE dt 2 lw 1.2 title "Process limits", \
     '' index 1 using 1:4 with lines lc rgb C_LINE dt 2 lw 1.2 notitle, \
     '' index 1 using 1:2 with lines lc rgb C_LINE lw 2 title "Mean", \
     '' index 0 using 1:2 with lines lc rgb C_SERIES_LINE lw 1.2 notitle, \
     '' index 0 using 1:(is($3, 0) ? $2 : NaN) with points pt 7 ps 1.1 lc rgb C_COMMON title "Common cause", \
     '' index 0 using 1:(is($3, 1) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_IMPROVEMENT title (ANY_IMPROVEMENT ? "Special cause: improvement" : ""), \
     '' index 0 using 1:(is($3, 2) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_CONCERN title (ANY_CONCERN ? "Special cause: concern" : ""), \
     '' index 0 using 1:(is($3, 3) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_NEUTRAL title (ANY_NEUTRAL ? "Special cause: neither better nor worse" : "")
@end@
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
unset output
