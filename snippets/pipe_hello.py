"""A child process sends a message through a Pipe; the parent receives it."""

from multiprocessing import Pipe, Process


def send_greeting(conn):
    conn.send(["hello", 45, b"World!"])
    conn.close()


if __name__ == "__main__":
    parent_conn, child_conn = Pipe()  # duplex: both ends can send and receive
    child = Process(target=send_greeting, args=(child_conn,))
    child.start()
    print(parent_conn.recv())  # (1)!
    child.join()
