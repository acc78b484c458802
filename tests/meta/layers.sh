#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# layers.sh SOURCE_DIR MAX_CLI_PERCENT: the layers keep to their order,
# and the program stays small beside the library.
#
# Every `#include "..."` of the .c and .h files of stats/, include/ and
# cli/ is resolved as the compiler does (the including file's folder
# first, then include/, stats/ and cli/) and
#   - no include runs up the layers: io < methods < measure < render < cli
#     (stats/io, stats/methods, stats/measure, stats/render, cli/); the
#     public headers of include/forcestat/ are the API of io, methods and
#     measure and may be included from anywhere, but include only each
#     other;
#   - no file includes itself through others (no include cycle).
# Then cli/'s share of the production C (the lines of its .c and .h files
# over those of stats/, include/ and cli/) is printed, and must not be
# over MAX_CLI_PERCENT.  An include that resolves to no file of the tree
# (a generated header) is left out.
#
# The check is then shown to fail on small trees with a slip planted: an
# include up the layers, a cycle, a public header including an internal
# one, cli/ over its share.
set -u
src=${1:?usage: layers.sh SOURCE_DIR MAX_CLI_PERCENT}
max=${2:?usage: layers.sh SOURCE_DIR MAX_CLI_PERCENT}

# check_tree DIR MAX: the checks above on the tree at DIR.
check_tree() (
cd "$1" || exit 1
perl -e '
use strict;
use warnings;
my ($max) = @ARGV;
my %rank = (io => 0, methods => 1, measure => 2, render => 3, cli => 4);
sub layer {
    my ($f) = @_;
    return "api" if $f =~ m{^include/};
    return $1 if $f =~ m{^stats/(io|methods|measure|render)/};
    return "cli" if $f =~ m{^cli/};
    return "";
}
sub tidy {    # a/b/../c -> a/c
    my @out;
    for my $p (split m{/}, $_[0]) {
        next if $p eq "." || $p eq "";
        if ($p eq ".." && @out) { pop @out } else { push @out, $p }
    }
    return join "/", @out;
}
my @files = sort split /\n/, `find stats include cli -name "*.[ch]"`;
my (%edges, %line, $fail, $cli, $all);
for my $f (@files) {
    open my $fh, "<", $f or die "$f: $!";
    (my $dir = $f) =~ s{/[^/]*$}{};
    my $n = 0;
    while (my $l = <$fh>) {
        $n++;
        next unless $l =~ /^\s*#\s*include\s+"([^"]+)"/;
        my $inc = $1;
        my ($to) = grep { -f $_ } map { tidy("$_/$inc") } ($dir, "include", "stats", "cli");
        next unless defined $to;
        push @{ $edges{$f} }, $to;
        $line{"$f $to"} = $n;
        my ($a, $b) = (layer($f), layer($to));
        next if $a eq "" || $b eq "";
        if ($a eq "api" ? $b ne "api" : $b ne "api" && $rank{$b} > $rank{$a}) {
            print "FAIL $f:$n: includes $to: $a may not include $b\n";
            $fail = 1;
        }
    }
    close $fh;
    my $lines = $n;
    $all += $lines;
    $cli += $lines if $f =~ m{^cli/};
}
# Cycles: a depth-first walk; a file met again while on the path closes one.
my (%state, @path);
my $walk;
$walk = sub {
    my ($f) = @_;
    $state{$f} = 1;
    push @path, $f;
    for my $to (@{ $edges{$f} || [] }) {
        if (($state{$to} || 0) == 1) {
            my @ring;
            for (my $i = $#path; $i >= 0; $i--) { unshift @ring, $path[$i]; last if $path[$i] eq $to }
            print "FAIL include cycle: ", join(" -> ", @ring, $to), "\n";
            $fail = 1;
        } elsif (!$state{$to}) {
            $walk->($to);
        }
    }
    pop @path;
    $state{$f} = 2;
};
$walk->($_) for grep { !$state{$_} } @files;
my $share = $all ? 100 * $cli / $all : 0;
printf "cli/ holds %.1f%% of the production C (%d of %d lines; limit %s%%)\n", $share, $cli, $all, $max;
if ($share > $max) {
    print "FAIL cli/ is over its share: move what is not option parsing, messages or exit codes below it\n";
    $fail = 1;
}
print "ok: no include up the layers, no include cycle\n" unless $fail;
exit($fail ? 1 : 0);
' "$2"
)

check_tree "$src" "$max"
fail=$?

# The planted slips: each small tree must fail, with the FAIL line named.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# base DIR: a small tree that keeps the rules (io, methods, render, cli,
# a public header).
base() {
    local t=$1
    mkdir -p "$t/stats/io" "$t/stats/methods" "$t/stats/render" "$t/include/forcestat" "$t/cli"
    printf '#include "forcestat/status.h"\n' >"$t/stats/io/status.c"
    printf '/* api */\n' >"$t/include/forcestat/status.h"
    printf '#include "io/status.h"\n' >"$t/stats/methods/bands.c"
    printf '/* io */\n' >"$t/stats/io/status.h"
    printf '#include "render/emit.h"\n#include "forcestat/status.h"\n' >"$t/cli/main.c"
    printf '/* render */\n' >"$t/stats/render/emit.h"
}
# plant NAME WANT FILE=TEXT...: the base tree with the files given, which
# must fail, saying WANT.
plant() {
    local name=$1 want=$2 t="$scratch/$1" spec out
    shift 2
    base "$t"
    for spec in "$@"; do
        mkdir -p "$t/$(dirname "${spec%%=*}")"
        printf '%s\n' "${spec#*=}" >"$t/${spec%%=*}"
    done
    out=$(check_tree "$t" 60)
    if [ $? = 0 ] || ! grep -qF -- "$want" <<<"$out"; then
        echo "FAIL planted $name: the check did not fail with '$want':"
        printf '%s\n' "$out"
        fail=1
    fi
}
base "$scratch/clean"
if ! out=$(check_tree "$scratch/clean" 60); then
    echo "FAIL the clean small tree fails:"
    printf '%s\n' "$out"
    fail=1
fi
plant up "stats/io/up.c:1: includes stats/render/emit.h: io may not include render" \
    'stats/io/up.c=#include "render/emit.h"'
plant to-cli "stats/methods/m.c:1: includes cli/common.h: methods may not include cli" \
    'stats/methods/m.c=#include "../../cli/common.h"' 'cli/common.h=/* cli */'
plant public "include/forcestat/bad.h:1: includes stats/io/status.h: api may not include io" \
    'include/forcestat/bad.h=#include "io/status.h"'
plant cycle "include cycle: stats/io/a.h -> stats/io/b.h -> stats/io/a.h" \
    'stats/io/a.h=#include "b.h"' 'stats/io/b.h=#include "a.h"'
plant share "FAIL cli/ is over its share" \
    "cli/big.c=$(printf 'x\n%.0s' $(seq 20))"
if [ "$fail" = 0 ]; then
    echo "ok: the planted slips (an include up, into cli/, from a public header, a cycle, cli/ too big) each fail"
fi
exit "$fail"
