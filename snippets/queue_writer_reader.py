"""A writer puts items on a Queue; a reader gets them until a sentinel."""

import time
from multiprocessing import Process, Queue

SENTINEL = None  # "no more items": the writer puts it last


def write(queue):
    for value in ["A", "B", "C"]:
        print(f"Put {value} to queue...", flush=True)
        queue.put(value)
        time.sleep(0.1)
    queue.put(SENTINEL)


def read(queue):
    while True:
        value = queue.get()  # blocks until an item arrives
        if value is SENTINEL:
            break
        print(f"Get {value} from queue.", flush=True)


if __name__ == "__main__":
    queue = Queue()
    writer = Process(target=write, args=(queue,))
    reader = Process(target=read, args=(queue,))
    writer.start()
    reader.start()
    writer.join()
    reader.join()
    print("All data written and read.")
