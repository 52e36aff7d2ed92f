import os, signal, sys
print('{"type": "text_message", "sender": "crash", "recipient": "User", "content": {"body": "about to fail"}}', flush=True)
print("something went wrong inside", file=sys.stderr, flush=True)
if len(sys.argv) > 1 and sys.argv[1] == "signal":
    os.kill(os.getpid(), signal.SIGSEGV)
sys.exit(3)
