#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ funnel.gp: each force's figure against its denominator, with the
#@ control limits as curves and England and Wales (the target) as a line.
#@ Data (DATA): index 0 the forces: denominator, value (at the top edge
#@ when off the scale), flag (0 within, 1 outside the inner limits, 2
#@ outside the outer), highlighted, off the scale; index 1 the limit
#@ curves over the forces' range: x, inner lower, inner upper, outer
#@ lower, outer upper, target; index 2 the names, each where it crosses
#@ no curve, point or other name (stats/render/chart_labels.h): the
#@ point's x and y, the end of its leader line (NaN when the name stands
#@ beside its point), where the name begins (left, centred), highlighted,
#@ the name, in the chart's normal text size (FS_LABEL_POINTS), and last
#@ a force off the scale's: its arrow's x and the top edge, NaN, NaN, the
#@ x its name stands at in the strip above the plot (as strip_left and
#@ strip_right say), NaN (no y in the plot), highlighted, the name; with
#@ flag extended, index 3 the curves on past the forces to the axis's end
#@ (as index 1; they meet no name).
#@ HIGHLIGHT_PT: the highlighted force's filled point type, its key
#@ sample's (5 beyond the outer limits, else 7; off the scale, its arrow
#@ is drawn in its colour and the key sample is the circle).
#@ Values: XLABEL (with "(log scale)"), FTICS (a log axis's tics, as
#@ "10,000"), XMIN, XMAX (beyond the forces only as far as a name needs), YMIN, YMAX, HIGHLIGHT, INNER, OUTER (percent),
#@ TARGET_LABEL, NOTE (the over-dispersion and the adjustment, in words),
#@ STRIP (character lines between the key and the plot for an off-scale
#@ force's name, 0 without one), STRIP_AT (where the name's middle stands
#@ above the plot, in lines).
#@ Flags: log_x, off_scale, has_xlabel, has_source, highlight, labels,
#@ highlight_off (the highlighted force is the one off the scale),
#@ note_above (the note a line above the source note: the two do not fit
#@ on one line), extended (index 3 is there), strip_left, strip_right (the
#@ off-scale name begins at the plot's left edge, ends at its right edge;
#@ neither: it is centred on its arrow).
@if log_x@
set logscale x
MAP_LOG_X = 1
set xtics (@FTICS@)
@end@
#@ The axes follow the data, not the limits or the decades around them.
set xrange [@XMIN@:@XMAX@]
set yrange [@YMIN@:@YMAX@]
@if note_above@
#@ A note too long to share the foot's line with the source note stands
#@ a line above it, clear of it (issue 29), and the foot has a line more.
set label 95 @NOTE@ at screen 0.99, screen 0.02 offset 0, 1.2 right font ",8" textcolor rgb C_NOTE
@else@
set label 95 @NOTE@ at screen 0.99, screen 0.02 right font ",8" textcolor rgb C_NOTE
@end@
@if has_xlabel@
set xlabel @XLABEL@
@end@
@if has_source@
set bmargin 6
@if note_above@
set bmargin 7
@end@
@end@
#@ The key stands between the title and the plot, where it can cover no
#@ point or limit.  With a force off the scale, a strip of STRIP lines
#@ between the key and the plot holds its name over its arrow (the name's
#@ middle STRIP_AT lines above the plot; issue 29), and the key and the
#@ titles stand higher by as much.
STRIP = @STRIP@
set tmargin 6 + TITLE_LINES + STRIP
@if has_subtitle@
set title offset 0,3.6 + SUBTITLE_LINES + STRIP
set label 90 offset 0,3.6 + 1.1 * SUBTITLE_LINES + STRIP
@else@
set title offset 0,3.6 + STRIP
@end@
set key at graph 0.5, graph 1.02 center bottom horizontal noopaque nobox samplen 3 spacing 1.1 width 1 maxrows 3
@if off_scale@
#@ A key's height grows by as many lines at its foot as at its head: its
#@ entries stand STRIP lines higher.
set key height 2 * STRIP
@end@
shape(flag) = flag == 2 ? 5 : 7
@if narrow@
#@ Narrow: the key a line an entry above the plot, the note (wrapped)
#@ above the source note.
KEYS = 6
@if off_scale@
KEYS = KEYS + 1
@end@
@if highlight@
KEYS = KEYS + 1
@end@
#@ (Its key keeps the height the strip gave it above.)
set key at character 1, graph 1.04 left bottom vertical Left reverse noopaque nobox samplen 2 spacing 1 width 0 maxcols 1 maxrows KEYS
set tmargin TITLE_LINES * 1.4 + KEYS + 1.5 + STRIP
@if has_subtitle@
set label 90 offset 0, NARROW_SUB
#@ A spare line under the subtitle: the key stands a little above the plot.
set tmargin TITLE_LINES * 1.4 + KEYS + 2.5 + STRIP
@end@
#@ gnuplot centres the note's lines on its line: the foot keeps the half
#@ of them above it and a line more, so the x axis title stands a line
#@ clear of the note (issue 29: on M05 it stood 4 pixels above it).
set bmargin NARROW_FOOT + 1.6 * @NOTE_LINES@ + 8.5
set xtics rotate by 90 right
set rmargin 2
set label 95 @NOTE@ at character 1, character NARROW_FOOT + 1.1 * @NOTE_LINES@ left font ",9" textcolor rgb C_NOTE
@end@
@if off_scale@
#@ A force off the scale is an arrow up to the top edge, as long as a
#@ twentieth of the plot's height, as the spine's arrows at a bar's end
#@ (one meaning per symbol across the site: a triangle up means higher,
#@ never off the scale); its figure is in its name.
OFF_LEN = 0.05 * (@YMAX@ - @YMIN@)
STRIP_AT = @STRIP_AT@
@end@
@if highlight@
@if key_outlines@
set multiplot
@end@
@end@
plot @DATA@ index 1 using 1:4:5 with filledcurves lc rgb C_SHADE notitle, \
     '' index 1 using 1:2 with lines lc rgb C_LIMIT_INNER lw 1.5 dt 2 title sprintf("%g%% limits", @INNER@), \
     '' index 1 using 1:3 with lines lc rgb C_LIMIT_INNER lw 1.5 dt 2 notitle, \
     '' index 1 using 1:4 with lines lc rgb C_LIMIT_OUTER lw 1.5 title sprintf("%g%% limits", @OUTER@), \
     '' index 1 using 1:5 with lines lc rgb C_LIMIT_OUTER lw 1.5 notitle, \
     '' index 1 using 1:6 with lines lc rgb C_NATIONAL lw 1.5 dt 4 title @TARGET_LABEL@, \
@if extended@
     '' index 3 using 1:4:5 with filledcurves lc rgb C_SHADE notitle, \
     '' index 3 using 1:2 with lines lc rgb C_LIMIT_INNER lw 1.5 dt 2 notitle, \
     '' index 3 using 1:3 with lines lc rgb C_LIMIT_INNER lw 1.5 dt 2 notitle, \
     '' index 3 using 1:4 with lines lc rgb C_LIMIT_OUTER lw 1.5 notitle, \
     '' index 3 using 1:5 with lines lc rgb C_LIMIT_OUTER lw 1.5 notitle, \
     '' index 3 using 1:6 with lines lc rgb C_NATIONAL lw 1.5 dt 4 notitle, \
@end@
@if labels@
     '' index 2 using 1:2:($3 - $1):($4 - $2) with vectors nohead lc rgb C_NOTE lw 0.6 notitle, \
     '' index 2 using 5:6:8 with labels left textcolor rgb C_LABEL notitle, \
@end@
@if off_scale@
#@ The off-scale force's name (its row of index 2, the one whose name has
#@ no y in the plot) on the strip above the plot, over its arrow: centred
#@ on it, or begun or ended at the plot's edge where it would overhang.
@if strip_left@
     '' index 2 using 5:(valid(6) ? NaN : @YMAX@):8 with labels left offset 0, STRIP_AT textcolor rgb C_LABEL notitle, \
@else@
@if strip_right@
     '' index 2 using 5:(valid(6) ? NaN : @YMAX@):8 with labels right offset 0, STRIP_AT textcolor rgb C_LABEL notitle, \
@else@
     '' index 2 using 5:(valid(6) ? NaN : @YMAX@):8 with labels center offset 0, STRIP_AT textcolor rgb C_LABEL notitle, \
@end@
@end@
@end@
     '' index 0 using 1:($3 == 0 && $4 == 0 && $5 == 0 ? $2 : NaN) with points pt 7 ps 1.0 lc rgb C_WITHIN notitle, \
     '' index 0 using 1:($3 == 0 && $4 == 0 && $5 == 0 ? $2 : NaN) with points pt 6 ps 1.0 lc rgb C_OUTLINE notitle, \
     keyentry with circles lc rgb C_WITHIN fs solid 1.0 border lc rgb C_OUTLINE title "Within the limits", \
     '' index 0 using 1:($3 == 1 && $4 == 0 && $5 == 0 ? $2 : NaN) with points pt 7 ps 1.1 lc rgb C_OUTSIDE title sprintf("Outside %g%%", @INNER@), \
     '' index 0 using 1:($3 == 2 && $4 == 0 && $5 == 0 ? $2 : NaN) with points pt 5 ps 1.1 lc rgb C_BEYOND title sprintf("Outside %g%%", @OUTER@), \
@if off_scale@
#@ A force drawn at the top edge is always in the key: its arrow, which
#@ gnuplot's key would draw lying down, is the key's text.
     '' index 0 using 1:($5 == 1 && $4 == 0 ? $2 - OFF_LEN : NaN):(0):(OFF_LEN) with vectors head filled size screen 0.009,25,60 lw 2.5 lc rgb C_BEYOND notitle, \
     keyentry with points pt " " lc rgb C_OUTLINE title "\342\206\221 Off the scale (named)", \
@end@
@if highlight@
#@ The highlighted force's key sample is its mark as drawn: its shape
#@ (HIGHLIGHT_PT), its outline over it in a key layer; off the scale, its
#@ arrow in its colour.
     keyentry with points pt @HIGHLIGHT_PT@ ps 1.7 lc rgb C_HIGHLIGHT title @HIGHLIGHT@, \
     @DATA@ index 0 using 1:($4 == 1 && $5 == 0 ? $2 : NaN):(shape($3)) with points pt variable ps 1.7 lc rgb C_HIGHLIGHT notitle, \
     '' index 0 using 1:($4 == 1 && $5 == 0 ? $2 : NaN):(shape($3) - 1) with points pt variable ps 1.7 lc rgb C_OUTLINE notitle, \
@if highlight_off@
     '' index 0 using 1:($4 == 1 && $5 == 1 ? $2 - OFF_LEN : NaN):(0):(OFF_LEN) with vectors head filled size screen 0.009,25,60 lw 2.5 lc rgb C_HIGHLIGHT notitle, \
@end@
@end@
     NaN notitle
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
@if highlight@
@if key_outlines@
#@ The highlighted force's outline over its key sample (common.gp:
#@ KEY_LAYER), the other entries blank.
eval KEY_LAYER
plot NaN notitle, \
     keyentry with points pt " " lc rgb C_OUTLINE title blank(sprintf("%g%% limits", @INNER@)), \
     keyentry with points pt " " lc rgb C_OUTLINE title blank(sprintf("%g%% limits", @OUTER@)), \
     keyentry with points pt " " lc rgb C_OUTLINE title blank(@TARGET_LABEL@), \
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Within the limits"), \
     keyentry with points pt " " lc rgb C_OUTLINE title blank(sprintf("Outside %g%%", @INNER@)), \
     keyentry with points pt " " lc rgb C_OUTLINE title blank(sprintf("Outside %g%%", @OUTER@)), \
@if off_scale@
     keyentry with points pt " " lc rgb C_OUTLINE title blank("\342\206\221 Off the scale (named)"), \
@end@
     keyentry with points pt @HIGHLIGHT_PT@ - 1 ps 1.7 lc rgb C_OUTLINE title blank(@HIGHLIGHT@), \
     NaN notitle
unset multiplot
@end@
@end@
unset output
