#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# make-fuzz-corpus.sh SHARED_DATA_DIR
#
# Builds the libFuzzer seed corpus in tests/fuzz/corpus/ from short
# excerpts (the first lines) of the public Home Office and ONS files: real
# headers, quoting, BOMs, CR-only endings, missing-value tokens and
# numbers in E-notation, without copying the files themselves.
set -eu
src=${1:?usage: make-fuzz-corpus.sh SHARED_DATA_DIR}
out=$(dirname "$0")/../tests/fuzz/corpus
rm -rf "$out"
mkdir -p "$out/reader" "$out/number" "$out/aggregate" "$out/outliers" "$out/compare"
for f in "$src"/*.csv "$src"/*.csv.gz; do
    name=$(basename "$f" | sed 's/\.csv\(\.gz\)\{0,1\}$//')
    case "$f" in
    *.gz) gunzip -c "$f" | head -c 3000 >"$out/reader/$name" ;;
    *) head -c 3000 "$f" >"$out/reader/$name" ;;
    esac
done
cp "$out/reader/"* "$out/outliers/"
cp "$out/reader/"* "$out/compare/"
# Numbers as they appear in the files, one per seed.
i=0
for v in 0 42 -3.5 8.5674786299848191E-2 122406.45 "1,234" NA ".." ":" "[x]" 1e999 0x1F inf \
    15.889140581668855 59719724 " 7 "; do
    i=$((i + 1))
    printf '%s' "$v" >"$out/number/n$i"
done
# Aggregation seeds: real outcome rows under the harness's column names.
gunzip -c "$src/ho_outcomes_open_data_2017_18.csv.gz" | head -n 40 |
    awk -F, 'NR == 1 { print "a,b,c,n"; next } { print $3 "," $1 "," $11 "," $13 }' \
        >"$out/aggregate/outcomes"
head -n 40 "$src/ho_outcomes_force_quarter_type_2017_2019.csv" |
    awk -F, 'NR == 1 { print "a,b,c,n"; next } { print $3 "," $2 "," $5 "," $NF }' \
        >"$out/aggregate/quarters"
# Hostile seeds (the safety issues): gzip whole, cut short and followed by
# garbage (the reader inflates memory input that starts with gzip's magic
# bytes), values near the ends of double precision, grouped numbers with a
# leading zero, control characters in names.
tests=$(dirname "$0")/../tests/data
gzip -9 -n -c "$tests/forces43.csv" >"$out/reader/gzip_whole"
head -c 300 "$out/reader/gzip_whole" >"$out/reader/gzip_cut"
{ cat "$out/reader/gzip_whole"; printf 'garbage'; } >"$out/reader/gzip_trailing"
{ cat "$out/reader/gzip_whole" "$out/reader/gzip_whole"; } >"$out/reader/gzip_two_members"
awk -F, -v OFS=, 'NR > 1 { $(NF - 3) = sprintf("%.17g", $(NF - 3) * 1e300) } 1' \
    "$tests/forces43.csv" >"$out/outliers/times_1e300"
awk -F, -v OFS=, 'NR > 1 { $(NF - 3) = sprintf("%.17g", $(NF - 3) * 1e-300) } 1' \
    "$tests/forces43.csv" >"$out/outliers/times_1e-300"
printf 'force,value\nEssex,1.7e308\nKent,1.7e308\nSurrey,-1e308\nSussex,1e308\n' \
    >"$out/outliers/near_dbl_max"
printf 'force,k,n\nEssex,1e-10,1000000\nKent,0.001,1000000\nSurrey,50,1000000\n' \
    >"$out/compare/tiny_counts"
printf 'force,value\n"\033[31mEsex Police\007","0,123"\nKent,"00,001"\n' >"$out/reader/escapes"
i=100
for v in "0,123" "00,001" "-0,500" 1.7976931348623157e308 4.9e-324 1e-300; do
    i=$((i + 1))
    printf '%s' "$v" >"$out/number/n$i"
done
echo "corpus: $(find "$out" -type f | wc -l) seeds"
