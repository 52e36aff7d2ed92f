#!/usr/bin/python3
"""A client shaped like FastAgency's docs simple_client.py for the secured
FastAPIAdapter (requests + websockets, Debian's packages), run against our
server unchanged: OAuth2 password login, initiate, the WebSocket run with raw
text answers, until workflow_completed.

Each message is checked the way upstream's IOMessage.create(**json) would:
known type, exactly the envelope fields, exactly the content fields of its
type. Usage: upstream_client.py URL USERNAME PASSWORD WORKFLOW
(the password comes from the AGENTDESK_PASSWORD variable when given as "-")."""

import asyncio
import json
import os
import sys

import requests
import websockets

ENVELOPE = {"type", "workflow_uuid", "uuid", "sender", "recipient", "auto_reply", "content"}
CONTENT = {
    "text_message": {"body"},
    "suggested_function_call": {"function_name", "call_id", "arguments"},
    "function_call_execution": {"function_name", "call_id", "retval"},
    "text_input": {"prompt", "suggestions", "password"},
    "multiple_choice": {"prompt", "choices", "default", "single"},
    "system_message": {"message"},
    "keep_alive": set(),
    "workflow_started": {"name", "description", "params"},
    "workflow_completed": {"result"},
    "error": {"short", "long"},
}
ASKING = {"text_input", "multiple_choice"}


def check_message(message: dict) -> None:
    if set(message) != ENVELOPE:
        raise AssertionError(f"envelope fields {sorted(message)} differ from upstream's")
    kind = message["type"]
    if kind not in CONTENT:
        raise AssertionError(f"unknown message type {kind!r}")
    if not set(message["content"]) <= CONTENT[kind]:
        raise AssertionError(f"{kind} content has unknown fields {sorted(message['content'])}")
    if len(message["workflow_uuid"]) != 32 or len(message["uuid"]) != 32:
        raise AssertionError("uuids must be 32 hex digits")


def get_oauth_token(url: str, username: str, password: str) -> str:
    response = requests.post(f"{url}/token", data={"username": username, "password": password}, timeout=30)
    response.raise_for_status()
    return response.json().get("access_token")


def initiate_workflow(url: str, token: str, workflow: str) -> dict:
    payload = {"workflow_name": workflow, "workflow_uuid": "1234", "user_id": None,
               "params": {"message": "Hello"}}
    headers = {"Authorization": f"Bearer {token}"}
    response = requests.post(f"{url}/fastagency/initiate_workflow", json=payload, headers=headers, timeout=30)
    response.raise_for_status()
    return response.json()


def answer_for(message: dict) -> str:
    content = message["content"]
    if message["type"] == "multiple_choice":
        return content.get("default") or content["choices"][0]
    suggestions = content.get("suggestions") or []
    return suggestions[0] if suggestions else "upstream client"


async def websocket_workflow(url: str, token: str, initial_payload: dict) -> list:
    websocket_url = f"ws{url[4:]}/fastagency/ws"
    seen = []
    async with websockets.connect(websocket_url, extra_headers={"Authorization": f"Bearer {token}"}) as ws:
        await ws.send(json.dumps(initial_payload))
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), timeout=30))
            check_message(message)
            seen.append(message["type"])
            print(f"{message['sender']} -> {message['recipient']}: {message['type']}", flush=True)
            if message["type"] in ASKING:
                await ws.send(answer_for(message))
            elif message["type"] == "workflow_completed":
                break
    return seen


def main() -> int:
    url, username, password, workflow = sys.argv[1:5]
    if password == "-":
        password = os.environ["AGENTDESK_PASSWORD"]
    token = get_oauth_token(url, username, password)
    initial_payload = initiate_workflow(url, token, workflow)
    assert set(initial_payload) == {"user_id", "workflow_uuid", "name", "params"}, initial_payload
    assert initial_payload["name"] == workflow and initial_payload["params"] == {"message": "Hello"}
    seen = asyncio.run(websocket_workflow(url, token, initial_payload))
    assert seen[0] == "workflow_started", seen
    assert seen[-1] == "workflow_completed", seen
    print(f"upstream-shaped client: {len(seen)} messages, types {sorted(set(seen))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
