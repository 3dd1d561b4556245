"""A plain multiprocessing.Queue cannot be passed to a Pool task."""

from multiprocessing import Pool, Queue


def writer(queue):
    queue.put("hello")


if __name__ == "__main__":
    queue = Queue()
    with Pool(1) as pool:
        try:
            pool.apply(writer, (queue,))  # the queue must be pickled: refused
        except RuntimeError as error:
            print(f"RuntimeError:\n{error}")
