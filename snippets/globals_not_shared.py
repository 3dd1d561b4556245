"""A global variable set in a child process is not set in the parent."""

import time
from multiprocessing import Process


def look_at_watch():
    global now  # global in the child's own memory, not in the parent's
    now = time.strftime("%H:%M:%S")
    print(f"the child set now = {now!r}", flush=True)


if __name__ == "__main__":
    child = Process(target=look_at_watch)
    child.start()
    child.join()
    print("the parent reads now:", now)  # NameError: the parent has no `now`
