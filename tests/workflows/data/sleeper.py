# Never exits; starts a grandchild that never exits either (killed with the group).
import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
print('{"type": "text_message", "content": {"body": "%d %d"}}' % (os.getpid(), child.pid), flush=True)
while True:
    time.sleep(1)
