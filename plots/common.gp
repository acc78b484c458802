#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ common.gp: the start of every chart: terminal, output, title, labels.
#@ Values: OUTPUT, TITLE, YLABEL, SOURCE (strings); WIDTH, HEIGHT (pixels)
#@ and PDF_WIDTH, PDF_HEIGHT (inches); flags png, svg, pdf, has_title,
#@ has_ylabel, has_source, percent.
reset
@if png@
set terminal pngcairo size @WIDTH@,@HEIGHT@ noenhanced font "Sans,10" background rgb "#ffffff"
@end@
@if svg@
set terminal svg size @WIDTH@,@HEIGHT@ noenhanced font "Sans,10" background rgb "#ffffff"
@end@
@if pdf@
set terminal pdfcairo size @PDF_WIDTH@in,@PDF_HEIGHT@in noenhanced font "Sans,9"
@end@
set output @OUTPUT@
set datafile separator "\t"
set datafile missing "NaN"
@if has_title@
set title @TITLE@ font ",13"
@end@
@if has_ylabel@
set ylabel @YLABEL@
@end@
@if has_source@
set label 99 @SOURCE@ at screen 0.01, screen 0.02 left font ",8" textcolor rgb "#555555"
@end@
@if percent@
#@ Proportions are drawn as percentages (the data are times 100).
set format y "%g%%"
@end@
set border 3
set tics nomirror
set grid ytics lc rgb "#e0e0e0"
#@ Colours: a muted blue for forces within the band, a dark blue for those
#@ outside it, orange for the force the chart is about (distinguishable
#@ under the common colour-vision deficiencies), red for England and Wales.
C_WITHIN = "#9dc3e6"
C_OUTSIDE = "#1f4e79"
C_HIGHLIGHT = "#e66100"
C_NATIONAL = "#c00000"
C_LINE = "#303030"
