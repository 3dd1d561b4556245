"""join(timeout) returns after the timeout, whether the child ended or not."""

import time
from multiprocessing import Process

if __name__ == "__main__":
    child = Process(target=time.sleep, args=(60,))
    child.start()
    child.join(timeout=0.5)  # returns None, as it always does
    print(f"after join(timeout=0.5): exitcode {child.exitcode}")
    if child.is_alive():
        child.terminate()  # SIGTERM on POSIX
        child.join()
    print(f"after terminate(): exitcode {child.exitcode}")
