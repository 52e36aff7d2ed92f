#!/usr/bin/env bash
# A client written for the upstream Python server (tests/compat/upstream_client.py)
# against the real headless binary: the first user added with the admin CLI,
# the showcase run answered over the WebSocket, plus upstream's unauthorized
# checks with curl. Usage: test_upstream_client.sh /path/to/agentdesk
set -euo pipefail
binary=$1
here=$(cd "$(dirname "$0")" && pwd)
python=/usr/bin/python3 # Debian's, with python3-requests and python3-websockets

scratch=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

export AGENTDESK_DATA_DIR="$scratch/data" AGENTDESK_SHOWCASE_STEP_MS=0 HOME="$scratch"
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
password="correct horse battery"

printf '%s\n' "$password" | "$binary" users add johndoe --full-name "John Doe" --password-stdin
"$binary" --server-only --host 127.0.0.1 --port "$port" 2> "$scratch/server.log" &
server_pid=$!
for _ in $(seq 100); do
    curl -fsS "$url/openapi.json" -o /dev/null 2>/dev/null && break
    sleep 0.1
done

# Upstream's test_secure_unauthorized, and a wrong password.
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/fastagency/initiate_workflow")" = 401 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/fastagency/discovery")" = 401 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -d username=johndoe -d password=wrong "$url/token")" = 401 ]

AGENTDESK_PASSWORD="$password" "$python" "$here/upstream_client.py" "$url" johndoe - showcase

# The server logged requests but never the password or a token.
if grep -q -e "$password" -e 'eyJ' "$scratch/server.log"; then
    echo "the server log holds a password or a token" >&2
    exit 1
fi
kill -TERM "$server_pid"
wait "$server_pid"
server_pid=""
