# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for forcestat: the subcommands, each one's options, and
# the choices of 'chart' (its kinds) and of options such as --method,
# --overdispersion and --format.  Read from the installed program itself
# (its --help, and the hidden 'forcestat __complete KEY', which lists the
# names of its tables of kinds), so it never offers what is not there.
_forcestat() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prog=${COMP_WORDS[0]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        local cmds
        cmds=$("$prog" --help 2>/dev/null | awk '/^Commands:/ { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }')
        mapfile -t COMPREPLY < <(compgen -W "$cmds --help --version" -- "$cur")
        return
    fi
    local cmd=${COMP_WORDS[1]}
    if [ "$cmd" = chart ] && [ "$COMP_CWORD" -eq 2 ]; then
        local kinds
        kinds=$("$prog" __complete chart 2>/dev/null)
        mapfile -t COMPREPLY < <(compgen -W "$kinds --help" -- "$cur")
        return
    fi
    local prev=${COMP_WORDS[COMP_CWORD - 1]}
    if [[ $prev == --* ]]; then
        local values
        if values=$("$prog" __complete "$prev" 2>/dev/null); then
            mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
            return
        fi
    fi
    if [[ $cur == -* ]]; then
        local opts
        opts=$("$prog" "$cmd" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
}
complete -o filenames -F _forcestat forcestat
