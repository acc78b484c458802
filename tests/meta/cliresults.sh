#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# cliresults.sh SOURCE_DIR
#
# The program parses options, runs and emits: every result's shape (its
# JSON keys, its HTML, its CSS) is described once in stats/render/
# (results.h), never in cli/.  So no .c file of cli/, outside its help
# texts (`static const char help...[] = ... ;`, which may name keys in
# prose), holds in a string literal:
#   - a JSON key: \"key\": (or a key handed to fs_json_string alone),
#   - an HTML tag: <a, <table, </td ... (the name "<stdin>" is none),
#   - a CSS rule: { property: ... }.
# Prints each offending line as FILE:LINE: text.
set -u
src=$1

# Files allowed to hold such text: none (the site's pages moved to
# plots/site/ and stats/render/site*.c).
allow=""

# scan FILE...: FILE:LINE: text for each offending line.
scan() {
    perl -e '
        use strict;
        use warnings;
        for my $file (@ARGV) {
            open my $f, "<", $file or die "$file: $!\n";
            my ($in_help, $n) = (0, 0);
            while (my $line = <$f>) {
                $n++;
                if (!$in_help && $line =~ /^\s*static\s+const\s+char\s+help\w*\s*\[\]\s*=/) {
                    $in_help = 1;
                }
                if ($in_help) {
                    $in_help = 0 if $line =~ /;\s*$/;
                    next;
                }
                next if $line =~ /^\s*#/;
                my $lits = join "\x00", $line =~ /"((?:[^"\\]|\\.)*)"/g;
                $lits =~ s/<stdin>//g; # the name of standard input, not a tag
                my $why;
                if ($lits =~ /\\"[a-z_0-9]+\\":/) {
                    $why = "a JSON key";
                } elsif ($line =~ /fs_json_string(?:_n)?\s*\([^,]*,\s*"[a-z_0-9]+"\s*\)/) {
                    $why = "a JSON key";
                } elsif ($lits =~ /<\/?[a-z]/) {
                    $why = "an HTML tag";
                } elsif ($lits =~ /\{\s*[a-z-]+\s*:/ || $lits =~ /^[.#]?[a-z][a-z0-9_.#, -]*\{/) {
                    $why = "a CSS rule";
                }
                print "$file:$n: ($why) $line" if defined $why;
            }
        }
    ' "$@"
}

# The patterns must catch what they are for (a scan that matches nothing
# would pass any tree), and must pass help texts and plain code.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
cat >"$probe/planted.c" <<'EOF'
static const char help[] =
    "  --format F         json: {\"schema_version\", \"n\": the count}\n"
    "<table> in a help text is prose\n"
    CLI_HELP_EXIT;
#include <stdio.h>
    fs_buf_printf(out, ", \"missing\": %zu", missing);
    fs_json_string(out, "measure");
    fs_buf_puts(out, "<table>\n<thead>");
    fs_buf_puts(out, "</td>");
    fs_buf_puts(out, "td.num { text-align: right }\n");
    fs_buf_puts(out, "{color:red}");
    fs_error_at(&err, "<stdin>", 0, 0, NULL, 0);
    if (a < b && strcmp(s, "x") == 0)
        fs_buf_printf(out, "%s: %zu rows\n", name, n);
EOF
caught=$(scan "$probe/planted.c" | grep -c .)
if [ "$caught" != 6 ]; then
    echo "FAIL the patterns catch $caught lines of the planted file, not its 6 slips:"
    scan "$probe/planted.c" | sed 's/^/     /'
    exit 1
fi

files=$(cd "$src" && ls cli/*.c | sort)
n=$(printf '%s\n' "$files" | grep -c .)
if [ "$n" -lt 20 ]; then echo "FAIL only $n .c files found in $src/cli"; exit 1; fi
checked=""
for f in $files; do
    case " $allow " in
    *" $f "*) ;;
    *) checked="$checked $f" ;;
    esac
done
bad=$(cd "$src" && scan $checked)
if [ -n "$bad" ]; then
    echo "FAIL cli/ describes a result (describe it in stats/render/, results.h):"
    printf '%s\n' "$bad" | sed 's/^/     /'
    exit 1
fi
echo "ok   $n .c files in cli/: no JSON key, HTML tag or CSS rule outside the help texts${allow:+ (allowed for now: $allow)}"
