#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ common.gp: the start of every chart: terminal, output, title, labels
#@ (after palette.gp, whose colours it uses).
#@ Values: OUTPUT, TITLE, SUBTITLE, YLABEL, SOURCE (strings); TITLE_LINES
#@ (the title's lines, 0 without one), SUBTITLE_LINES; WIDTH, HEIGHT
#@ (pixels) and PDF_WIDTH, PDF_HEIGHT (inches); flags png, svg, pdf,
#@ has_title, has_subtitle, has_ylabel, has_source, percent.
reset
@if png@
set terminal pngcairo size @WIDTH@,@HEIGHT@ noenhanced font "Sans,10" background rgb C_BACKGROUND
@end@
@if svg@
set terminal svg size @WIDTH@,@HEIGHT@ noenhanced font "Sans,10" background rgb C_BACKGROUND
@end@
@if pdf@
#@ pdfcairo draws text at half size, points large and lines thin: the
#@ scales below lay a PDF out like the PNG (issue 29: labels and key
#@ markers looked at as rendered pages).
set terminal pdfcairo size @PDF_WIDTH@in,@PDF_HEIGHT@in noenhanced font "Sans,10" fontscale 0.64 linewidth 1.5 pointscale 0.67
@end@
set output @OUTPUT@
MAP_LOG_X = 0
#@ gnuplot's SVG draws points larger than its PNG: large markers (the
#@ spine's) are scaled by PT_SCALE so their key samples do not overlap.
@if svg@
PT_SCALE = 0.65
@else@
PT_SCALE = 1
@end@
set datafile separator "\t"
set datafile missing "NaN"
TITLE_LINES = @TITLE_LINES@
@if has_title@
set title @TITLE@ font ",13"
@end@
@if has_subtitle@
#@ The chart's finding (SUBTITLE, its SUBTITLE_LINES lines fitted to the
#@ width) under the title, as a subtitle states it (issue 29): the room
#@ above the plot grows by its lines, and the chart's template, which
#@ knows where its title and key stand, raises the title by as many and
#@ puts the subtitle between the two (label 90: "set label 90 offset").
SUBTITLE_LINES = @SUBTITLE_LINES@
TITLE_LINES = TITLE_LINES + SUBTITLE_LINES
set label 90 @SUBTITLE@ at graph 0.5, graph 1 center font ",11" textcolor rgb C_NOTE
@end@
@if has_ylabel@
set ylabel @YLABEL@
@end@
@if has_source@
set label 99 @SOURCE@ at screen 0.01, screen 0.02 left font ",8" textcolor rgb C_NOTE
@end@
@if percent@
#@ Proportions are drawn as percentages (the data are times 100).
set format y "%g%%"
@end@
set border 3
set tics nomirror
set grid ytics lc rgb C_GRID
