#!/bin/bash
# The man page documents every server setting (issue 5): each INI key of
# server/ServerConfig.cpp's table appears in CONFIGURATION as
# `.BR key " (" VARIABLE )` under its `[section]`, each variable in ENVIRONMENT,
# and the page renders without groff warnings. No root needed.
#
# usage: check_manpage.sh SERVERCONFIG_CPP MANPAGE
set -euo pipefail

SOURCE=${1:?usage: check_manpage.sh SERVERCONFIG_CPP MANPAGE}
PAGE=${2:?usage: check_manpage.sh SERVERCONFIG_CPP MANPAGE}

fail() { printf 'check_manpage: FAIL: %s\n' "$*" >&2; exit 1; }

# {u"section/key"_s, u"VARIABLE"_s, ...}
mapfile -t settings < <(sed -n 's/.*{u"\([a-z_]*\)\/\([a-z_]*\)"_s, u"\([A-Z_]*\)"_s.*/\1 \2 \3/p' "$SOURCE")
[[ ${#settings[@]} -ge 20 ]] || fail "read only ${#settings[@]} settings from $SOURCE: has its table changed shape?"

configuration=$(sed -n '/^\.SH CONFIGURATION/,/^\.SH /p' "$PAGE")
environment=$(sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$PAGE")
[[ -n $configuration ]] || fail "no CONFIGURATION section"
[[ -n $environment ]] || fail "no ENVIRONMENT section"

missing=()
for setting in "${settings[@]}"; do
    read -r section key variable <<<"$setting"
    # The key's entry, in its section (up to the next .SS or .SH).
    entries=$(awk -v s=".SS \"[$section]\"" '$0 == s { on = 1; next } /^\.S[SH] / { on = 0 } on' <<<"$configuration")
    grep -qxF ".BR $key \" (\" $variable )" <<<"$entries" || missing+=("$section/$key ($variable) in CONFIGURATION")
    grep -qw -- "$variable" <<<"$environment" || missing+=("$variable in ENVIRONMENT")
done
grep -qw AGENTDESK_CONFIG <<<"$environment" || missing+=("AGENTDESK_CONFIG in ENVIRONMENT")
# The desktop app's own files.
# The literal ~ of the page, not $HOME.
# shellcheck disable=SC2088
for path in '~/.local/share/agentdesk/history/' '~/.config/agentdesk/agentdesk.conf' \
            '~/.config/agentdesk/server.conf'; do
    grep -qxF ".I $path" "$PAGE" || missing+=("$path in FILES")
done
[[ ${#missing[@]} == 0 ]] || fail "the man page lacks: $(printf '\n  %s' "${missing[@]}")"

if command -v man >/dev/null; then
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$PAGE" 2>&1 >/dev/null)
    [[ -z $warnings ]] || fail "man page warnings: $warnings"
fi
printf 'check_manpage: %d settings documented\n' "${#settings[@]}"
