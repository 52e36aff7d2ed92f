import json, sys
for i in range(2):
    print(json.dumps({"type": "text_input", "content": {"prompt": "question %d" % i}}), flush=True)
sys.stdin.readline()
