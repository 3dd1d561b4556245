"""Hand 16 MiB to a child twice: pickled through a pipe, then in shared memory.

Each hand-over is timed three times, from sending until the child holds the
data, and the best times are compared. The child then computes a checksum of
what it got (not timed), to show that it sees the same bytes.
"""

import time
import zlib
from multiprocessing import Pipe, Process, shared_memory

SIZE = 16 * 1024 * 1024


def checksummer(conn):
    while (message := conn.recv()) is not None:
        if isinstance(message, str):  # the name of a shared-memory block
            block = shared_memory.SharedMemory(name=message)
            conn.send("ready")  # attached: the bytes can be read in place
            conn.send(zlib.crc32(block.buf))
            block.close()
        else:  # bytes: a private copy, unpickled from the pipe
            conn.send("ready")
            conn.send(zlib.crc32(message))


def hand_over(conn, message):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        conn.send(message)
        conn.recv()  # "ready"
        times.append(time.perf_counter() - start)
        checksum = conn.recv()
    return min(times), checksum


if __name__ == "__main__":
    data = bytes(range(256)) * (SIZE // 256)
    block = shared_memory.SharedMemory(create=True, size=SIZE)
    block.buf[:] = data  # as if the data had been made in the block
    here, there = Pipe()
    child = Process(target=checksummer, args=(there,))
    child.start()
    pickled, checksum = hand_over(here, data)
    print(f"pickled: the child got a copy, checksum {checksum:#010x}")
    shared, checksum = hand_over(here, block.name)
    print(f"shared:  the child read the block, checksum {checksum:#010x}")
    here.send(None)
    child.join()
    block.close()
    block.unlink()
    verdict = "faster" if shared < pickled else "NOT faster"
    print(f"sharing was {verdict} than pickling")
    print(f"pickling took {pickled / shared:.0f} times as long")
