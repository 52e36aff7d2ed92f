#!/usr/bin/python3
"""Runs one workflow against an Agentdesk (or FastAgency) server, as upstream's
simple_client.py does: initiate over HTTP, then the WebSocket run, answering
every text_input and multiple_choice until workflow_completed.

usage: run_workflow.py BASE_URL TOKEN WORKFLOW_NAME

Uses only the standard library and Debian's python3-websockets (10.x: the
asyncio client). Exits 0 when the run completed without an `error` message.
"""

import asyncio
import json
import sys
import urllib.request
import uuid

import websockets

TIMEOUT_SECONDS = 60


def initiate(base_url, token, workflow):
    body = json.dumps({"workflow_name": workflow, "workflow_uuid": str(uuid.uuid4()),
                       "user_id": None, "params": {}}).encode()
    request = urllib.request.Request(
        f"{base_url}/fastagency/initiate_workflow", data=body, method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def answer(message):
    """The raw-text answer upstream's clients send."""
    content = message.get("content") or {}
    if message["type"] == "text_input":
        if content.get("password"):
            return "not-a-real-secret"
        suggestions = content.get("suggestions") or []
        return suggestions[0] if suggestions else "an answer from the packaging test"
    choices = content.get("choices") or []
    if content.get("default") is not None:
        return content["default"] if isinstance(content["default"], str) else choices[0]
    return choices[0] if choices else ""


async def run(base_url, token, workflow):
    initiated = initiate(base_url, token, workflow)
    ws_url = base_url.replace("http://", "ws://", 1) + "/fastagency/ws"
    seen = {}
    async with websockets.connect(ws_url, extra_headers={"Authorization": f"Bearer {token}"},
                                  open_timeout=10) as socket:
        await socket.send(json.dumps(initiated))
        while True:
            message = json.loads(await socket.recv())
            kind = message.get("type")
            seen[kind] = seen.get(kind, 0) + 1
            if kind == "error":
                print(f"run_workflow: error message: {message.get('content')}", file=sys.stderr)
            if kind in ("text_input", "multiple_choice"):
                await socket.send(answer(message))
            if kind == "workflow_completed":
                break
    print("run_workflow: messages " + ", ".join(f"{k}={v}" for k, v in sorted(seen.items())))
    if seen.get("workflow_started") != 1:
        print("run_workflow: no workflow_started message", file=sys.stderr)
        return 1
    return 1 if "error" in seen else 0


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    base_url, token, workflow = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    return asyncio.run(asyncio.wait_for(run(base_url, token, workflow), TIMEOUT_SECONDS))


if __name__ == "__main__":
    sys.exit(main())
