# SPDX-License-Identifier: GPL-3.0-or-later
# bash completion for forcestat: the subcommands, each one's options and,
# for 'chart', its kinds.  Read from the installed program's own --help,
# so it never lists an option that is not there.
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
        mapfile -t COMPREPLY < <(compgen -W "bar trend intervals funnel spc spine --help" -- "$cur")
        return
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
