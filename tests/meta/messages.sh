#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# messages.sh SOURCE_DIR
#
# No code branches on an error's message: the message is for people, and
# its wording may change; a program branches on fs_error_t's status,
# reason and index.  So no .c file of stats/ or cli/ reads the message
# field (`.message`, `->message`) but stats/io/status.c, the printer
# (fs_error_format, fs_error_message, and the library's own rewording of
# an error it passes on), and none compares fs_error_message()'s text
# (strcmp, strncmp, strstr, sscanf, memcmp and the like on the same line).
# Prints each offending line as FILE:LINE: text.
set -u
src=$1
# A read of the field, or a comparison of the printed text.
field='(\.|->)[[:space:]]*message\b'
compare='\b(str(n)?(case)?cmp|strstr|strcasestr|sscanf|memcmp|strspn|strcspn|strchr|strrchr)[[:space:]]*\(.*fs_error_message[[:space:]]*\('
# The patterns must catch what they are for (a grep that matches nothing
# would pass any tree).
probe=$(printf '%s\n' '    if (strncmp(err.message, "an SPC", 6) == 0)' \
    '    sscanf(err->message, "unit %lu: %n", &u, &n);' \
    '    if (strstr(fs_error_message(&err), "twice") != NULL)' \
    '    fs_error_at(err, t->name, 0, 0, NULL, 0);' \
    '    fs_text_for_message(&out, s, n, 0);' | grep -cE "$field|$compare")
if [ "$probe" != 3 ]; then
    echo "FAIL the patterns catch $probe of the 3 planted reads (and must pass the 2 others)"
    exit 1
fi
files=$(cd "$src" && find stats cli -name '*.c' ! -path stats/io/status.c | sort)
n=$(printf '%s\n' "$files" | grep -c .)
if [ "$n" -lt 40 ]; then echo "FAIL only $n .c files found under $src/stats and $src/cli"; exit 1; fi
bad=$(cd "$src" && printf '%s\n' "$files" | xargs grep -nE "$field|$compare")
if [ -n "$bad" ]; then
    echo "FAIL code outside stats/io/status.c reads an error's message (branch on err.reason):"
    printf '%s\n' "$bad" | sed 's/^/     /'
    exit 1
fi
echo "ok   $n .c files in stats/ and cli/: none reads an error's message but stats/io/status.c"
