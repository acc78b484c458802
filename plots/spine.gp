#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ spine.gp: a spine chart (an area profile, as PHE Fingertips draws one):
#@ one row per measure, the force's value among the forces' spread.
#@ Data (DATA): one line per row, the first at the top: y, the bar's left
#@ and right ends, the box's (25th to 75th percentile), the marker's
#@ position (0 to 1, the centre at 0.5) and its colour (0 none, 1 middle,
#@ 2 high, 3 low).
#@ Values: MEASURES, VALUES, CENTRES, LOWEST, HIGHEST (a string per row;
#@ LOWEST is the left end's figure: the highest on a mirrored row);
#@ ROWS; FORCE; ANY_MIDDLE, ANY_HIGH, ANY_LOW (1 or 0); HIGH_WORDS,
#@ MIDDLE_WORDS, LOW_WORDS (the legend); flag mirrored (some row has
#@ lower is better).
array MEASURES = [@MEASURES@]
array VALUES = [@VALUES@]
array CENTRES = [@CENTRES@]
array LOWEST = [@LOWEST@]
array HIGHEST = [@HIGHEST@]
ROWS = @ROWS@
ANY_MIDDLE = @ANY_MIDDLE@
ANY_HIGH = @ANY_HIGH@
ANY_LOW = @ANY_LOW@
unset border
unset ytics
unset xtics
unset grid
set xrange [-3.6:1.32]
@if mirrored@
set yrange [-2.5:ROWS - 0.1]
@else@
set yrange [-2.1:ROWS - 0.1]
@end@
set lmargin 1
set rmargin 1
set tmargin 3
set bmargin 3
set key inside bottom center horizontal noopaque samplen 1.5 spacing 1.1 width -3 maxrows 2
set label 1 "Measure" at -3.55, ROWS - 0.3 left font ",9"
set label 2 "Value" at -1.3, ROWS - 0.3 right font ",9"
set label 3 "England\nand Wales" at -0.78, ROWS - 0.3 right font ",9"
set label 4 "Lowest\nor worst" at -0.06, ROWS - 0.3 right font ",9"
set label 5 "Highest\nor best" at 1.04, ROWS - 0.3 left font ",9"
@if mirrored@
set label 6 "* lower is better: the row is mirrored, so better lies to the right" at -3.55, -0.85 left font ",8" textcolor rgb C_NOTE
@end@
set arrow 1 from 0.5, -0.6 to 0.5, ROWS - 0.5 nohead lc rgb C_LINE lw 1.5
is(v, k) = (v == k) ? 1 : 0
plot @DATA@ using (($2 + $3) / 2):1:(($3 - $2) / 2):(0.28) with boxxyerror fs solid 1.0 noborder lc rgb C_SPREAD title "Lowest to highest", \
     '' using (($4 + $5) / 2):1:(($5 - $4) / 2):(0.28) with boxxyerror fs solid 1.0 noborder lc rgb C_QUARTILES title "25th to 75th percentile", \
     '' using (-3.55):1:(MEASURES[int($0) + 1]) with labels left font ",9" notitle, \
     '' using (-1.3):1:(VALUES[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (-0.78):1:(CENTRES[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (-0.06):1:(LOWEST[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (1.04):1:(HIGHEST[int($0) + 1]) with labels left font ",9" notitle, \
     '' using (is($7, 1) ? $6 : NaN):1 with points pt 7 ps 2 lc rgb C_SIMILAR title (ANY_MIDDLE ? @MIDDLE_WORDS@ : ""), \
     '' using (is($7, 2) ? $6 : NaN):1 with points pt 7 ps 2 lc rgb C_HIGHER title (ANY_HIGH ? @HIGH_WORDS@ : ""), \
     '' using (is($7, 3) ? $6 : NaN):1 with points pt 7 ps 2 lc rgb C_LOWER title (ANY_LOW ? @LOW_WORDS@ : ""), \
     '' using (is($7, 1) + is($7, 2) + is($7, 3) ? $6 : NaN):1 with points pt 6 ps 2 lc rgb C_OUTLINE notitle
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
unset output
