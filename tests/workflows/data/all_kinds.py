import json, sys
def send(m): print(json.dumps(m), flush=True)
send({"type": "system_message", "sender": "prog", "recipient": "User", "content": {"message": {"step": 1}}})
send({"type": "multiple_choice", "sender": "prog", "recipient": "User", "content": {"prompt": "Pick", "choices": ["a", "b"], "default": "a"}})
answer = json.loads(sys.stdin.readline())
send({"type": "suggested_function_call", "content": {"function_name": "f", "arguments": {"x": answer["msg"]}}})
sys.stdout.write('{"type": "keep_alive", "workflow_uuid": "forged", "uuid": "forged"}\n')
sys.stdout.write('\n')
sys.stdout.write('{"type": "workflow_completed", "content": {"result": ' + json.dumps(answer) + '}}')  # no final newline
