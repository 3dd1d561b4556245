"""fork() in a process that runs a second thread: warned about since 3.12."""

import threading
import warnings
from multiprocessing import get_context


def child():
    pass


def fork_a_child():
    """Start and join a child with fork while a second thread is running."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    process = get_context("fork").Process(target=child)
    process.start()
    process.join()
    stop.set()
    thread.join()


def shown(caught):
    return [f"{w.category.__name__}: {w.message}" for w in caught]


if __name__ == "__main__":
    with warnings.catch_warnings(record=True) as caught:
        fork_a_child()  # the default warning filters
    print("default filters:", shown(caught))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # as with -W default or -X dev
        fork_a_child()
    print("-W default:", shown(caught))
