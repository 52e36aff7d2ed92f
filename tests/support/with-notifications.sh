#!/bin/sh
# Runs a command against a real desktop notification service: dunst (the
# freedesktop.org Notifications daemon) on an X display (Xvfb when there is
# none) inside a private D-Bus session bus. The command can inspect what was
# shown with dunstctl (count, action, close-all, history).
#
#   tests/support/with-notifications.sh <command> [args...]
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi
for tool in dbus-run-session dbus-send dunst dunstctl xvfb-run; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-notifications.sh: $tool is missing (apt install dbus dunst xvfb)" >&2
        exit 1
    fi
done

case "${AGENTDESK_NOTIFY_STAGE:-}" in
"")
    export AGENTDESK_NOTIFY_STAGE=display
    if [ -z "${DISPLAY:-}" ]; then
        exec xvfb-run -a -s "-screen 0 1024x768x24" "$0" "$@"
    fi
    exec "$0" "$@"
    ;;
display)
    export AGENTDESK_NOTIFY_STAGE=bus
    exec dbus-run-session -- "$0" "$@"
    ;;
esac

# Inside the private bus, with a display, from here on.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/agentdesk-notify.XXXXXX")
export XDG_CONFIG_HOME="$scratch/config"
mkdir -p "$XDG_CONFIG_HOME"
dunst >"$scratch/dunst.log" 2>&1 &
dunst_pid=$!
cleanup() {
    kill "$dunst_pid" 2>/dev/null || true
    wait "$dunst_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT INT TERM

i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
        grep -q 'boolean true'; do
    i=$((i + 1))
    if [ "$i" -gt 100 ]; then
        echo "with-notifications.sh: dunst did not start:" >&2
        cat "$scratch/dunst.log" >&2
        exit 1
    fi
    sleep 0.1
done

status=0
"$@" || status=$?
exit "$status"
