#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ end.gp: the end of every chart, after its own template.  One gnuplot
#@ process draws many charts, and `reset` keeps the terminal's options: a
#@ narrow chart (common.gp) gives its font scale back, so the next chart
#@ is drawn as if it were the first.  Nothing for any other chart.
#@ Flags: narrow, png, svg.
@if narrow@
@if png@
set terminal pngcairo fontscale 1
@end@
@if svg@
set terminal svg fontscale 1
@end@
@end@
