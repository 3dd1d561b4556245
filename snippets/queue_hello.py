"""A child process puts a message on a Queue; the parent gets it."""

from multiprocessing import Process, Queue


def produce(queue):
    queue.put(["hello", 88, b"World!"])


if __name__ == "__main__":
    queue = Queue()
    child = Process(target=produce, args=(queue,))
    child.start()
    print(queue.get())  # (1)!
    child.join()
