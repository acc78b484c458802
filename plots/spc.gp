#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ spc.gp: an XmR chart as Making Data Count draws it: the series, its
#@ mean as a solid line and its process limits as dashed lines, segment by
#@ segment (separated by dotted lines where the chart was rebased), and
#@ the special-cause points coloured by their variation.
#@ Data (DATA): index 0 the points: position, value, variation (0 common
#@ cause, 1 improvement, 2 concern, 3 neutral); index 1 the segments'
#@ lines, a blank line between segments: position, mean, lower, upper.
#@ Values: SERIES (the series' name); ANY_COMMON, ANY_IMPROVEMENT,
#@ ANY_CONCERN, ANY_NEUTRAL (1 or 0: the key names only the kinds of
#@ point drawn); YMIN, YMAX (the y range); REBASES (positions of the dotted separators) with
#@ flag rebases; TARGET with flag target; VARIATION (the latest point's
#@ code) with flag high; ASSURANCE (1 pass, 2 fail, 3 hit or miss) with
#@ flag assurance; XLABEL with flag has_xlabel.  The one-line summary is
#@ the subtitle (common.gp).
#@ The key above the plot, where it can hide no point or line, in two
#@ rows (a column a pair of entries) centred on the canvas, as on the
#@ other charts; the plot ends where the icons' room begins (PLOT_RIGHT:
#@ room for one icon, or two with a target), so its width never depends
#@ on the key's length (issue 29: a key
#@ beside it holding "Special cause: neither better nor worse" narrowed
#@ it to 835 of 1200 pixels and left the icon in white space).  The
#@ title and the summary are centred on the canvas, not on the plot the
#@ icons' room moves left.
PLOT_RIGHT = 0.88
@if assurance@
PLOT_RIGHT = 0.80
@end@
#@ A chart under 800 pixels wide has the key's entries in one column.
#@ (issue 29: City of London's, all special cause, kept a row for
#@ "Common cause", which names no point.)
KEYS = 2 + @ANY_COMMON@ + @ANY_IMPROVEMENT@ + @ANY_CONCERN@ + @ANY_NEUTRAL@
@if target@
KEYS = KEYS + 1
@end@
@if !narrow@
KEY_ROWS = @WIDTH@ < 800 ? KEYS : 2
set key at screen 0.5, graph 1.03 center bottom vertical Left reverse noopaque nobox samplen 2.5 spacing 1.1 width 1 + KEY_WIDTH_SVG maxrows KEY_ROWS
set rmargin at screen PLOT_RIGHT
set tmargin 2.3 + 1.4 * TITLE_LINES + 1.1 * KEY_ROWS
@if has_title@
unset title
set label 89 @TITLE@ at screen 0.5, screen 1 offset 0, -1.1 center font ",13"
@end@
@if has_subtitle@
#@ The summary (common.gp's subtitle) under the title, above the key.
set label 90 at screen 0.5, screen 1 offset 0, -(1.1 + 1.4 * (TITLE_LINES - SUBTITLE_LINES) + 0.2)
@end@
@else@
set key outside right top vertical Left reverse noopaque samplen 2.5 spacing 1.2 width -2 + KEY_WIDTH_SVG
@if has_subtitle@
set tmargin 2 + TITLE_LINES
set title offset 0,SUBTITLE_LINES
set label 90 offset 0,1.1 * SUBTITLE_LINES
@end@
@end@
@if has_xlabel@
#@ The axis's title in the trend chart's words ("Financial year (April to
#@ March)"), and under upright tick labels a line more for it, clear of
#@ the source note at the foot (issue 29).
set xlabel @XLABEL@
@if rotate@
@if !narrow@
set bmargin @BMARGIN@ + 2.5
@end@
@end@
@end@
#@ Making Data Count's meanings in the site's colours (palette.gp):
#@ common cause grey, improvement C_BETTER, concern C_WORSE.
C_COMMON = C_SIMILAR
C_IMPROVEMENT = C_BETTER
C_CONCERN = C_WORSE
ANY_COMMON = @ANY_COMMON@
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
#@ The points, limits and target with a margin (YMIN, YMAX): no limit
#@ lies on the x axis.
set yrange [@YMIN@:@YMAX@]
#@ Making Data Count's icons beside the plot, right of it: the latest
#@ point's variation (a ring in its colour: grey common cause, improvement,
#@ concern or neither; H or L for a special cause high or low) and, with a
#@ target, the assurance (P passes, F fails, ? hit or miss); the
#@ subtitle says the same in words.  A thin ring in C_OUTLINE round each
#@ icon keeps a pale ring at 3:1, and a letter is in its ring's colour only
#@ where that stands at 4.5:1 as text, else in C_LABEL (palette.gp).
VARIATION = @VARIATION@
V_C = VARIATION == 1 ? C_IMPROVEMENT : VARIATION == 2 ? C_CONCERN : VARIATION == 3 ? C_NEUTRAL : C_COMMON
V_INK = VARIATION == 2 ? C_CONCERN : VARIATION == 3 ? C_NEUTRAL : C_LABEL
set object 80 circle at screen PLOT_RIGHT + 0.055, screen 0.45 size screen 0.035 fs empty border lc rgb C_OUTLINE lw 1 front
set object 81 circle at screen PLOT_RIGHT + 0.055, screen 0.45 size screen 0.032 fc rgb C_BACKGROUND fs solid border lc rgb V_C lw 4 front
@if high@
set label 81 "H" at screen PLOT_RIGHT + 0.055, screen 0.45 center font ",14" textcolor rgb V_INK front
@else@
set label 81 (VARIATION == 0 ? "~" : "L") at screen PLOT_RIGHT + 0.055, screen 0.45 center font ",14" textcolor rgb V_INK front
@end@
set label 82 "Variation" at screen PLOT_RIGHT + 0.055, screen 0.38 center font ",8" textcolor rgb C_NOTE front
@if assurance@
ASSURANCE = @ASSURANCE@
A_C = ASSURANCE == 1 ? C_BETTER : ASSURANCE == 2 ? C_WORSE : C_SIMILAR
A_INK = ASSURANCE == 2 ? C_WORSE : C_LABEL
set object 86 circle at screen PLOT_RIGHT + 0.14, screen 0.45 size screen 0.035 fs empty border lc rgb C_OUTLINE lw 1 front
set object 83 circle at screen PLOT_RIGHT + 0.14, screen 0.45 size screen 0.032 fc rgb C_BACKGROUND fs solid border lc rgb A_C lw 4 front
set label 83 (ASSURANCE == 1 ? "P" : ASSURANCE == 2 ? "F" : "?") at screen PLOT_RIGHT + 0.14, screen 0.45 center font ",14" textcolor rgb A_INK front
set label 84 "Assurance" at screen PLOT_RIGHT + 0.14, screen 0.38 center font ",8" textcolor rgb C_NOTE front
@end@
@if narrow@
#@ Narrow, from the top down, each in its own rows (issue 29: the icon
#@ stood on the key, the key on the plot's top, the plot kept 150 of
#@ 900 pixels): the title and the whole summary (common.gp), the icons
#@ with their captions above them at the right (at 9 point, as the
#@ notes: at 8 they were 17 pixels, under 12 CSS pixels on a 400 px
#@ page), the key a line an entry, then the plot.  Rows are counted in
#@ character lines of NARROW_LINE_PX pixels (the narrow terminal's 10
#@ point font: 15.5 pixels a line at fontscale 1, 24.8 at the report's
#@ FONTSCALE, 1.6), so the
#@ rings, which take no offset, stand at screen heights.  HEAD: the
#@ lines the title and the summary take; ICONS: the icons' rows.
NARROW_LINE_PX = 15.5 * @FONTSCALE@
HEAD = 1.4 * TITLE_LINES + 1.2
ICONS = 4.4
ROW_Y(lines) = 1 - lines * NARROW_LINE_PX / @HEIGHT@
set key at character 1, screen ROW_Y(HEAD + ICONS + 0.2) left top vertical Left reverse noopaque nobox samplen 2 spacing 1 width 0 maxcols 1 maxrows KEYS
set tmargin HEAD + ICONS + KEYS + 1.5
set rmargin 2
set bmargin @BMARGIN@ + NARROW_FOOT + 1
@if has_xlabel@
set bmargin @BMARGIN@ + NARROW_FOOT + 2.5
@end@
@if has_subtitle@
set label 90 offset 0, NARROW_SUB
@end@
set object 80 circle at screen 0.88, screen ROW_Y(HEAD + 2.9) size screen 0.048 fs empty border lc rgb C_OUTLINE lw 1 front
set object 81 circle at screen 0.88, screen ROW_Y(HEAD + 2.9) size screen 0.045 fc rgb C_BACKGROUND fs solid border lc rgb V_C lw 4 front
set label 81 at screen 0.88, screen ROW_Y(HEAD + 2.9)
set label 82 at screen 0.88, screen ROW_Y(HEAD + 0.8) font ",9"
@if assurance@
set object 80 circle at screen 0.64, screen ROW_Y(HEAD + 2.9)
set object 81 circle at screen 0.64, screen ROW_Y(HEAD + 2.9)
set label 81 at screen 0.64, screen ROW_Y(HEAD + 2.9)
set label 82 at screen 0.64, screen ROW_Y(HEAD + 0.8) font ",9"
set object 86 circle at screen 0.88, screen ROW_Y(HEAD + 2.9) size screen 0.048 fs empty border lc rgb C_OUTLINE lw 1 front
set object 83 circle at screen 0.88, screen ROW_Y(HEAD + 2.9) size screen 0.045 fc rgb C_BACKGROUND fs solid border lc rgb A_C lw 4 front
set label 83 at screen 0.88, screen ROW_Y(HEAD + 2.9)
set label 84 at screen 0.88, screen ROW_Y(HEAD + 0.8) font ",9"
@end@
@end@
@if target@
plot @DATA@ index 1 using 1:3 with lines lc rgb C_LINE dt 2 lw 1.2 title "Process limits", \
     '' index 1 using 1:4 with lines lc rgb C_LINE dt 2 lw 1.2 notitle, \
     '' index 1 using 1:2 with lines lc rgb C_LINE lw 2 title "Mean", \
     @TARGET@ with lines lc rgb C_TARGET dt 4 lw 1.5 title "Target", \
     @DATA@ index 0 using 1:2 with lines lc rgb C_SERIES_LINE lw 1.2 notitle, \
     '' index 0 using 1:(is($3, 0) ? $2 : NaN) with points pt 7 ps 1.1 lc rgb C_COMMON title (ANY_COMMON ? "Common cause" : ""), \
     '' index 0 using 1:(is($3, 1) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_IMPROVEMENT notitle, \
     '' index 0 using 1:(is($3, 2) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_CONCERN notitle, \
     '' index 0 using 1:(is($3, 3) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_NEUTRAL notitle, \
     '' index 0 using 1:($3 > 0 ? $2 : NaN) with points pt 6 ps 1.3 lc rgb C_OUTLINE notitle, \
     keyentry with circles lc rgb C_IMPROVEMENT fs solid 1.0 border lc rgb C_OUTLINE title (ANY_IMPROVEMENT ? "Special cause: improvement" : ""), \
     keyentry with circles lc rgb C_CONCERN fs solid 1.0 border lc rgb C_OUTLINE title (ANY_CONCERN ? "Special cause: concern" : ""), \
     keyentry with circles lc rgb C_NEUTRAL fs solid 1.0 border lc rgb C_OUTLINE title (ANY_NEUTRAL ? "Special cause: neither better nor worse" : "")
@else@
plot @DATA@ index 1 using 1:3 with lines lc rgb C_LINE dt 2 lw 1.2 title "Process limits", \
     '' index 1 using 1:4 with lines lc rgb C_LINE dt 2 lw 1.2 notitle, \
     '' index 1 using 1:2 with lines lc rgb C_LINE lw 2 title "Mean", \
     '' index 0 using 1:2 with lines lc rgb C_SERIES_LINE lw 1.2 notitle, \
     '' index 0 using 1:(is($3, 0) ? $2 : NaN) with points pt 7 ps 1.1 lc rgb C_COMMON title (ANY_COMMON ? "Common cause" : ""), \
     '' index 0 using 1:(is($3, 1) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_IMPROVEMENT notitle, \
     '' index 0 using 1:(is($3, 2) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_CONCERN notitle, \
     '' index 0 using 1:(is($3, 3) ? $2 : NaN) with points pt 7 ps 1.3 lc rgb C_NEUTRAL notitle, \
     '' index 0 using 1:($3 > 0 ? $2 : NaN) with points pt 6 ps 1.3 lc rgb C_OUTLINE notitle, \
     keyentry with circles lc rgb C_IMPROVEMENT fs solid 1.0 border lc rgb C_OUTLINE title (ANY_IMPROVEMENT ? "Special cause: improvement" : ""), \
     keyentry with circles lc rgb C_CONCERN fs solid 1.0 border lc rgb C_OUTLINE title (ANY_CONCERN ? "Special cause: concern" : ""), \
     keyentry with circles lc rgb C_NEUTRAL fs solid 1.0 border lc rgb C_OUTLINE title (ANY_NEUTRAL ? "Special cause: neither better nor worse" : "")
@end@
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
unset output
