"""Multiprocessing with Pipe (after Vamei): two children talk both ways."""

import multiprocessing as mul


def proc1(conn):
    conn.send("hello")
    print("proc1 rec:", conn.recv(), flush=True)


def proc2(conn):
    print("proc2 rec:", conn.recv(), flush=True)
    conn.send("hello, too")


if __name__ == "__main__":
    end1, end2 = mul.Pipe()  # duplex by default: both ends send and receive
    # Pass one end of the pipe to process 1, the other end to process 2
    p1 = mul.Process(target=proc1, args=(end1,))
    p2 = mul.Process(target=proc2, args=(end2,))
    p1.start()
    p2.start()
    p1.join()
    p2.join()
