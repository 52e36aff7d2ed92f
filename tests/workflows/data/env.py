import json, os
print(json.dumps({"type": "text_message", "content": {"body": json.dumps(dict(os.environ))}}), flush=True)
print(json.dumps({"type": "workflow_completed", "content": {"result": os.getcwd()}}), flush=True)
