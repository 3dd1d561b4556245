"""Each pool worker opens its own database connection in the initializer."""

import os
import sqlite3
import tempfile
from multiprocessing import Pool

connection = None  # one per worker process, opened by connect()


def connect(path):  # the path pickles; a connection would not
    global connection
    connection = sqlite3.connect(path)


def price(item):
    query = "SELECT price FROM prices WHERE item = ?"
    (value,) = connection.execute(query, (item,)).fetchone()
    return f"{item}: {value}"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "shop.db")
        db = sqlite3.connect(path)
        with db:  # commits
            db.execute("CREATE TABLE prices (item TEXT, price REAL)")
            db.executemany(
                "INSERT INTO prices VALUES (?, ?)",
                [("apple", 0.5), ("pear", 0.75), ("plum", 0.25)],
            )
        db.close()
        with Pool(2, initializer=connect, initargs=(path,)) as pool:
            print(pool.map(price, ["apple", "pear", "plum"]))
