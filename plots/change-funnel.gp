#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ change-funnel.gp: a funnel of changes (chart change-funnel): each
#@ force's change between two periods against its size (the later
#@ period's denominator or population), England and Wales's change as the
#@ target line and the limits at two levels as curves around it.  The
#@ limits are the library's (fs_change_funnel_limits, change.h): for a
#@ proportion's difference, England and Wales's change -/+ z times the
#@ standard error of a difference of two independent proportions at
#@ England and Wales's p1 and p2, each of `size` trials; for a rate ratio
#@ (on a log axis), exp(log R -/+ z sqrt(1/E1 + 1/E2)) with the expected
#@ counts E1, E2 of a force of that size at England and Wales's rates.
#@ Data (DATA): index 0 the forces: size, change, flag (0 within, 1
#@ outside the inner limits, 2 outside the outer), highlighted; index 1
#@ the curves: size, inner lower, inner upper, outer lower, outer upper,
#@ target; index 2 the names of the forces beyond the outer limits and
#@ of the highlighted force, each where it crosses no curve, point or
#@ other name (stats/render/chart_labels.h), as on the funnel plot: the
#@ point's x and y, the end of its leader line (NaN when the name stands
#@ beside its point), where the name begins (left, centred), highlighted,
#@ the name, in the chart's normal text size (FS_LABEL_POINTS), as the
#@ funnel plot's.
#@ Values: XLABEL, FTICS (a log axis's tics), XMIN, XMAX (past the
#@ curves' end as far as a name needs, as the funnel plot's), YMIN,
#@ YMAX, HIGHLIGHT, INNER, OUTER (percent), TARGET_LABEL, NOTE (its
#@ NOTE_LINES lines, wrapped on a narrow chart),
#@ HIGHLIGHT_PT (the highlighted force's filled point type, its key
#@ sample's: 5 beyond the outer limits, else 7).
#@ Flags: log_x, log_y (a rate ratio), highlight, labels, note_above.
MAP_LOG_Y = 0
@if log_x@
set logscale x
MAP_LOG_X = 1
set xtics (@FTICS@)
@end@
@if log_y@
#@ A rate ratio on a log axis: halving and doubling lie equally far from 1.
set logscale y 2
MAP_LOG_Y = 1
set format y "%.3g"
@end@
set xrange [@XMIN@:@XMAX@]
set yrange [@YMIN@:@YMAX@]
set xlabel @XLABEL@
#@ The note at the foot, right, or a line above the source note when the
#@ two would meet on one line (note_above), as on the funnel plot.
@if note_above@
set label 95 @NOTE@ at screen 0.99, screen 0.02 offset 0, 1.2 right font ",8" textcolor rgb C_NOTE
@else@
set label 95 @NOTE@ at screen 0.99, screen 0.02 right font ",8" textcolor rgb C_NOTE
@end@
@if has_source@
set bmargin 6
@if note_above@
set bmargin 7
@end@
@end@
#@ The key stands between the title and the plot, where it can cover no
#@ point or limit, as on the change chart.
#@ Its seven entries take three rows of three columns from 1150 pixels
#@ wide; narrower, gnuplot fits two columns, in four rows, and the
#@ room above the plot grows by the fourth (issue 29: at 1000 and 1100
#@ it ran into the subtitle).
KEY_ROWS = @WIDTH@ < 1150 ? 4 : 3
set tmargin 6 + TITLE_LINES + 1.1 * (KEY_ROWS - 3)
@if has_subtitle@
#@ The highlighted force's finding between the title and the key.
set title offset 0,3.6 + SUBTITLE_LINES + 1.1 * (KEY_ROWS - 3)
set label 90 offset 0,3.6 + 1.1 * SUBTITLE_LINES + 1.1 * (KEY_ROWS - 3)
@else@
set title offset 0,3.6 + 1.1 * (KEY_ROWS - 3)
@end@
set key at graph 0.5, graph 1.02 center bottom horizontal noopaque nobox samplen 3 spacing 1.1 width 1 maxrows KEY_ROWS
shape(flag) = flag == 2 ? 5 : 7
@if narrow@
#@ Narrow (a phone's page), as the narrow funnel plot: the key a line an
#@ entry from the left edge above the plot, the size axis's tick labels
#@ on end, its title wrapped (XLABEL_LINES lines), the note (NOTE_LINES
#@ lines, wrapped) above the source note.
KEYS = 6
@if highlight@
KEYS = KEYS + 1
@end@
set key at character 1, graph 1.04 left bottom vertical Left reverse noopaque nobox samplen 2 spacing 1 width 0 maxcols 1 maxrows KEYS
set tmargin TITLE_LINES * 1.4 + KEYS + 1.5
@if has_subtitle@
set label 90 offset 0, NARROW_SUB
set tmargin TITLE_LINES * 1.4 + KEYS + 2.5
@end@
set title offset 0,0
set bmargin NARROW_FOOT + 1.1 * @NOTE_LINES@ + 8 + 1.1 * (@XLABEL_LINES@ - 1)
set xtics rotate by 90 right
set rmargin 2
set label 95 @NOTE@ at character 1, character NARROW_FOOT + 1.1 * @NOTE_LINES@ left font ",9" textcolor rgb C_NOTE
@end@
plot @DATA@ index 1 using 1:4:5 with filledcurves lc rgb C_SHADE notitle, \
     '' index 1 using 1:2 with lines lc rgb C_LIMIT_INNER lw 1.5 dt 2 title sprintf("%g%% limits", @INNER@), \
     '' index 1 using 1:3 with lines lc rgb C_LIMIT_INNER lw 1.5 dt 2 notitle, \
     '' index 1 using 1:4 with lines lc rgb C_LIMIT_OUTER lw 1.5 title sprintf("%g%% limits", @OUTER@), \
     '' index 1 using 1:5 with lines lc rgb C_LIMIT_OUTER lw 1.5 notitle, \
     '' index 1 using 1:6 with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @TARGET_LABEL@, \
@if labels@
     '' index 2 using 1:2:($3 - $1):($4 - $2) with vectors nohead lc rgb C_NOTE lw 0.6 notitle, \
     '' index 2 using 5:6:8 with labels left textcolor rgb C_LABEL notitle, \
@end@
     '' index 0 using 1:($3 == 0 && $4 == 0 ? $2 : NaN) with points pt 7 ps 1.0 lc rgb C_WITHIN notitle, \
     '' index 0 using 1:($3 == 0 && $4 == 0 ? $2 : NaN) with points pt 6 ps 1.0 lc rgb C_OUTLINE notitle, \
     keyentry with circles lc rgb C_WITHIN fs solid 1.0 border lc rgb C_OUTLINE title "Within the limits", \
     '' index 0 using 1:($3 == 1 && $4 == 0 ? $2 : NaN) with points pt 7 ps 1.1 lc rgb C_OUTSIDE title sprintf("Outside %g%%", @INNER@), \
     '' index 0 using 1:($3 == 2 && $4 == 0 ? $2 : NaN) with points pt 5 ps 1.1 lc rgb C_BEYOND title sprintf("Outside %g%%", @OUTER@), \
@if highlight@
     keyentry with points pt @HIGHLIGHT_PT@ ps 1.7 lc rgb C_HIGHLIGHT title @HIGHLIGHT@, \
     @DATA@ index 0 using 1:($4 == 1 ? $2 : NaN):(shape($3)) with points pt variable ps 1.7 lc rgb C_HIGHLIGHT notitle, \
     '' index 0 using 1:($4 == 1 ? $2 : NaN):(shape($3) - 1) with points pt variable ps 1.7 lc rgb C_OUTLINE notitle, \
@end@
     NaN notitle
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X, MAP_LOG_Y
unset print
@end@
unset output
