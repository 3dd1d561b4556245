"""An item that cannot be pickled, put on a Queue: put() returns, it is lost."""

from multiprocessing import Process, Queue


def consume(queue):
    print(f"consumer got: {queue.get()!r}", flush=True)


if __name__ == "__main__":
    queue = Queue()
    consumer = Process(target=consume, args=(queue,))
    consumer.start()
    print("parent: putting a lambda, then a string")
    queue.put(lambda x: x)  # returns at once: a thread pickles it later
    queue.put("the next item")
    consumer.join()
    print(f"consumer exit code: {consumer.exitcode}")
