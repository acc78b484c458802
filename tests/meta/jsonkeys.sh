#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# jsonkeys.sh FORCESTAT SOURCE_DIR
#
# Every key of every JSON output is documented in docs/json.md, and every
# key documented there is emitted.  Runs each command that writes JSON
# (every command whose --help names JSON) with --format json over the
# bundled datasets and the tests/data fixtures, with the options that add
# keys (--groups, --higher-is, --population, --period, --where, ...), and
# the report, whose band files are one object of the outliers array.
# Each output is read by a small JSON reader (perl, no module) that gives
# every key with its path (`forces[].z`, `shapiro_raw.w`; the elements of
# a top-level array are the objects documented), checks that the text is
# one well-formed JSON value, and that "schema_version": 1 is the first
# key of each top-level object and of each object of a top-level array.
# Then, per command, the keys emitted are compared with the rows of the
# command's table in docs/json.md (a section `## \`CMD\``, rows
# `| \`KEY\` | type | meaning |`).  aggregate's keys named after its
# --by and --period columns are documented as `<column>`.
#
# Fails on: a key emitted but not documented for that command, a key
# documented but never emitted, a command writing JSON with no section,
# a section of no command run here, malformed JSON, a missing or
# misplaced schema_version, and a run that fails.
set -u
forcestat=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
doc=$src/docs/json.md
data=$src/tests/data
ds=$src/datasets
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
    echo "FAIL $*"
    failed=$((failed + 1))
}

# keys_of FILE: the key paths of the JSON value in FILE, one a line; on
# malformed JSON or a misplaced schema_version, a line starting with "!".
keys_of() {
    perl -e '
        use strict;
        use warnings;
        local $/;
        open my $f, "<", $ARGV[0] or die "$ARGV[0]: $!\n";
        my $s = <$f>;
        my (@st, %keys);
        my ($vp, $want_key, $after, $done) = ("", 0, 0, 0);
        my $str = qr/"[^"\\]*(?:\\.[^"\\]*)*"/s;
        sub bad { print "! $_[0] at byte ", pos($s) // 0, "\n"; exit 0 }
        pos($s) = 0;
        while (1) {
            $s =~ /\G[ \t\r\n]*/gc;
            last if pos($s) == length $s;
            bad("text after the JSON value") if $done;
            if ($after) {
                if ($s =~ /\G,/gc) {
                    $after = 0;
                    bad("a comma outside a container") unless @st;
                    if ($st[-1]{t} eq "o") { $want_key = 1 } else { $vp = $st[-1]{p} }
                } elsif ($s =~ /\G([}\]])/gc) {
                    my $c = pop @st;
                    bad("an unmatched $1") unless $c && ($c->{t} eq "o") == ($1 eq "}");
                    $done = !@st;
                } else {
                    bad("expected a comma or the end of a container");
                }
                next;
            }
            if ($want_key) {
                $s =~ /\G($str)[ \t\r\n]*:/gc or bad("expected a key");
                my $key = substr($1, 1, -1);
                my $c = $st[-1];
                my $path = $c->{p} eq "" ? $key : "$c->{p}.$key";
                $path =~ s/^\[\]\.//;
                $keys{$path} = 1;
                if ($c->{top} && $c->{n} == 0) {
                    bad("the first key is \"$key\", not \"schema_version\"") if $key ne "schema_version";
                    bad("schema_version is not 1") unless $s =~ /\G[ \t\r\n]*1(?=[ \t\r\n]*[,}])/;
                }
                $c->{n}++;
                $vp = $path;
                $want_key = 0;
                next;
            }
            if ($s =~ /\G\{/gc) {
                my $top = !@st || (@st == 1 && $st[0]{t} eq "a");
                push @st, {t => "o", p => $vp, n => 0, top => $top};
                if ($s =~ /\G[ \t\r\n]*\}/gc) {
                    bad("an empty top-level object") if $top;
                    pop @st;
                    $after = 1;
                    $done = !@st;
                } else {
                    $want_key = 1;
                }
            } elsif ($s =~ /\G\[/gc) {
                $vp = "$vp\[]";
                push @st, {t => "a", p => $vp, n => 0};
                if ($s =~ /\G[ \t\r\n]*\]/gc) {
                    pop @st;
                    $after = 1;
                    $done = !@st;
                }
            } elsif ($s =~ /\G$str/gc
                     || $s =~ /\G(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|true|false|null)/gc) {
                $after = 1;
                $done = !@st;
            } else {
                bad("expected a value");
            }
        }
        bad("the JSON value ends early") unless $done;
        print "$_\n" for sort keys %keys;
    ' "$1"
}

# collect CMD FILE COLUMNS WHAT: adds the keys of FILE (the output of
# WHAT) to CMD's keys, with the keys named in COLUMNS (commas between)
# read as `<column>`.
collect() {
    local cmd=$1 file=$2 columns=$3 what=$4
    keys_of "$file" >"$work/k" || { fail "$what: the JSON reader failed"; return; }
    if grep -q '^!' "$work/k"; then
        fail "$what: $(grep '^!' "$work/k" | head -1 | cut -c3-)"
        return
    fi
    if [ -n "$columns" ]; then
        awk -v cols="$columns" 'BEGIN { n = split(cols, c, ","); for (i = 1; i <= n; i++) m[c[i]] = 1 }
                                { print (($0 in m) ? "<column>" : $0) }' "$work/k" >>"$work/emitted.$cmd"
    else
        cat "$work/k" >>"$work/emitted.$cmd"
    fi
    pass
}

# run [--columns COLS] CMD ARGS...: forcestat CMD ARGS... --format json,
# in tests/data, must succeed; its keys go to CMD's.
run() {
    local columns=""
    if [ "$1" = --columns ]; then
        columns=$2
        shift 2
    fi
    local cmd=$1
    shift
    ran_cmds="$ran_cmds $cmd"
    if ! (cd "$data" && "$forcestat" "$cmd" "$@" --format json) >"$work/out" 2>"$work/err"; then
        fail "forcestat $cmd $* --format json: exit status not 0: $(head -c 300 "$work/err")"
        return
    fi
    collect "$cmd" "$work/out" "$columns" "forcestat $cmd $* --format json"
}
ran_cmds=""

# A misspelt force: "unrecognised" with a "did_you_mean".
sed 's/^"Essex"/"Esex"/' "$data/forces43.csv" >"$work/misspelt.csv"
sed 's/^Essex,/Esex,/' "$data/props.csv" >"$work/props_misspelt.csv"
sed 's/^Essex,/Esex,/' "$data/rates.csv" >"$work/rates_misspelt.csv"
for f in misspelt props_misspelt rates_misspelt; do
    grep -q '^"*Esex' "$work/$f.csv" || fail "the fixture $f.csv was not made (its source changed?)"
done
# Long tables: a period of each fixture, the second with the misspelt name.
{
    echo "year,force,k,n"
    tail -n +2 "$data/props.csv" | sed 's/^/2019,/'
    tail -n +2 "$work/props_misspelt.csv" | sed 's/^/2020,/'
} >"$work/props_long.csv"
{
    echo "year,force,count,population"
    tail -n +2 "$data/rates.csv" | sed 's/^/2019,/'
    tail -n +2 "$work/rates_misspelt.csv" | sed 's/^/2020,/'
} >"$work/rates_long.csv"

# forces
run forces
# sheets: a workbook with a table, and with a sheet passed over
run sheets workbooks/layout.xlsx
# check: matched rows and other units (small), unknown names and
# duplicates (dup_force), and every bundled dataset.
run check small.csv
run check dup_force.csv
for f in "$ds"/*.csv; do
    [ "$(basename "$f")" = report.csv ] && continue
    run check "$f"
done
# outliers: every measure of the fixtures and of each bundled dataset;
# --higher-is (label), --groups (group, group_mean), a log band
# (shapiro_log), a comparator, a misspelt name.
run outliers forces43.csv
run outliers forces43.csv --value rate --higher-is better --groups groups.csv
run outliers "$work/misspelt.csv" --value count
run outliers "$ds/crime_severity_2019_20.csv" --value sum
run outliers "$ds/crime_severity_by_year.csv" --value sum --filter year_ending=2022-03-31
run outliers "$ds/officers_fte_2020_03_31.csv" --value sum
run outliers "$ds/officers_per_1000_2020.csv"
run outliers year_column.csv
run outliers "$ds/outcome17_share_2017_18.csv" --value proportion
run outliers "$ds/outcome17_share_year_ending_quarters.csv" --value proportion \
    --filter financial_year=2018/19 --filter financial_quarter=4
run outliers "$ds/stop_search_per_1000_2018_19.csv"
run outliers "$ds/stop_search_per_1000_by_year.csv" --value rate_per_1000 --filter year_ending=2019-03-31
run outliers "$ds/stop_search_s1_2018_19.csv" --value sum
# shapiro: a list, and a column (unrecognised, absent)
run shapiro list.txt
run shapiro --column share forces43.csv
run shapiro --column share "$work/misspelt.csv"
# ci: with and without --population
run ci --successes 168 --trials 196
run ci --successes 168 --trials 196 --method wald --population 400
# proportions and rates: one table, with --groups, and per period
run proportions props.csv --numerator k --denominator n
run proportions props.csv --numerator k --denominator n --groups groups.csv
run proportions "$work/props_misspelt.csv" --numerator k --denominator n
run proportions "$work/props_long.csv" --numerator k --denominator n --period year
run proportions "$work/props_long.csv" --numerator k --denominator n --period year --groups groups.csv
run proportions "$ds/outcome17_share_2017_18.csv" --numerator numerator --denominator denominator
run rates rates.csv --count count --population population
run rates rates.csv --count count --population population --groups groups.csv
run rates "$work/rates_misspelt.csv" --count count --population population
run rates "$work/rates_long.csv" --count count --population population --period year
run rates "$work/rates_long.csv" --count count --population population --period year --groups groups.csv
run rates "$ds/stop_search_per_1000_2018_19.csv" --count count --population population
# change: a proportion and a rate (with its difference)
run change "$ds/outcome17_share_year_ending_quarters.csv" --period financial_year,financial_quarter \
    --from "2017/18 4" --to "2018/19 4" --numerator numerator --denominator denominator
run change "$ds/stop_search_per_1000_by_year.csv" --period year_ending --from 2008-03-31 \
    --to 2019-03-31 --count count --population population --adjust holm
# ratio: the bundled searches by ethnicity, and a zero reference count
run ratio "$ds/stop_search_by_ethnicity_2018_19.csv" --group ethnic_group_self_defined \
    --reference White --count sum --population "$ds/census2011_people_by_ethnicity.csv"
run ratio ratio_counts.csv --group group --reference White --count count \
    --population ratio_people.csv --method katz
# funnel: proportions, rates, groups
run funnel props.csv --numerator k --denominator n
run funnel props.csv --numerator k --denominator n --groups groups.csv
run funnel "$work/props_misspelt.csv" --numerator k --denominator n
run funnel rates.csv --numerator count --denominator population --type rate
# spc: one series; a force's, with a target (assurance)
run spc spc_series.csv --period month --value v
run spc spc_forces.csv --period year --value v --highlight essex --improvement down --target 110
# similar: several features (jaccard_without), weights; peer lists for --groups
run similar similar_features.csv --k 4 --weights 1,2,1
run outliers forces43.csv --value rate --groups peers.csv
# aggregate: sums, --where (numerator, denominator, proportion), rolling
run --columns force aggregate forces43.csv --by force --sum count
run --columns force aggregate forces43.csv --by force --sum count --where level=1.25
run --columns force_name,financial_year,financial_quarter aggregate \
    "$ds/outcome17_share_year_ending_quarters.csv" --by force_name --sum numerator \
    --period financial_year,financial_quarter --rolling 4

# report: each measure's band file is one object of the outliers array.
ran_cmds="$ran_cmds report"
if command -v "${GNUPLOT:-gnuplot}" >/dev/null 2>&1; then
    if (cd "$src" && "$forcestat" report --quiet --output "$work/report") >/dev/null 2>"$work/err"; then
        n=0
        for f in "$work/report"/*.json; do
            [ -e "$f" ] || continue
            collect outliers "$f" "" "the report's ${f##*/}"
            n=$((n + 1))
        done
        [ "$n" -gt 0 ] || fail "report wrote no .json file"
    else
        fail "forcestat report: $(head -c 300 "$work/err")"
    fi
elif [ "${CI:-}" = true ]; then
    fail "gnuplot is not installed, but CI must have it"
else
    echo "note: gnuplot is not installed: the report's .json files were not read"
fi

# The documented keys, per command: "CMD KEY" lines.
if [ ! -f "$doc" ]; then
    fail "$doc is missing"
else
    awk '/^## / { cmd = ""; if (match($0, /^## `[a-z]+`/)) cmd = substr($0, 5, RLENGTH - 5); next }
         cmd != "" && /^\| `/ { k = $0; sub(/^\| `/, "", k); sub(/`.*/, "", k); print cmd, k }' \
        "$doc" | sort -u >"$work/documented"
    awk '/^## `[a-z]+`/ { c = $0; sub(/^## `/, "", c); sub(/`.*/, "", c); print c }' "$doc" \
        | sort -u >"$work/sections"
fi
touch "$work/documented" "$work/sections"

# Every command whose --help names JSON has a section, and every section
# is a command run here.
"$forcestat" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }' \
    >"$work/commands"
[ -s "$work/commands" ] || fail "no command found in forcestat --help"
while read -r cmd; do
    if "$forcestat" "$cmd" --help | grep -qi json; then
        if grep -qx "$cmd" "$work/sections"; then pass; else fail "$cmd writes JSON but docs/json.md has no section for it"; fi
        case " $ran_cmds " in
        *" $cmd "*) pass ;;
        *) fail "$cmd writes JSON but this test does not run it" ;;
        esac
    fi
done <"$work/commands"
while read -r cmd; do
    case " $ran_cmds " in
    *" $cmd "*) pass ;;
    *) fail "docs/json.md documents '$cmd', which this test does not run" ;;
    esac
done <"$work/sections"

# Per command: emitted against documented.
{
    for f in "$work"/emitted.*; do
        [ -e "$f" ] && echo "${f##*/emitted.}"
    done
    awk '{ print $1 }' "$work/documented"
} | sort -u >"$work/all"
while read -r cmd; do
    touch "$work/emitted.$cmd"
    sort -u "$work/emitted.$cmd" >"$work/e"
    awk -v c="$cmd" '$1 == c { print $2 }' "$work/documented" | sort -u >"$work/d"
    comm -23 "$work/e" "$work/d" >"$work/extra"
    comm -13 "$work/e" "$work/d" >"$work/unused"
    while read -r k; do fail "$cmd emits \"$k\", which docs/json.md does not document for it"; done <"$work/extra"
    while read -r k; do fail "docs/json.md documents \"$k\" for $cmd, which no run here emits"; done <"$work/unused"
    [ -s "$work/extra" ] || [ -s "$work/unused" ] || pass
done <"$work/all"

echo "jsonkeys: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
