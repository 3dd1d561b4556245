"""A child uses the parent's Lock, but the parent never joins it."""

from multiprocessing import Lock, Process


def report(lock):
    with lock:
        print("Hello World! from the child")


if __name__ == "__main__":
    lock = Lock()
    print("parent: starting a child, then ending without join()")
    Process(target=report, args=(lock,)).start()
