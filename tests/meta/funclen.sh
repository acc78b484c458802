#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# funclen.sh SOURCE_DIR [--list]: no function in stats/ or cli/ (.c files)
# is longer than 100 lines, counted from the line that opens its
# definition (the one with its name) to its closing brace, both included.
# The allowlist below holds the long functions that remain, each with its
# length today: the test fails if one of them grows, and also if one is
# no longer over the limit (then its line goes), so the list only shrinks.
# Generated tables (stats/io/pow5_table.h) are headers and not looked at.
# With --list, every function over the limit is printed with its length.
set -u
src=${1:?usage: funclen.sh SOURCE_DIR [--list]}
mode=${2:-}
limit=100
# FILE FUNCTION LINES
allow='
'
found=$(cd "$src" && find stats cli -name '*.c' | LC_ALL=C sort | while read -r f; do
    perl -e '
    my ($file, $limit) = @ARGV;
    open my $fh, "<", $file or die "$file: $!";
    my ($depth, $incomment, $head, $headline, $name, $start) = (0, 0, "", 0, "", 0);
    my $n = 0;
    while (my $line = <$fh>) {
        $n++;
        # strip comments, strings and character constants so braces count right
        my $s = $line;
        if ($incomment) {
            if ($s =~ s{^.*?\*/}{}) { $incomment = 0 } else { next }
        }
        $s =~ s{"(?:\\.|[^"\\])*"}{""}g;
        $s =~ s{\x27(?:\\.|[^\x27\\])*\x27}{0}g;
        $s =~ s{/\*.*?\*/}{ }g;
        if ($s =~ s{/\*.*$}{}) { $incomment = 1 }
        $s =~ s{//.*$}{};
        if ($depth == 0) {
            if ($s =~ /^#/) { $head = ""; }
            elsif ($s =~ /^[A-Za-z_]/) { $head = $s; $headline = $n; }
            elsif ($head ne "" && $s =~ /\S/ && $s !~ /^\{/) { $head .= $s; }
        }
        for my $c (split //, $s) {
            if ($c eq "{") {
                if ($depth == 0) {
                    $name = "";
                    if ($head =~ /\(/ && $head !~ /=/ && $head =~ /([A-Za-z_]\w*)\s*\(/) {
                        $name = $1; $start = $headline;
                    }
                }
                $depth++;
            } elsif ($c eq "}") {
                $depth--;
                if ($depth == 0) {
                    if ($name ne "") {
                        my $len = $n - $start + 1;
                        print "$file $name $len\n" if $len > $limit;
                    }
                    $name = ""; $head = "";
                }
            }
        }
        $head = "" if $depth == 0 && $s =~ /;\s*$/;
    }
    ' "$f" "$limit"
done)
if [ "$mode" = --list ]; then
    printf '%s\n' "$found"
    exit 0
fi
fail=0
while read -r file fn len; do
    [ -n "$file" ] || continue
    want=$(printf '%s\n' "$allow" | awk -v f="$file" -v g="$fn" '$1 == f && $2 == g { print $3 }')
    if [ -z "$want" ]; then
        echo "FAIL $file: $fn is $len lines (over $limit): split it"; fail=1
    elif [ "$len" -gt "$want" ]; then
        echo "FAIL $file: $fn grew to $len lines (allowlisted at $want): split it"; fail=1
    elif [ "$len" -lt "$want" ]; then
        echo "FAIL $file: $fn shrank to $len lines: lower its allowlist entry to $len"; fail=1
    fi
done <<<"$found"
while read -r file fn len; do
    [ -n "$file" ] || continue
    if ! printf '%s\n' "$found" | awk -v f="$file" -v g="$fn" '$1 == f && $2 == g { x = 1 } END { exit !x }'; then
        echo "FAIL allowlisted $file: $fn is no longer over $limit lines (or is gone): remove its entry"; fail=1
    fi
done <<<"$allow"
n=$(printf '%s\n' "$found" | grep -c . || true)
if [ "$fail" = 0 ]; then
    echo "ok: no function over $limit lines outside the allowlist ($n allowlisted)"
fi
exit "$fail"
