"""Hand 16 MiB to a child twice: pickled through a pipe, then in shared memory.

The child computes a checksum of what it gets. Each way is timed three times,
from sending to the child's answer, and the best times are compared.
"""

import time
import zlib
from multiprocessing import Pipe, Process, shared_memory

SIZE = 16 * 1024 * 1024


def checksummer(conn):
    while (message := conn.recv()) is not None:
        if isinstance(message, str):  # the name of a shared-memory block
            block = shared_memory.SharedMemory(name=message)
            conn.send(zlib.crc32(block.buf))  # reads the block in place
            block.close()
        else:  # bytes: a copy, unpickled from the pipe
            conn.send(zlib.crc32(message))


def best_time(conn, message):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        conn.send(message)
        checksum = conn.recv()
        times.append(time.perf_counter() - start)
    return min(times), checksum


if __name__ == "__main__":
    data = bytes(range(256)) * (SIZE // 256)
    block = shared_memory.SharedMemory(create=True, size=SIZE)
    block.buf[:] = data  # as if the data had been made in the block
    here, there = Pipe()
    child = Process(target=checksummer, args=(there,))
    child.start()
    pickled, checksum = best_time(here, data)
    print(f"pickled: the child got a copy, checksum {checksum:#010x}")
    shared, checksum = best_time(here, block.name)
    print(f"shared:  the child read the block, checksum {checksum:#010x}")
    here.send(None)
    child.join()
    block.close()
    block.unlink()
    verdict = "faster" if shared < pickled else "NOT faster"
    print(f"sharing was {verdict} than pickling")
    print(f"pickling took {pickled / shared:.1f} times as long")
