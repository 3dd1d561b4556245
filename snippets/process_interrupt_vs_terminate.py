"""terminate() skips the finally blocks of the child; interrupt() runs them."""

import os
import signal
import sys
import time
from multiprocessing import Event, Process


def work(name, started):
    try:
        started.set()
        # Sleep in short steps: a SIGINT that arrives just before a sleep
        # starts is handled only when that sleep ends.
        for _ in range(600):
            time.sleep(0.1)
    except KeyboardInterrupt:
        print(f"{name}: KeyboardInterrupt", flush=True)
    finally:
        print(f"{name}: cleaning up in finally", flush=True)


def interrupt(process):
    if sys.version_info >= (3, 14):
        process.interrupt()
    else:  # what interrupt() does on POSIX
        os.kill(process.pid, signal.SIGINT)


if __name__ == "__main__":
    for name, stop in [
        ("terminated", Process.terminate),
        ("interrupted", interrupt),
    ]:
        started = Event()
        child = Process(target=work, args=(name, started))
        child.start()
        started.wait()  # the child is inside its try block
        stop(child)
        child.join()
        print(f"{name}: exitcode {child.exitcode}")
