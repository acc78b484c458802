#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ xtics.gp: one x tic per item, labelled; rotated when there are many.
#@ Values: XTICS (the list of "label" position pairs), BMARGIN, XMIN, XMAX;
#@ flags rotate, has_source.
@if rotate@
set xtics (@XTICS@) rotate by 90 right font ",9"
set bmargin @BMARGIN@
@else@
set xtics (@XTICS@)
@if has_source@
set bmargin 5
@end@
@end@
set xrange [@XMIN@:@XMAX@]
