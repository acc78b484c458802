#!/bin/sh
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
echo "corpus: $(find "$out" -type f | wc -l) seeds"
