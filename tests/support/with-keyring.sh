#!/bin/sh
# Runs a command against a real Secret Service: a private D-Bus session bus
# (dbus-run-session) with gnome-keyring-daemon started and its login keyring
# unlocked, all in a throw-away HOME. Works headless, as root, with no
# display: the keyring is created and unlocked from a password on stdin, so
# no prompt is ever needed.
#
#   tests/support/with-keyring.sh <command> [args...]
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

if [ -z "${AGENTDESK_KEYRING_INNER:-}" ]; then
    for tool in dbus-run-session gnome-keyring-daemon; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "with-keyring.sh: $tool is missing (apt install dbus gnome-keyring)" >&2
            exit 1
        fi
    done
    export AGENTDESK_KEYRING_INNER=1
    exec dbus-run-session -- "$0" "$@"
fi

# Inside the private bus from here on.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/agentdesk-keyring.XXXXXX")
# The daemon leaves when its bus does, at the end of dbus-run-session.
cleanup() {
    rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

export HOME="$scratch/home"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# --unlock creates the "login" keyring with this password (or unlocks it) and
# starts the daemon; --start then registers the secrets component on the bus.
# The password only protects a keyring that is deleted on exit.
eval "$(printf '%s' "agentdesk-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)"
eval "$(gnome-keyring-daemon --start --components=secrets)"

export AGENTDESK_REAL_KEYRING=1
status=0
"$@" || status=$?
exit "$status"
