import sys
print('{"type": "text_message", "content": {"body": "fine so far"}}', flush=True)
print(sys.argv[1] if len(sys.argv) > 1 else "hello, this is not JSON", flush=True)
import time
time.sleep(30)
