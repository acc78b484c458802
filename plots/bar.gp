#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ bar.gp: one bar per force, sorted, with the outlier band as HMICFRS
#@ draws it: the mean as a solid line, one SD either side dotted.
#@ Data (DATA): position, value, series (1 within, 2 outside, 3
#@ highlighted, 4 highlighted and outside), in the most similar group.
#@ Values: CENTRE, LOWER, UPPER, COMPARATOR, COMPARATOR_LABEL,
#@ HIGHLIGHT_TITLE, GROUP_LABEL, YMAX, TOP_LABEL, TOP_X, TOP_Y.
#@ Flags: off_scale, top_last, any_negative, any_outside, highlight,
#@ group, log_scale, comparator, lines_close.
#@ The highlighted force's bar is orange whether within the band or
#@ outside it, drawn as long as its figure like every other bar; outside
#@ the band, its key entry says so (HIGHLIGHT_TITLE, "City of London
#@ (outside the band)") and the subtitle states the verdict.  (An outline
#@ in the band's colour was once drawn round it: centred on the bar's
#@ edge, it hid the orange top and reached below zero: issue 29.)
#@ With per-force peer lists (--groups), the highlighted force's peer
#@ group's averages: PEER_POOLED, PEER_MEAN (flags peer_pooled, peer_mean).
@if off_scale@
#@ One bar many times taller than the rest (City of London's rates) would
#@ flatten every other bar: the axis is cut and that bar's figure
#@ (TOP_LABEL, with the measure's decimals) written level beside its top,
#@ in the band above the highest line (every line and every other bar
#@ lies under TOP_Y), so no line crosses it; at its left when the cut bar
#@ is the last (top_last).
set yrange [0:@YMAX@]
@if top_last@
set label 97 @TOP_LABEL@ at @TOP_X@ - 0.5, @TOP_Y@ right font ",9" textcolor rgb C_LABEL front
@else@
set label 97 @TOP_LABEL@ at @TOP_X@ + 0.5, @TOP_Y@ left font ",9" textcolor rgb C_LABEL front
@end@
@else@
@if any_negative@
set yrange [*:*]
@else@
set yrange [0:*]
@end@
@end@
set boxwidth 0.75
set style fill solid 1.0 noborder
#@ The pale bars within the band are outlined (palette.gp: contrast).  An
#@ empty box takes its colour from lc ("fs empty border lc rgb X" would
#@ leave it in gnuplot's own colours).
#@ The key stands between the title and the plot, where it can hide no
#@ bar or line.
@if has_subtitle@
#@ With a subtitle, a spare line: a key of seven entries or more takes a
#@ third row, which would reach it.
set tmargin 6 + TITLE_LINES
set title offset 0,3.6 + SUBTITLE_LINES
set label 90 offset 0,3.6 + 1.1 * SUBTITLE_LINES
@else@
set tmargin 5 + TITLE_LINES
set title offset 0,2.6
@end@
set key at graph 0.5, graph 1.02 center bottom horizontal noopaque nobox samplen 2.5 spacing 1.1 width 1 maxrows 2
@if narrow@
#@ Narrow (a phone's page): the forces down the page, a bar a row, the
#@ first at the top, the values along x; the band's lines upright; the
#@ key a line an entry above the plot.
KEYS = 3
@if any_outside@
KEYS = KEYS + 1
@end@
@if highlight@
KEYS = KEYS + 1
@end@
@if group@
KEYS = KEYS + 1
@end@
@if peer_pooled@
KEYS = KEYS + 1
@end@
@if peer_mean@
KEYS = KEYS + 1
@end@
@if comparator@
KEYS = KEYS + 1
@end@
set key at character 1, graph 1.01 left bottom vertical Left reverse noopaque nobox samplen 2 spacing 1 width 0 maxcols 1 maxrows KEYS
set tmargin TITLE_LINES * 1.4 + KEYS + 1.2
@if has_subtitle@
set label 90 offset 0, NARROW_SUB
@end@
set bmargin NARROW_FOOT + 5
set rmargin 3
set ytics (@XTICS@) font ",9"
@if off_scale@
#@ The cut bar's figure in a row of its own above the bars, level, at
#@ the plot's right edge, where the cut bar ends (the report draws the
#@ highest first, at the top): clear of the bars, the band's lines (which
#@ run from the first bar to the last) and the key.
set yrange [@XMAX@:@XMIN@ - 1.4]
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
set xrange [0:@YMAX@]
@else@
@if !any_negative@
set xrange [0:*]
@end@
@end@
set grid xtics noytics lt 1 lw 0.5 lc rgb C_GRID
unset ylabel
@if has_ylabel@
set xlabel @YLABEL@
@end@
box(cond) = cond ? 1 : NaN
plot @DATA@ using ($2 * box($3==1) / 2):1:(0):($2 * box($3==1)):($1-0.375):($1+0.375) with boxxyerror lc rgb C_WITHIN fs solid 1.0 border lc rgb C_OUTLINE title "Within the band", \
@if any_outside@
     '' using ($2 * box($3==2) / 2):1:(0):($2 * box($3==2)):($1-0.375):($1+0.375) with boxxyerror lc rgb C_OUTSIDE title "Outside the band", \
@end@
@if highlight@
     '' using ($2 * box($3>=3) / 2):1:(0):($2 * box($3>=3)):($1-0.375):($1+0.375) with boxxyerror lc rgb C_HIGHLIGHT title @HIGHLIGHT_TITLE@, \
@end@
@if group@
     '' using ($2 * box($4==1) / 2):1:(0):($2 * box($4==1)):($1-0.375):($1+0.375) with boxxyerror fs empty lc rgb C_HIGHLIGHT lw 2.5 title @GROUP_LABEL@, \
@end@
@if peer_pooled@
     '' using (@PEER_POOLED@):1 with lines lc rgb C_HIGHLIGHT lw 2 dt 2 title "Peer group average, pooled", \
@end@
@if peer_mean@
     '' using (@PEER_MEAN@):1 with lines lc rgb C_HIGHLIGHT lw 2 dt 5 title "Peer group average, unweighted", \
@end@
@if comparator@
     '' using (@COMPARATOR@):1 with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @COMPARATOR_LABEL@, \
@end@
@if log_scale@
     '' using (@CENTRE@):1 with lines lc rgb C_MEAN lw 2 title "Geometric mean of forces", \
     '' using (@LOWER@):1 with lines lc rgb C_LINE lw 2.5 dt 3 title "One SD either side (log scale)", \
@else@
     '' using (@CENTRE@):1 with lines lc rgb C_MEAN lw 2 title "Mean of forces", \
     '' using (@LOWER@):1 with lines lc rgb C_LINE lw 2.5 dt 3 title "One SD either side", \
@end@
@if lines_close@
#@ England and Wales within a few pixels of the centre (lines_close):
#@ drawn again over the centre's solid line, its dash-dots showing on it.
     '' using (@UPPER@):1 with lines lc rgb C_LINE lw 2.5 dt 3 notitle, \
     '' using (@COMPARATOR@):1 with lines lc rgb C_NATIONAL lw 1.5 dt 4 notitle
@else@
     '' using (@UPPER@):1 with lines lc rgb C_LINE lw 2.5 dt 3 notitle
@end@
@else@
plot @DATA@ using 1:($3==1?$2:NaN) with boxes lc rgb C_WITHIN fs solid 1.0 border lc rgb C_OUTLINE title "Within the band", \
@if any_outside@
     '' using 1:($3==2?$2:NaN) with boxes lc rgb C_OUTSIDE title "Outside the band", \
@end@
@if highlight@
     '' using 1:($3>=3?$2:NaN) with boxes lc rgb C_HIGHLIGHT title @HIGHLIGHT_TITLE@, \
@end@
@if group@
     '' using 1:($4==1?$2:NaN) with boxes fs empty lc rgb C_HIGHLIGHT lw 2.5 title @GROUP_LABEL@, \
@end@
@if peer_pooled@
     @PEER_POOLED@ with lines lc rgb C_HIGHLIGHT lw 2 dt 2 title "Peer group average, pooled", \
@end@
@if peer_mean@
     @PEER_MEAN@ with lines lc rgb C_HIGHLIGHT lw 2 dt 5 title "Peer group average, unweighted", \
@end@
@if comparator@
     @COMPARATOR@ with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @COMPARATOR_LABEL@, \
@end@
@if log_scale@
     @CENTRE@ with lines lc rgb C_MEAN lw 2 title "Geometric mean of forces", \
     @LOWER@ with lines lc rgb C_LINE lw 2.5 dt 3 title "One SD either side (log scale)", \
@else@
     @CENTRE@ with lines lc rgb C_MEAN lw 2 title "Mean of forces", \
     @LOWER@ with lines lc rgb C_LINE lw 2.5 dt 3 title "One SD either side", \
@end@
@if lines_close@
     @UPPER@ with lines lc rgb C_LINE lw 2.5 dt 3 notitle, \
     @COMPARATOR@ with lines lc rgb C_NATIONAL lw 1.5 dt 4 notitle
@else@
     @UPPER@ with lines lc rgb C_LINE lw 2.5 dt 3 notitle
@end@
@end@
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
unset output
