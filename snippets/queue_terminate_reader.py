"""terminate() a reader blocked in Queue.get(): the queue stays locked."""

import queue
import time
from multiprocessing import Event, Process, Queue


def read(items, waiting):
    try:
        print("reader: waiting in get()", flush=True)
        waiting.set()
        print("reader: got", items.get(), flush=True)
    finally:
        print("reader: finally block ran", flush=True)  # never printed


if __name__ == "__main__":
    items = Queue()
    waiting = Event()
    reader = Process(target=read, args=(items, waiting))
    reader.start()
    waiting.wait()
    time.sleep(0.5)  # let the reader get inside get(), holding the read lock
    reader.terminate()
    reader.join()
    print(f"reader terminated, exit code {reader.exitcode}")

    items.put("hello")
    try:
        print("parent: got", items.get(timeout=1))
    except queue.Empty:
        print("parent: get() timed out: the dead reader still holds the lock")
