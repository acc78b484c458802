#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ spine.gp: a spine chart (an area profile, as PHE Fingertips draws one):
#@ one row per measure, the force's value among the forces' spread, each
#@ row's marker coloured by the force against England and Wales: better,
#@ similar or worse where the row's direction is known, higher, similar or
#@ lower where not (never the band).
#@ Data (DATA): one line per row, the first at the top: y, the bar's left
#@ and right ends, the box's (25th to 75th percentile), the marker's
#@ position (0 to 1, England and Wales at 0.5), its code (0 no value, 1
#@ similar, 2 higher, 3 lower, 4 better, 5 worse, 6 not compared), and
#@ 1 where the bar runs off the scale left, right, and where the marker
#@ stands at the edge (a robust scale: one extreme force cannot flatten
#@ the row).
#@ Values: MEASURES (wrapped), PERIODS, COUNTS, VALUES, CENTRES, LOWEST,
#@ HIGHEST (a string per row, "-" for none; LOWEST is the left end's
#@ figure: the highest on a mirrored row), LOW_NAMES, HIGH_NAMES (the
#@ force whose figure an end off the scale is, wrapped, "" for none);
#@ ROWS; FORCE; ANY_SIMILAR,
#@ ANY_HIGHER, ANY_LOWER, ANY_BETTER, ANY_WORSE, ANY_NOT_COMPARED (1 or
#@ 0); NOTE_LINES (the wide chart's note, wrapped); flag mirrored (some
#@ row has lower is better).
#@ One meaning per symbol across the site (issue 29): a triangle up is
#@ higher, down lower, as on every chart and the overview table; better
#@ and worse are a diamond, told apart by colour, words in the key, and
#@ side (better lies to the right of England and Wales).
array MEASURES = [@MEASURES@]
array PERIODS = [@PERIODS@]
array COUNTS = [@COUNTS@]
array VALUES = [@VALUES@]
array CENTRES = [@CENTRES@]
array LOWEST = [@LOWEST@]
array HIGHEST = [@HIGHEST@]
array LOW_NAMES = [@LOW_NAMES@]
array HIGH_NAMES = [@HIGH_NAMES@]
ROWS = @ROWS@
NOTE_LINES = @NOTE_LINES@
ANY_SIMILAR = @ANY_SIMILAR@
ANY_HIGHER = @ANY_HIGHER@
ANY_LOWER = @ANY_LOWER@
ANY_BETTER = @ANY_BETTER@
ANY_WORSE = @ANY_WORSE@
ANY_NOT_COMPARED = @ANY_NOT_COMPARED@
#@ The force's marker is one role whatever its shape, so every shape is
#@ drawn with one area (issue 29), measured as drawn, fill and outline:
#@ cairo (PNG, PDF) draws a circle half as large again as a triangle or a
#@ diamond of the same point size, gnuplot's SVG a diamond a third larger
#@ than a triangle or a circle.  The sizes give each shape the area of
#@ cairo's circle of point size 2 (a narrow chart's, 1.5).
@if svg@
PS_DOT = 1.54
PS_TRI = 1.56
PS_DIA = 1.35
@else@
PS_DOT = 2
PS_TRI = 2.49
PS_DIA = 2.46
@end@
@if narrow@
#@ A narrow chart is shown about 380 px wide on a phone's page, 0.63 of
#@ its 600 pixels: its markers 1.65 times the wide chart's, so they are
#@ on a phone at least as large as the wide chart's on a computer's page
#@ (issue 29: they were about 6 px there).  Cairo's point size does not
#@ follow the terminal's fontscale.
PS_DOT = 3.3
PS_TRI = 4.11
PS_DIA = 4.06
@end@
#@ Off the scale (the data's last column), the force's marker stands
#@ inside the bar's end, EDGE_IN (its half-width and a pixel, in the row's
#@ units: the library's, which puts the SVG's titles there too) from it,
#@ so the end's arrow shows beside it, and its own figure stands beside it
#@ on the bar's inner side: the end's figure beyond the arrow, another
#@ force's, is never read as its.
EDGE_IN = @EDGE_IN@
mx(x, edge) = edge > 0 ? (x > 0.5 ? x - EDGE_IN : x + EDGE_IN) : x
right_edge(x, edge) = edge > 0 && x > 0.5 ? 1 - 2 * EDGE_IN - 0.02 : NaN
left_edge(x, edge) = edge > 0 && x < 0.5 ? 2 * EDGE_IN + 0.02 : NaN
unset border
unset ytics
unset xtics
unset grid
#@ The columns' x in the row's units (the bar runs from 0 to 1): the
#@ highest's column, on the right, has room for a force's name (LOW_NAMES,
#@ HIGH_NAMES) under its figure.
set xrange [-3.45:1.47]
set yrange [-1.6:ROWS - 0.1]
set lmargin 1
set rmargin 1
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
set bmargin 2 + NOTE_LINES
#@ The note (common.gp's label 99) read downwards from as many lines up.
@if !narrow@
set label 99 at screen 0.01, character 0.2 + 0.85 * NOTE_LINES
@end@
#@ The key stands between the title and the table, where it can hide no
#@ row.
#@ (KEY_WIDTH_SVG, two and a half times: on an SVG, whose text runs
#@ wider than gnuplot's estimate, its entries ran into one another.)
set key at graph 0.5, graph 1.0 center bottom horizontal noopaque nobox samplen 2.5 spacing 1.1 width 1 + 2.5 * KEY_WIDTH_SVG maxrows 2
set label 1 "Measure" at -3.40, ROWS - 0.3 left font ",9"
set label 2 "Period" at -1.45, ROWS - 0.3 right font ",9"
set label 3 "Forces" at -1.13, ROWS - 0.3 right font ",9"
set label 4 "Value" at -0.83, ROWS - 0.3 right font ",9"
set label 5 "England\nand Wales" at -0.47, ROWS - 0.3 right font ",9"
set label 6 "Lowest\nor worst" at -0.06, ROWS - 0.3 right font ",9"
set label 7 "Highest\nor best" at 1.065, ROWS - 0.3 left font ",9"
@if mirrored@
set label 8 "* lower is better: the row is mirrored, so better lies to the right.\nAn arrow at a bar's end: forces off the scale, the furthest one's figure and name beside it;\na marker at the end, its own figure beside it, is off the scale too." at -3.40, -0.85 left font ",8" textcolor rgb C_NOTE
@else@
set label 8 "An arrow at a bar's end: forces off the scale, the furthest one's figure and name beside it;\na marker at the end, its own figure beside it, is off the scale too." at -3.40, -0.85 left font ",8" textcolor rgb C_NOTE
@end@
set arrow 1 from 0.5, -0.5 to 0.5, ROWS - 0.5 nohead lc rgb C_NATIONAL dt 4 lw 1.5
#@ Every marker is outlined (palette.gp: contrast); a force not compared is
#@ white, so its key entry is drawn as the outline alone (a white sample
#@ would not show).
is(v, k) = (v == k) ? 1 : 0
@if narrow@
#@ Narrow (a phone's page): no columns; over each row's bar its text
#@ (CARDS: the measure, the force's value and England and Wales's, the
#@ period, the force furthest off the scale and its figure), the lowest
#@ and highest at the bar's ends; the key a line an entry above the rows,
#@ the note at the foot.
array CARDS = [@CARDS@]
#@ A card reads as its own bar's (issue 29: each started close under the
#@ bar above, far over its own): drawn a line at a time from the bottom
#@ up, its last line CARD_UP characters over its bar's middle, so the gap
#@ over a card (four lines at most) is larger than under it.
#@ card_line(s, k): s's k-th line from the bottom (0 the last), "" if none.
card_nl(s) = strstrt(s, "\n") ? 1 + card_nl(s[strstrt(s, "\n") + 1:]) : 0
card_after(s, k) = k <= 0 ? s : card_after(s[strstrt(s, "\n") + 1:], k - 1)
card_first(s) = strstrt(s, "\n") ? s[1:strstrt(s, "\n") - 1] : s
card_line(s, k) = card_nl(s) < k ? "" : card_first(card_after(s, card_nl(s) - k))
CARD_UP = 1.2
CARD_LINE = 0.9
KEYS = 3 + ANY_SIMILAR + ANY_HIGHER + ANY_LOWER + ANY_BETTER + ANY_WORSE + ANY_NOT_COMPARED
do for [k=1:7] {
    unset label k
}
set xrange [-0.3:1.3]
set yrange [-0.4:ROWS - 0.1]
set key at character 1, graph 1 left bottom vertical Left reverse noopaque nobox samplen 2.5 spacing 1 width 0 maxcols 1 maxrows KEYS
set tmargin TITLE_LINES * 1.4 + KEYS + 1
@if has_subtitle@
set label 90 offset 0, NARROW_SUB
@end@
set title offset 0,0
set bmargin NARROW_FOOT + 4.5
#@ England and Wales's line crosses each bar, no further: a line down the
#@ chart would cross the text over every row.
unset arrow 1
do for [r=0:ROWS - 1] {
    set arrow 100 + r from 0.5, r - 0.12 to 0.5, r + 0.12 nohead front lc rgb C_NATIONAL dt 4 lw 1.5
}
#@ The note whole (issue 29): what an arrow at a bar's end and a marker
#@ there mean; the card over the row names the furthest force.  Its lines
#@ are the note's width (FS_CHART_NARROW_NOTE); a mirrored chart's five
#@ take two more lines of the foot, which the rows' spare room under the
#@ last bar gives back.
@if mirrored@
set label 8 "* lower is better: the row is mirrored, so better\nlies to the right.  An arrow at a bar's end: forces\noff the scale; the furthest one's figure beside it,\nnamed over the bar.  A marker at the end is off the\nscale too." at character 1, character NARROW_FOOT + 4.9 left font ",9" textcolor rgb C_NOTE
set bmargin NARROW_FOOT + 6.2
set yrange [-0.15:ROWS - 0.1]
@else@
set label 8 "An arrow at a bar's end: forces off the scale; the\nfurthest one's figure beside it, named over the\nbar.  A marker at the end is off the scale too." at character 1, character NARROW_FOOT + 3.2 left font ",9" textcolor rgb C_NOTE
@end@
@if key_outlines@
set multiplot
@end@
plot @DATA@ using (($2 + $3) / 2):1:(($3 - $2) / 2):(0.1) with boxxyerror fs solid 1.0 noborder lc rgb C_SPREAD title "Lowest to highest", \
     '' using (($4 + $5) / 2):1:(($5 - $4) / 2):(0.1) with boxxyerror fs solid 1.0 noborder lc rgb C_QUARTILES title "25th to 75th percentile", \
     '' using ($8 > 0 ? 0 : NaN):1:(-0.03):(0) with vectors head filled size 0.02,30 lc rgb C_OUTLINE notitle, \
     '' using ($9 > 0 ? 1 : NaN):1:(0.03):(0) with vectors head filled size 0.02,30 lc rgb C_OUTLINE notitle, \
     '' using (-0.28):1:(card_line(CARDS[int($0) + 1], 0)) with labels left font ",9" offset character 0, CARD_UP + 0 * CARD_LINE notitle, \
     '' using (-0.28):1:(card_line(CARDS[int($0) + 1], 1)) with labels left font ",9" offset character 0, CARD_UP + 1 * CARD_LINE notitle, \
     '' using (-0.28):1:(card_line(CARDS[int($0) + 1], 2)) with labels left font ",9" offset character 0, CARD_UP + 2 * CARD_LINE notitle, \
     '' using (-0.28):1:(card_line(CARDS[int($0) + 1], 3)) with labels left font ",9" offset character 0, CARD_UP + 3 * CARD_LINE notitle, \
     '' using (-0.06):1:(LOWEST[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (1.06):1:(HIGHEST[int($0) + 1]) with labels left font ",9" notitle, \
     '' using (right_edge($6, $10)):1:(VALUES[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (left_edge($6, $10)):1:(VALUES[int($0) + 1]) with labels left font ",9" notitle, \
     NaN with lines lc rgb C_NATIONAL dt 4 lw 1.5 title "England and Wales", \
     '' using (is($7, 4) ? mx($6, $10) : NaN):1 with points pt 13 ps PS_DIA lc rgb C_BETTER title (ANY_BETTER ? "Better than England and Wales" : ""), \
     '' using (is($7, 1) ? mx($6, $10) : NaN):1 with points pt 7 ps PS_DOT lc rgb C_SIMILAR title (ANY_SIMILAR ? "Similar" : ""), \
     '' using (is($7, 5) ? mx($6, $10) : NaN):1 with points pt 13 ps PS_DIA lc rgb C_WORSE title (ANY_WORSE ? "Worse than England and Wales" : ""), \
     '' using (is($7, 2) ? mx($6, $10) : NaN):1 with points pt 9 ps PS_TRI lc rgb C_HIGHER title (ANY_HIGHER ? "Higher than England and Wales" : ""), \
     '' using (is($7, 3) ? mx($6, $10) : NaN):1 with points pt 11 ps PS_TRI lc rgb C_LOWER title (ANY_LOWER ? "Lower than England and Wales" : ""), \
     '' using (is($7, 6) ? mx($6, $10) : NaN):1 with points pt 7 ps PS_DOT lc rgb C_BACKGROUND notitle, \
     keyentry with points pt 6 ps PS_DOT lc rgb C_OUTLINE title (ANY_NOT_COMPARED ? "Not compared (no interval)" : ""), \
     '' using (is($7, 4) + is($7, 5) > 0 ? mx($6, $10) : NaN):1 with points pt 12 ps PS_DIA lc rgb C_OUTLINE notitle, \
     '' using (is($7, 2) > 0 ? mx($6, $10) : NaN):1 with points pt 8 ps PS_TRI lc rgb C_OUTLINE notitle, \
     '' using (is($7, 3) > 0 ? mx($6, $10) : NaN):1 with points pt 10 ps PS_TRI lc rgb C_OUTLINE notitle, \
     '' using (is($7, 1) + is($7, 6) > 0 ? mx($6, $10) : NaN):1 with points pt 6 ps PS_DOT lc rgb C_OUTLINE notitle
@else@
@if key_outlines@
#@ Both layers' keys in as many columns as its entries fill in two rows
#@ (a wide key's columns otherwise follow the plot's width, which gnuplot
#@ takes before the first layer's tick labels narrow it).
KEY_N = 3 + ANY_SIMILAR + ANY_HIGHER + ANY_LOWER + ANY_BETTER + ANY_WORSE + ANY_NOT_COMPARED
set key maxcols int((KEY_N + 1) / 2)
set multiplot
@end@
plot @DATA@ using (($2 + $3) / 2):1:(($3 - $2) / 2):(0.28) with boxxyerror fs solid 1.0 noborder lc rgb C_SPREAD title "Lowest to highest", \
     '' using (($4 + $5) / 2):1:(($5 - $4) / 2):(0.28) with boxxyerror fs solid 1.0 noborder lc rgb C_QUARTILES title "25th to 75th percentile", \
     '' using ($8 > 0 ? 0 : NaN):1:(-0.03):(0) with vectors head filled size 0.02,30 lc rgb C_OUTLINE notitle, \
     '' using ($9 > 0 ? 1 : NaN):1:(0.03):(0) with vectors head filled size 0.02,30 lc rgb C_OUTLINE notitle, \
     '' using (-3.40):1:(MEASURES[int($0) + 1]) with labels left font ",9" notitle, \
     '' using (-1.45):1:(PERIODS[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (-1.13):1:(COUNTS[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (-0.83):1:(VALUES[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (-0.47):1:(CENTRES[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (-0.06):1:(LOWEST[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (1.065):1:(HIGHEST[int($0) + 1]) with labels left font ",9" notitle, \
     '' using (-0.06):($1 - 0.3):(LOW_NAMES[int($0) + 1]) with labels right font ",8" textcolor rgb C_NOTE notitle, \
     '' using (1.065):($1 - 0.3):(HIGH_NAMES[int($0) + 1]) with labels left font ",8" textcolor rgb C_NOTE notitle, \
     '' using (right_edge($6, $10)):1:(VALUES[int($0) + 1]) with labels right font ",9" notitle, \
     '' using (left_edge($6, $10)):1:(VALUES[int($0) + 1]) with labels left font ",9" notitle, \
     NaN with lines lc rgb C_NATIONAL dt 4 lw 1.5 title "England and Wales", \
     '' using (is($7, 4) ? mx($6, $10) : NaN):1 with points pt 13 ps PS_DIA lc rgb C_BETTER title (ANY_BETTER ? "Better than England and Wales" : ""), \
     '' using (is($7, 1) ? mx($6, $10) : NaN):1 with points pt 7 ps PS_DOT lc rgb C_SIMILAR title (ANY_SIMILAR ? "Similar" : ""), \
     '' using (is($7, 5) ? mx($6, $10) : NaN):1 with points pt 13 ps PS_DIA lc rgb C_WORSE title (ANY_WORSE ? "Worse than England and Wales" : ""), \
     '' using (is($7, 2) ? mx($6, $10) : NaN):1 with points pt 9 ps PS_TRI lc rgb C_HIGHER title (ANY_HIGHER ? "Higher than England and Wales" : ""), \
     '' using (is($7, 3) ? mx($6, $10) : NaN):1 with points pt 11 ps PS_TRI lc rgb C_LOWER title (ANY_LOWER ? "Lower than England and Wales" : ""), \
     '' using (is($7, 6) ? mx($6, $10) : NaN):1 with points pt 7 ps PS_DOT lc rgb C_BACKGROUND notitle, \
     keyentry with points pt 6 ps PS_DOT lc rgb C_OUTLINE title (ANY_NOT_COMPARED ? "Not compared (no interval)" : ""), \
     '' using (is($7, 4) + is($7, 5) > 0 ? mx($6, $10) : NaN):1 with points pt 12 ps PS_DIA lc rgb C_OUTLINE notitle, \
     '' using (is($7, 2) > 0 ? mx($6, $10) : NaN):1 with points pt 8 ps PS_TRI lc rgb C_OUTLINE notitle, \
     '' using (is($7, 3) > 0 ? mx($6, $10) : NaN):1 with points pt 10 ps PS_TRI lc rgb C_OUTLINE notitle, \
     '' using (is($7, 1) + is($7, 6) > 0 ? mx($6, $10) : NaN):1 with points pt 6 ps PS_DOT lc rgb C_OUTLINE notitle
@end@
@if svg_map@
#@ Where the plot lies, for the forces' marks in the SVG (chart_svg.h).
set print @MAP@
print GPVAL_TERM_XMIN, GPVAL_TERM_XMAX, GPVAL_TERM_YMIN, GPVAL_TERM_YMAX, GPVAL_X_MIN, GPVAL_X_MAX, GPVAL_Y_MIN, GPVAL_Y_MAX, MAP_LOG_X
unset print
@end@
@if key_outlines@
#@ The key's outlines over its samples (common.gp: KEY_LAYER), as large
#@ as the markers.
K_TRI = PS_TRI
K_DIA = PS_DIA
K_DOT = PS_DOT
eval KEY_LAYER
plot NaN notitle, \
     keyentry with points pt " " lc rgb C_OUTLINE title blank("Lowest to highest"), \
     keyentry with points pt " " lc rgb C_OUTLINE title blank("25th to 75th percentile"), \
     keyentry with points pt " " lc rgb C_OUTLINE title blank("England and Wales"), \
     keyentry with points pt 12 ps K_DIA lc rgb C_OUTLINE title blank(ANY_BETTER ? "Better than England and Wales" : ""), \
     keyentry with points pt 6 ps K_DOT lc rgb C_OUTLINE title blank(ANY_SIMILAR ? "Similar" : ""), \
     keyentry with points pt 12 ps K_DIA lc rgb C_OUTLINE title blank(ANY_WORSE ? "Worse than England and Wales" : ""), \
     keyentry with points pt 8 ps K_TRI lc rgb C_OUTLINE title blank(ANY_HIGHER ? "Higher than England and Wales" : ""), \
     keyentry with points pt 10 ps K_TRI lc rgb C_OUTLINE title blank(ANY_LOWER ? "Lower than England and Wales" : ""), \
     keyentry with points pt " " lc rgb C_OUTLINE title blank(ANY_NOT_COMPARED ? "Not compared (no interval)" : ""), \
     NaN notitle
unset multiplot
@end@
unset output
