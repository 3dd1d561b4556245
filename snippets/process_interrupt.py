"""Process.interrupt() (new in 3.14): SIGINT, so the child can clean up."""

import time
from multiprocessing import Event, Process


def worker(started):
    try:
        started.set()
        # Sleep in short steps: a SIGINT that arrives just before a sleep
        # starts is handled only when that sleep ends.
        for _ in range(300):
            time.sleep(0.1)
    except KeyboardInterrupt:
        print("worker: KeyboardInterrupt, cleaning up", flush=True)


if __name__ == "__main__":
    started = Event()
    # daemon: where interrupt() does not exist, the child still ends with us
    child = Process(target=worker, args=(started,), daemon=True)
    child.start()
    started.wait()
    child.interrupt()  # terminate() would end it at once, with SIGTERM
    child.join()
    print(f"exit code: {child.exitcode}")
