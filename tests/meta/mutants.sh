#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# mutants.sh SOURCE_DIR: every mutant of tests/mutation/mutants.tsv has an
# id of its own and a line that stands exactly once in its file, so that
# run.sh (and CI's random sample of it) can apply each.  A change that
# rewrites a mutated line must move its mutant with it: this test says so
# at once, not when CI happens to pick that mutant.  It first checks that
# it catches a planted duplicate id and a planted missing line.
set -u
src=$1
check() { # TABLE: prints one line for each fault, exit 1 when any
    perl -e '
        my ($table, $src) = @ARGV; my (%seen, $bad);
        open my $t, "<", $table or die "cannot read $table\n";
        while (<$t>) {
            chomp; next if /^(#|$)/;
            my ($id, $file, $from) = split /\t/;
            if ($seen{$id}++) { print "duplicate id $id\n"; $bad = 1; }
            my $n = 0;
            if (open my $f, "<", "$src/$file") {
                while (my $l = <$f>) { chomp $l; $n++ if $l eq $from; }
            }
            if ($n != 1) { print "$id: its line stands $n times in $file\n"; $bad = 1; }
        }
        exit($bad ? 1 : 0);' "$1" "$src"
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
table=$src/tests/mutation/mutants.tsv
# The check's own test: a duplicate id, and a line that is not there.
first=$(grep -v -E '^(#|$)' "$table" | head -1)
{ printf '%s\n' "$first" "$first"; } >"$work/dup.tsv"
if check "$work/dup.tsv" >"$work/out" || ! grep -q '^duplicate id' "$work/out"; then
    echo "FAIL the check misses a duplicate id"; exit 1
fi
printf 'x01\tstats/methods/bands.c\tno such line at all\tx\tplanted\n' >"$work/gone.tsv"
if check "$work/gone.tsv" >"$work/out" || ! grep -q 'stands 0 times' "$work/out"; then
    echo "FAIL the check misses a line that is not in its file"; exit 1
fi
if ! check "$table"; then
    echo "FAIL tests/mutation/mutants.tsv: move or retire the mutants above"
    exit 1
fi
echo "mutants: $(grep -c -v -E '^(#|$)' "$table") ids, each distinct, each line once in its file"
