# SPDX-License-Identifier: GPL-3.0-or-later
# ManHelp.awk: reshapes a `forcestat [COMMAND] --help` for help2man
# (cmake/ManPages.cmake), which reads the help's shape:
#   - the Usage block (up to its first blank line) is one or more usages,
#     each begun by "Usage: forcestat" or an indented "forcestat" and
#     wrapped onto indented lines: each is joined onto one line, the first
#     as "Usage: ...", the others as "  or: ...", help2man's form, so that
#     the SYNOPSIS holds every usage whole and none spills into the
#     DESCRIPTION;
#   - the paragraph beginning "Exit status: " (cli/help/exit.txt) becomes
#     a section of its own, EXIT STATUS (help2man's "*Section*" line);
#   - an example ("  $ forcestat ...") continued with a backslash is
#     joined onto one line, as help2man sets an example a line each.
# Everything else passes as it is.

# Prints the usage gathered so far.
function flush_usage() {
    if (usage != "")
        print (nusage == 1 ? "Usage: " : "  or: ") usage
    usage = ""
}

BEGIN { in_usage = 1; nusage = 0; usage = ""; blank = 1; held = "" }

in_usage {
    if ($0 ~ /^[ \t]*$/) {
        flush_usage()
        in_usage = 0
        print ""
        blank = 1
        next
    }
    line = $0
    if (sub(/^Usage: +/, "", line) || line ~ /^ +forcestat /) {
        flush_usage()
        nusage++
        sub(/^ +/, "", line)
        usage = line
    } else {
        sub(/^ +/, "", line)
        usage = usage " " line
    }
    next
}

held != "" {
    line = $0
    sub(/^ +/, "", line)
    held = held " " line
    if (held ~ /\\$/) {
        sub(/ *\\$/, "", held)
        next
    }
    print held
    held = ""
    blank = 0
    next
}

/^  \$ .*\\$/ {
    held = $0
    sub(/ *\\$/, "", held)
    next
}

blank && /^Exit status: / {
    print "*Exit status*"
    print ""
    line = $0
    sub(/^Exit status: /, "", line)
    print line
    blank = 0
    next
}

{
    print
    blank = ($0 ~ /^[ \t]*$/)
}

END {
    flush_usage()
    if (held != "")
        print held
}
