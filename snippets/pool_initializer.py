"""The initializer runs once in each worker process, before its first task."""

import os
import sqlite3
from multiprocessing import Pool

connection = None  # each worker process opens its own in connect()


def connect():
    global connection
    connection = sqlite3.connect(":memory:")  # cannot be pickled, nor shared
    print(f"connected in pid {os.getpid()}", flush=True)


def square(n):
    (result,) = connection.execute("SELECT ? * ?", (n, n)).fetchone()
    return result


if __name__ == "__main__":
    pool = Pool(2, initializer=connect)
    results = pool.map(square, range(6))
    pool.close()
    pool.join()  # both workers have started (and connected) by now
    print(results)
