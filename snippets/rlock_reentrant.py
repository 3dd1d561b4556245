"""An RLock can be taken again by the process that holds it; a Lock cannot."""

from multiprocessing import Lock, Process, RLock


def log(lock, text):
    # `with lock:` would be the usual spelling; with a Lock already held by
    # this process it would wait forever, so this demonstration gives up.
    if not lock.acquire(timeout=0.2):
        print(f"{text}: acquire() timed out, this process holds it", flush=True)
        return
    try:
        print(f"{text}: taken again", flush=True)
    finally:
        lock.release()


def report(lock):
    with lock:  # hold the lock for the whole report...
        log(lock, type(lock).__name__)  # ...and take it again inside log()


if __name__ == "__main__":
    for lock in (RLock(), Lock()):
        child = Process(target=report, args=(lock,))
        child.start()
        child.join()
