#!/usr/bin/env python3
"""An Agentdesk process workflow: asks two questions and answers with both.

The line protocol (README, "Process workflows"), standard library only:
- the run's params arrive as JSON in the AGENTDESK_PARAMS variable;
- each message is one JSON object on one line of stdout (flush after each);
- after a question (text_input or multiple_choice) the answer is the next
  line of stdin: {"msg": "...", "question_uuid": "..."};
- a workflow_completed line carries the result; exit 0 when done.
"""

import json
import os
import sys


def send(message_type, content, sender="ask_twice", recipient="User"):
    line = {"type": message_type, "sender": sender, "recipient": recipient, "content": content}
    print(json.dumps(line), flush=True)


def ask(prompt, suggestions=()):
    send("text_input", {"prompt": prompt, "suggestions": list(suggestions)})
    line = sys.stdin.readline()
    if not line:  # the server went away
        sys.exit(1)
    return json.loads(line)["msg"]


def main():
    params = json.loads(os.environ.get("AGENTDESK_PARAMS") or "{}")
    greeting = params.get("greeting", "Hello")
    print(f"ask_twice starts for workflow {os.environ.get('AGENTDESK_WORKFLOW_UUID')}", file=sys.stderr)

    name = ask("What is your name?", ["Ada", "Alan"])
    colour = ask(f"{greeting}, {name}! What is your favourite colour?", ["red", "green", "blue"])
    send("text_message", {"body": f"{name} likes {colour}."})
    send("workflow_completed", {"result": {"name": name, "colour": colour}})


if __name__ == "__main__":
    main()
