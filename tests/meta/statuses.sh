#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# statuses.sh SOURCE_DIR
#
# Every error status a public header documents for a function (the FS_E*
# codes in the comment just above its declaration) is asserted by some
# unit test: an assertion of the form CU_ASSERT_EQUAL[_FATAL](fs_fn(...),
# FS_ECODE) in tests/*.c.  FS_ENOMEM counts as asserted for the functions
# tests/test_nomem.c calls: it fails each of their allocations in turn and
# asserts FS_ENOMEM every time.  Prints each pair that no test asserts.
set -u
src=$1
perl -e '
    my $src = shift;
    my %asserted;
    for my $t (glob "$src/tests/*.c") {
        open my $f, "<", $t or die; local $/; my $s = <$f>;
        while ($s =~ /CU_ASSERT_EQUAL(?:_FATAL)?\(\s*(fs_\w+)\((?:[^;]*?)\)\s*,\s*(FS_E[A-Z]+)\s*\)/sg) {
            $asserted{"$1 $2"} = 1;
        }
    }
    {
        open my $f, "<", "$src/tests/test_nomem.c" or die; local $/; my $s = <$f>;
        $asserted{"$1 FS_ENOMEM"} = 1 while $s =~ /\b(fs_\w+)\(/g;
    }
    my ($pairs, $missing) = (0, 0);
    for my $h (glob "$src/include/forcestat/*.h") {
        open my $f, "<", $h or die; local $/; my $s = <$f>;
        while ($s =~ m{((?:/\*(?:(?!\*/).)*\*/\s*)?)(?:typedef[^;]*;\s*)*fs_status_t\s+(fs_\w+)\(}sg) {
            my ($comment, $fn) = ($1, $2);
            next if $fn eq "fs_error_set";   # returns what it is given
            my %codes = map { $_ => 1 } ($comment =~ /\b(FS_E[A-Z]+)\b/g);
            for my $code (sort keys %codes) {
                next if $code eq "FS_EOF";   # the end of a stream, not an error
                $pairs++;
                next if $asserted{"$fn $code"};
                $missing++;
                print "FAIL no test asserts $fn returning $code\n";
            }
        }
    }
    print "$pairs documented statuses, ", $pairs - $missing, " asserted\n";
    print $pairs - $missing, " passed, $missing failed\n";
    exit($missing ? 1 : 0);
' "$src"
