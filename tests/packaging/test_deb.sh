#!/bin/bash
# The Debian package end to end (issue 5): build it with CPack from a build
# tree, install it with apt-get, check where its files land, add a user with the
# installed binary as the service user, run the installed server as the service
# user with the unit's command line, log in and run a workflow over HTTP and
# WebSocket, stop it with SIGTERM, purge the package and check nothing is left.
# Without systemd running (CI), the server runs in an approximation of the
# unit's sandbox (sandbox_exec.py), so a hardening option that breaks it fails here.
#
# usage: test_deb.sh BUILD_DIR
# Needs root (it installs and purges a package). Exit code 77 = skipped: not
# root, or AGENTDESK_SKIP_PACKAGING=1.
set -euo pipefail

BUILD_DIR=$(cd "${1:?usage: test_deb.sh BUILD_DIR}" && pwd)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

PACKAGE=agentdesk
SERVICE_USER=agentdesk
UNIT=agentdesk-server.service
CONF=/etc/agentdesk/agentdesk.conf
STATE_DIR=/var/lib/agentdesk
APP_ID=io.github.agentdesk.Agentdesk
# The interpreter with Debian's python3-websockets, whatever else is on PATH.
PYTHON=/usr/bin/python3

log() { printf 'test_deb: %s\n' "$*"; }
fail() { printf 'test_deb: FAIL: %s\n' "$*" >&2; exit 1; }
check() { # check DESCRIPTION COMMAND...
    local what=$1; shift
    "$@" || fail "$what"
}

if [[ ${AGENTDESK_SKIP_PACKAGING:-0} == 1 ]]; then
    log "SKIP: AGENTDESK_SKIP_PACKAGING=1"; exit 77
fi
if [[ $(id -u) -ne 0 ]]; then
    log "SKIP: installs and purges a package, needs root"; exit 77
fi

for tool in cpack apt-get dpkg-query curl runuser systemd-analyze lintian desktop-file-validate readelf \
            appstreamcli man "$PYTHON"; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done
"$PYTHON" -c 'import websockets' 2>/dev/null || fail "python3-websockets is missing"
"$PYTHON" -c 'import seccomp' 2>/dev/null || fail "python3-seccomp is missing"
if dpkg-query -W -f='${db:Status-Status}' "$PACKAGE" 2>/dev/null | grep -qv '^not-installed$'; then
    fail "the $PACKAGE package is already installed here; purge it first (apt-get purge $PACKAGE)"
fi
if getent passwd "$SERVICE_USER" >/dev/null || [[ -e $STATE_DIR || -e /etc/agentdesk ]]; then
    fail "$SERVICE_USER user, $STATE_DIR or /etc/agentdesk exist without the package: clean up first"
fi

# World-readable so that apt's _apt sandbox user can read the .deb.
WORK=$(mktemp -d /tmp/agentdesk-deb.XXXXXX)
chmod 0755 "$WORK"
SERVER_PID=
INSTALLED=0

cleanup() {
    local status=$?
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ $INSTALLED == 1 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$PACKAGE" >/dev/null 2>&1 || true
    fi
    if [[ $status -ne 0 && -f $WORK/server.log ]]; then
        echo "--- server log ---" >&2
        tail -n 50 "$WORK/server.log" >&2
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT

# --- build ---------------------------------------------------------------------
[[ -x $BUILD_DIR/app/agentdesk ]] || fail "$BUILD_DIR/app/agentdesk is not built"
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$BUILD_DIR/CMakeCache.txt")
[[ $prefix == /usr ]] || fail "$BUILD_DIR is configured for $prefix; a Debian package needs -DCMAKE_INSTALL_PREFIX=/usr"
log "cpack in $BUILD_DIR"
(cd "$BUILD_DIR" && cpack -G DEB -B "$WORK/package") >"$WORK/cpack.log" 2>&1 \
    || { cat "$WORK/cpack.log" >&2; fail "cpack"; }
shopt -s nullglob
debs=("$WORK/package/${PACKAGE}"_*.deb)
shopt -u nullglob
[[ ${#debs[@]} == 1 ]] || fail "expected one ${PACKAGE}_*.deb, got: ${debs[*]:-none}"
DEB=${debs[0]}
[[ $(basename "$DEB") =~ ^${PACKAGE}_[0-9][^_]*_[a-z0-9]+\.deb$ ]] || fail "file name $(basename "$DEB")"
log "built $(basename "$DEB")"
depends=$(dpkg-deb -f "$DEB" Depends)
for needed in libqt6core6 libqt6httpserver6 libqt6sql6-sqlite libqt6svg6 libqt6keychain1 libsecret-1-0 adduser; do
    [[ $depends == *"$needed"* ]] || fail "Depends lacks $needed: $depends"
done

# Debian policy as lintian sees it: no errors, no warnings. Info tags are
# fine, but for the hardening ones (-I shows them): the binary must be built
# with all of Debian's hardening flags, as scripts/build.sh builds it.
lintian -I --fail-on error,warning "$DEB" >"$WORK/lintian.log" 2>&1 \
    || { cat "$WORK/lintian.log" >&2; fail "lintian"; }
if grep -E '^[EWI]: [^ ]+: hardening-' "$WORK/lintian.log" >&2; then
    fail "the binary lacks hardening flags: configure $BUILD_DIR with ./scripts/build.sh (dpkg-buildflags, hardening=+all)"
fi
# hardening-no-fortify-functions is overridden (a false positive, see
# packaging/lintian/agentdesk): check fortification here instead.
dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./usr/bin/agentdesk >"$WORK/agentdesk.bin"
readelf --dyn-syms -W "$WORK/agentdesk.bin" >"$WORK/dynsyms"
grep -Eq ' __[a-z_]+_chk(@|$)' "$WORK/dynsyms" \
    || fail "/usr/bin/agentdesk imports no fortified (__*_chk) function: built without -D_FORTIFY_SOURCE? Configure $BUILD_DIR with ./scripts/build.sh"
rm -f "$WORK/agentdesk.bin" "$WORK/dynsyms"

# --- install -------------------------------------------------------------------
# No Recommends: a keychain daemon is not what this test is about, and the
# purge below must leave the machine as it found it.
log "apt-get install ./$(basename "$DEB")"
INSTALLED=1
(cd "$WORK/package" && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "./$(basename "$DEB")") >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log" >&2; fail "apt-get install"; }
[[ $(dpkg-query -W -f='${db:Status-Status}' "$PACKAGE") == installed ]] || fail "not installed"
dpkg-query -L "$PACKAGE" >"$WORK/files"

# Installed, not enabled (README: "installed but not enabled").
WANTS_LINK=/etc/systemd/system/multi-user.target.wants/$UNIT
# deb-systemd-helper works only as if called from a maintainer script.
dsh() { DPKG_MAINTSCRIPT_PACKAGE=$PACKAGE deb-systemd-helper "$@"; }
enabled() { [[ -L $WANTS_LINK ]] && dsh --quiet was-enabled "$UNIT"; }
# It keeps a state file for the unit all the same: purge removes the
# symlinks listed there.
dsh debian-installed "$UNIT" || fail "deb-systemd-helper knows nothing of $UNIT after install"
! grep -q 'Created symlink' "$WORK/install.log" || fail "the install enabled the service: $(grep 'Created symlink' "$WORK/install.log")"
[[ ! -e $WANTS_LINK && ! -L $WANTS_LINK ]] || fail "the install enabled the service: $WANTS_LINK exists"
! dsh --quiet was-enabled "$UNIT" || fail "deb-systemd-helper was-enabled $UNIT after install"
[[ ! -e /etc/systemd/system/$UNIT && ! -L /etc/systemd/system/$UNIT ]] || fail "/etc/systemd/system/$UNIT exists (masked?)"

# --- files ---------------------------------------------------------------------
listed() { grep -qx "$1" "$WORK/files" && [[ -e $1 ]]; }
UNIT_FILE=$(grep -E "/systemd/system/$UNIT\$" "$WORK/files" | head -n 1)
for path in /usr/bin/agentdesk \
            "/usr/share/applications/$APP_ID.desktop" \
            "/usr/share/metainfo/$APP_ID.metainfo.xml" \
            "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg" \
            /usr/share/man/man1/agentdesk.1.gz \
            /usr/share/doc/agentdesk/copyright \
            /usr/share/doc/agentdesk/changelog.gz \
            "$CONF" "$UNIT_FILE"; do
    check "$path is installed" listed "$path"
done
for size in 16 24 32 48 64 128 256 512; do
    check "${size}px icon" listed "/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
check "/usr/bin/agentdesk is executable" test -x /usr/bin/agentdesk
check "$CONF is a conffile" grep -q "$CONF" <(dpkg-query -W -f='${Conffiles}' "$PACKAGE")
grep -Eq '^data_dir=/var/lib/agentdesk$' "$CONF" || fail "$CONF does not set data_dir"
conf_mode=$(stat -c %U:%G:%a "$CONF")
[[ $conf_mode == "root:$SERVICE_USER:640" ]] || fail "$CONF is $conf_mode, not root:$SERVICE_USER:640"
grep -q "^Icon=$APP_ID\$" "/usr/share/applications/$APP_ID.desktop" || fail "desktop file icon"
desktop-file-validate "/usr/share/applications/$APP_ID.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "/usr/share/metainfo/$APP_ID.metainfo.xml" >"$WORK/appstream.log" 2>&1 \
    || { cat "$WORK/appstream.log" >&2; fail "appstreamcli validate"; }
zcat /usr/share/man/man1/agentdesk.1.gz | grep -q '^\.SH FILES' || fail "man page"
man_errors=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l /usr/share/man/man1/agentdesk.1.gz 2>&1 >/dev/null)
[[ -z $man_errors ]] || fail "man page warnings: $man_errors"

# --- the system user and its state ---------------------------------------------
IFS=: read -r _ _ uid gid _ home shell < <(getent passwd "$SERVICE_USER") || fail "no $SERVICE_USER user"
[[ $uid -lt 1000 ]] || fail "$SERVICE_USER is not a system user (uid $uid)"
[[ $home == "$STATE_DIR" ]] || fail "$SERVICE_USER's home is $home"
[[ $shell == */nologin || $shell == /bin/false ]] || fail "$SERVICE_USER's shell is $shell"
[[ $(getent group "$SERVICE_USER" | cut -d: -f3) == "$gid" ]] || fail "no $SERVICE_USER group"
[[ $(stat -c '%U:%G %a' "$STATE_DIR") == "$SERVICE_USER:$SERVICE_USER 700" ]] \
    || fail "$STATE_DIR is $(stat -c '%U:%G %a' "$STATE_DIR")"

# --- the unit ------------------------------------------------------------------
unit_value() { sed -n "s/^$1=//p" "$UNIT_FILE" | tail -n 1; }
[[ $(unit_value User) == "$SERVICE_USER" ]] || fail "unit User="
[[ $(unit_value StateDirectory) == agentdesk ]] || fail "unit StateDirectory="
EXEC_START=$(unit_value ExecStart)
[[ $EXEC_START == "/usr/bin/agentdesk --server-only --config $CONF" ]] || fail "ExecStart=$EXEC_START"
systemd-analyze verify --man=no "$UNIT_FILE" >"$WORK/verify.log" 2>&1 \
    || { cat "$WORK/verify.log" >&2; fail "systemd-analyze verify"; }
exposure=$(systemd-analyze security --offline=true "$UNIT_FILE" 2>/dev/null \
    | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
log "systemd-analyze security: exposure $exposure"
awk -v e="$exposure" 'BEGIN { exit !(e != "" && e + 0 <= 2.0) }' || fail "exposure '$exposure' > 2.0"

# --- an upgrade keeps the service enabled ----------------------------------------
# As the admin enables it (systemctl works on the unit files when systemd does
# not run; `deb-systemd-helper enable` would do nothing: it enables only on a
# first install, and the postinst's update-state recorded that one), then the
# same .deb again: dpkg runs the upgrade path (postinst configure <old>).
systemctl enable "$UNIT" >"$WORK/enable.log" 2>&1 || { cat "$WORK/enable.log" >&2; fail "systemctl enable $UNIT"; }
enabled || fail "systemctl enable did not enable $UNIT"
log "apt-get install --reinstall ./$(basename "$DEB") (an upgrade, with the service enabled)"
(cd "$WORK/package" && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends --reinstall \
    "./$(basename "$DEB")") >"$WORK/reinstall.log" 2>&1 || { cat "$WORK/reinstall.log" >&2; fail "apt-get install --reinstall"; }
enabled || fail "the upgrade disabled $UNIT"
[[ ! -e /etc/systemd/system/$UNIT && ! -L /etc/systemd/system/$UNIT ]] || fail "the upgrade masked $UNIT"
conf_mode=$(stat -c %U:%G:%a "$CONF")
[[ $conf_mode == "root:$SERVICE_USER:640" ]] || fail "after the upgrade $CONF is $conf_mode, not root:$SERVICE_USER:640"
# Left enabled: the purge below must remove the enablement too.

# --- a user, added as the service user against the service's store ------------
USERNAME=packaging-test
PASSWORD="pw-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
log "users add $USERNAME as $SERVICE_USER"
printf '%s\n' "$PASSWORD" | runuser -u "$SERVICE_USER" -- \
    agentdesk users add "$USERNAME" --password-stdin --config "$CONF" >"$WORK/users.log" 2>&1 \
    || { cat "$WORK/users.log" >&2; fail "agentdesk users add"; }
runuser -u "$SERVICE_USER" -- agentdesk users list --config "$CONF" 2>&1 | grep -q "$USERNAME" \
    || fail "users list does not show $USERNAME"

# --- the installed server, as the service would run it --------------------------
PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
# As systemd would run the unit, as far as can be done without it: its user,
# umask, environment, no new privileges, no capabilities, a read-only system
# but for its StateDirectory, private /tmp, no homes, its system-call filter,
# MemoryDenyWriteExecute and address families (sandbox_exec.py).
read -r -a exec_argv <<<"$EXEC_START"
log "starting '$EXEC_START' as $SERVICE_USER in the unit's sandbox on port $PORT"
"$PYTHON" "$HERE/sandbox_exec.py" "$UNIT_FILE" AGENTDESK_PORT="$PORT" AGENTDESK_SHOWCASE_STEP_MS=0 \
    -- "${exec_argv[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

up=0
for _ in $(seq 1 100); do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited at start"
    if curl -s -o /dev/null "$BASE/openapi.json"; then up=1; break; fi
    sleep 0.2
done
[[ $up == 1 ]] || fail "the server did not answer on $BASE within 20 s"
[[ $(ps -o user= -p "$SERVER_PID") == "$SERVICE_USER" ]] || fail "the server does not run as $SERVICE_USER"

# Log in (OAuth2 password grant, form-encoded).
status=$(curl -s -o "$WORK/token.json" -w '%{http_code}' -X POST \
    --data-urlencode "username=$USERNAME" --data-urlencode "password=$PASSWORD" "$BASE/token")
[[ $status == 200 ]] || fail "POST /token answered $status: $(cat "$WORK/token.json")"
TOKEN=$("$PYTHON" -c 'import json, sys; d = json.load(sys.stdin); assert d["token_type"] == "bearer"; print(d["access_token"])' <"$WORK/token.json") \
    || fail "token response: $(cat "$WORK/token.json")"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-urlencode "username=$USERNAME" \
    --data-urlencode "password=wrong-$PASSWORD" "$BASE/token")
[[ $status == 401 ]] || fail "a wrong password got $status"

# Discovery, with and without the token.
status=$(curl -s -o "$WORK/discovery.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "$BASE/fastagency/discovery")
[[ $status == 200 ]] || fail "discovery answered $status"
"$PYTHON" -c 'import json, sys; assert "showcase" in [w["name"] for w in json.load(sys.stdin)]' \
    <"$WORK/discovery.json" || fail "discovery lacks showcase: $(cat "$WORK/discovery.json")"
status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/fastagency/discovery")
[[ $status == 401 ]] || fail "discovery without a token answered $status"

# A whole run of the built-in workflow.
log "running the showcase workflow"
"$PYTHON" "$HERE/run_workflow.py" "$BASE" "$TOKEN" showcase || fail "the showcase workflow run"

# The hardened service writes its state, owner-only.
[[ $(stat -c '%U %a' "$STATE_DIR/jwt-secret") == "$SERVICE_USER 600" ]] \
    || fail "jwt-secret is $(stat -c '%U %a' "$STATE_DIR/jwt-secret" 2>&1)"
db_owner=$(stat -c '%U' "$STATE_DIR/users.sqlite")
[[ $db_owner == "$SERVICE_USER" ]] || fail "users.sqlite belongs to $db_owner"

# SIGTERM: a clean exit within the unit's TimeoutStopSec.
kill -TERM "$SERVER_PID"
stopped=0
for _ in $(seq 1 50); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then stopped=1; break; fi
    sleep 0.2
done
[[ $stopped == 1 ]] || fail "the server did not exit within 10 s of SIGTERM"
server_status=0
wait "$SERVER_PID" || server_status=$?
SERVER_PID=
[[ $server_status == 0 ]] || fail "the server exited with status $server_status after SIGTERM"
log "server stopped cleanly"

# --- purge ---------------------------------------------------------------------
log "apt-get purge $PACKAGE"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q "$PACKAGE" >"$WORK/purge.log" 2>&1 \
    || { cat "$WORK/purge.log" >&2; fail "apt-get purge"; }
INSTALLED=0
[[ $(dpkg-query -W -f='${db:Status-Status}' "$PACKAGE" 2>/dev/null || echo not-installed) == not-installed ]] \
    || fail "still known to dpkg after purge"
left=()
while IFS= read -r path; do
    # Directories (and /lib, a symlink to one on merged-/usr systems) are shared.
    [[ -d $path ]] && continue
    if [[ -e $path || -L $path ]]; then
        left+=("$path")
    fi
done <"$WORK/files"
[[ ${#left[@]} == 0 ]] || fail "left after purge: ${left[*]}"
for path in /etc/agentdesk "$STATE_DIR" /usr/share/doc/agentdesk; do
    [[ ! -e $path ]] || fail "$path is left after purge"
done
! getent passwd "$SERVICE_USER" >/dev/null || fail "user $SERVICE_USER is left after purge"
! getent group "$SERVICE_USER" >/dev/null || fail "group $SERVICE_USER is left after purge"
shopt -s nullglob
enablement=(/etc/systemd/system/*/"$UNIT" /var/lib/systemd/deb-systemd-helper-*/"$UNIT"*
             /var/lib/systemd/deb-systemd-helper-enabled/*/"$UNIT")
shopt -u nullglob
[[ ${#enablement[@]} == 0 ]] || fail "systemd state left after purge: ${enablement[*]}"
[[ ! -e /etc/systemd/system/$UNIT && ! -L /etc/systemd/system/$UNIT ]] || fail "/etc/systemd/system/$UNIT is left after purge"

log "PASS"
