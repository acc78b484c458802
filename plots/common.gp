#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ common.gp: the start of every chart: terminal, output, title, labels
#@ (after palette.gp, whose colours it uses).
#@ Values: OUTPUT, TITLE, SUBTITLE, YLABEL, SOURCE (strings); TITLE_LINES
#@ (the title's lines, 0 without one), SUBTITLE_LINES; WIDTH, HEIGHT
#@ (pixels), FONTSCALE and SOURCE_LINES (a narrow chart's) and PDF_WIDTH,
#@ PDF_HEIGHT (inches); flags png, svg, pdf, has_title, has_subtitle,
#@ has_ylabel, has_source, percent, narrow.
reset
#@ A narrow chart (for a phone's page) has every font FONTSCALE times as
#@ large, so its text stays legible shown about 380 px wide.
@if png@
@if narrow@
set terminal pngcairo size @WIDTH@,@HEIGHT@ noenhanced font "Sans,10" fontscale @FONTSCALE@ background rgb C_BACKGROUND
@else@
set terminal pngcairo size @WIDTH@,@HEIGHT@ noenhanced font "Sans,10" background rgb C_BACKGROUND
@end@
@end@
@if svg@
#@ The svg terminal takes a font's size in pixels where pngcairo takes
#@ points at 96 to the inch: fontscale 4/3 gives the SVG the PNG's text
#@ (issue 29).  gnuplot lays an SVG out for the unscaled size, whose
#@ estimates (0.7 and 1.5 of the size a character) are about those of
#@ the PNG's text, so the SVG is laid out as the PNG (the first factor,
#@ 1, is the layout's scale, which the tests' geometry checks read).
#@ Its points, larger than the PNG's, are scaled back by the library
#@ (fs_svg_gnuplot_tidy).  A narrow SVG's fonts are named FONTSCALE
#@ times as large as written here, by the library (scale_fonts,
#@ stats/render/chart.c), since the svg terminal lays text out for each
#@ font's own size, not for fontscale's (issue 29: a narrow SVG's title
#@ lines and key entries ran into each other).
set terminal svg size @WIDTH@,@HEIGHT@ noenhanced font "Sans,10" fontscale 1 * 4.0 / 3 background rgb C_BACKGROUND
@end@
@if pdf@
#@ pdfcairo draws text at half size, points large and lines thin: the
#@ scales below lay a PDF out like the PNG (issue 29: labels and key
#@ markers looked at as rendered pages).
@if narrow@
set terminal pdfcairo size @PDF_WIDTH@in,@PDF_HEIGHT@in noenhanced font "Sans,10" fontscale 0.64 * @FONTSCALE@ linewidth 1.5 pointscale 0.67
@else@
set terminal pdfcairo size @PDF_WIDTH@in,@PDF_HEIGHT@in noenhanced font "Sans,10" fontscale 0.64 linewidth 1.5 pointscale 0.67
@end@
@end@
set output @OUTPUT@
MAP_LOG_X = 0
#@ gnuplot's estimate of a key entry's width falls short of an SVG's text
#@ by about a character in twenty: a key whose width is tight (a key
#@ beside the plot) gives KEY_WIDTH_SVG characters more on an SVG.
@if svg@
KEY_WIDTH_SVG = 2
@else@
KEY_WIDTH_SVG = 0
@end@
set datafile separator "\t"
set datafile missing "NaN"
TITLE_LINES = @TITLE_LINES@
@if narrow@
#@ A narrow chart's title (wrapped by the library) reads from the left
#@ edge, and its source note (wrapped too) stands at the foot: each
#@ template keeps NARROW_FOOT character lines free below its plot, and
#@ its key between the title and the plot.
SOURCE_LINES = @SOURCE_LINES@
NARROW_FOOT = 0.95 * SOURCE_LINES + 0.6
@if has_title@
set label 89 @TITLE@ at character 1, screen 1 offset 0, -1.1 left font ",13"
@end@
@else@
@if has_title@
set title @TITLE@ font ",13"
@end@
@end@
@if has_subtitle@
#@ The chart's finding (SUBTITLE, its SUBTITLE_LINES lines fitted to the
#@ width) under the title, as a subtitle states it (issue 29): the room
#@ above the plot grows by its lines, and the chart's template, which
#@ knows where its title and key stand, raises the title by as many and
#@ puts the subtitle between the two (label 90: "set label 90 offset").
#@ A narrow chart's reads from the left edge under its title, NARROW_SUB
#@ character lines from the top (its template gives the offset back).
SUBTITLE_LINES = @SUBTITLE_LINES@
@if narrow@
NARROW_SUB = -(1.1 + 1.4 * TITLE_LINES + 0.1)
TITLE_LINES = TITLE_LINES + SUBTITLE_LINES
set label 90 @SUBTITLE@ at character 1, screen 1 offset 0, NARROW_SUB left font ",11" textcolor rgb C_NOTE
@else@
TITLE_LINES = TITLE_LINES + SUBTITLE_LINES
set label 90 @SUBTITLE@ at graph 0.5, graph 1 center font ",11" textcolor rgb C_NOTE
@end@
@end@
@if has_ylabel@
set ylabel @YLABEL@
@if narrow@
#@ A narrow chart's y label, wrapped to YLABEL_LINES lines, moves left by
#@ a line for each line past the first, clear of the tick labels.
set ylabel offset -1.3 * (@YLABEL_LINES@ - 1), 0
@end@
@end@
@if has_source@
@if narrow@
set label 99 @SOURCE@ at character 1, character 0.3 + 0.9 * SOURCE_LINES left font ",9" textcolor rgb C_NOTE
@else@
set label 99 @SOURCE@ at screen 0.01, screen 0.02 left font ",8" textcolor rgb C_NOTE
@end@
@end@
@if percent@
#@ Proportions are drawn as percentages (the data are times 100).
set format y "%g%%"
@end@
set border 3
set tics nomirror
#@ The grid faint and solid on all three terminals (gnuplot's dotted grid
#@ vanished in a PNG and showed in an SVG or PDF: issue 29).
set grid ytics lt 1 lw 0.5 lc rgb C_GRID
#@ The key's outlines (issue 29): gnuplot draws one colour a key sample,
#@ so a marker drawn as a fill with an outline over it (palette.gp:
#@ "outlined") has its fill alone in the key.  A chart whose key has such
#@ markers draws the plot in a multiplot, then (eval KEY_LAYER) a second,
#@ empty plot over the same area with the same key, whose entries' titles
#@ are blanks of the same length (blank(T)), so it is laid out exactly as
#@ the first, and whose samples are the outlines alone: each key sample
#@ then looks like its marker, fill and outline.
BLANKS = "                                                                                                                                "
blank(s) = BLANKS[1:strlen(s)]
KEY_LAYER = "set lmargin at screen GPVAL_TERM_XMIN * GPVAL_TERM_SCALE / GPVAL_TERM_XSIZE; set rmargin at screen GPVAL_TERM_XMAX * GPVAL_TERM_SCALE / GPVAL_TERM_XSIZE; set bmargin at screen GPVAL_TERM_YMIN * GPVAL_TERM_SCALE / GPVAL_TERM_YSIZE; set tmargin at screen GPVAL_TERM_YMAX * GPVAL_TERM_SCALE / GPVAL_TERM_YSIZE; unset border; unset tics; unset title; unset xlabel; unset ylabel; unset label; unset arrow; unset object; unset grid; unset logscale; set xrange [0:1]; set yrange [0:1]"
