# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash disable=SC2154  # $work is run_cases.sh's
# What the site's cases share (report_site.cases, report_sites.cases):
# the check that every link of every page resolves, and a gnuplot that
# counts its runs.  Sourced by a cases file, inside run_cases.sh.

site_links_resolve() { # DIR: every src, srcset and href of every page names a written file, every #anchor an id
    local dir=$1 ok=0 page here target file anchor key
    # The pages link the same anchors many times: each file and anchor
    # is searched once (the files do not change while this runs), and
    # no process is started per link (${page%/*} is its dirname).
    local -A found=()
    local pages=0
    for page in "$dir"/index.html "$dir"/forces/*.html; do
        # A page that is not there fails (an unmatched glob stands as itself).
        if [ ! -s "$page" ]; then echo "     no page: $page"; ok=1; continue; fi
        pages=$((pages + 1))
        here=${page%/*}
        for target in $(grep -o -E '(src|srcset|href)="[^"]+"' "$page" | sed -E 's/^(src|srcset|href)="//; s/"$//'); do
            file=${target%%#*}
            anchor=${target#"$file"}
            anchor=${anchor#\#}
            [ -n "$file" ] || file=${page##*/}
            case $file in
            http:* | https:* | //*) echo "     network link in $page: $target"; ok=1; continue ;;
            esac
            if [ ! -s "$here/$file" ]; then
                echo "     missing: $page -> $target"
                ok=1
            elif [ -n "$anchor" ]; then
                key="$here/$file#$anchor"
                if [ -z "${found[$key]:-}" ]; then
                    if grep -qF "id=\"$anchor\"" "$here/$file"; then found[$key]=1; else found[$key]=0; fi
                fi
                if [ "${found[$key]}" = 0 ]; then
                    echo "     no anchor: $page -> $target"
                    ok=1
                fi
            fi
        done
    done
    [ "$pages" -gt 1 ] || { echo "     no force page in $dir/forces"; ok=1; }
    return $ok
}

cat >"$work/gpcount" <<GP
#!/bin/sh
echo run >>"$work/gnuplot-runs"
exec "${GNUPLOT:-gnuplot}" "\$@"
GP
chmod +x "$work/gpcount"
