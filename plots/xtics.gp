#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ xtics.gp: one x tic per item, labelled; rotated when there are many.
#@ Values: XTICS (the list of "label" position pairs), BMARGIN, XMIN, XMAX;
#@ flags rotate, has_source, narrow (NARROW_FOOT: common.gp).
@if rotate@
set xtics (@XTICS@) rotate by 90 right font ",9"
@if narrow@
set bmargin @BMARGIN@ + NARROW_FOOT + 1.5
@else@
set bmargin @BMARGIN@
@end@
@else@
set xtics (@XTICS@)
@if has_source@
set bmargin 5
@end@
@end@
set xrange [@XMIN@:@XMAX@]
