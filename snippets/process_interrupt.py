"""Process.interrupt() (new in 3.14): SIGINT, so the child can clean up."""

import time
from multiprocessing import Event, Process


def worker(started):
    try:
        started.set()
        # Short sleeps: Python handles a signal between bytecodes, so a SIGINT
        # that lands just before one long sleep begins would wait for its end.
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
