"""Workers log through a queue; a listener in the parent writes every record."""

import logging
import logging.handlers
import sys
from multiprocessing import Pool, Queue


def send_logs_to(queue):
    # In each worker: every record goes to the queue, whole and pickled.
    root = logging.getLogger()
    root.addHandler(logging.handlers.QueueHandler(queue))
    root.setLevel(logging.INFO)


def parse(text):
    log = logging.getLogger("parse")
    try:
        value = int(text)
    except ValueError:
        log.exception("cannot parse %r", text)  # with its traceback
        return None
    log.info("parsed %r", text)
    return value


if __name__ == "__main__":
    queue = Queue()
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        logging.Formatter("pid %(process)d %(levelname)s %(message)s")
    )
    listener = logging.handlers.QueueListener(queue, handler)
    listener.start()  # a thread that takes records off the queue
    pool = Pool(2, initializer=send_logs_to, initargs=(queue,))
    print(pool.map(parse, ["1", "2", "x"]), flush=True)
    pool.close()  # not terminate(): let each worker finish writing its records
    pool.join()
    listener.stop()  # handles what is still queued, then ends the thread
