"""Moving bytes to a child process: Queue, Pipe and shared memory (MiB/s)."""

import os
import platform
import sys
import time
from functools import partial
from multiprocessing import Pipe, Process, Queue, get_start_method
from multiprocessing.shared_memory import SharedMemory

QUICK = "--quick" in sys.argv  # a rough run in a fraction of a second
KiB, MiB = 1024, 1024 * 1024
SIZES = [1 * KiB, 32 * KiB, 1 * MiB, 32 * MiB]  # bytes per message
TOTAL = 1 * MiB if QUICK else 128 * MiB  # bytes sent per size, at most ...
MESSAGES = 200 if QUICK else 10_000  # ... in this many messages at most
REPEAT = 1 if QUICK else 3  # each figure is the best of REPEAT runs
RUNS = "one run" if REPEAT == 1 else f"best of {REPEAT} runs"

# Each reader runs in a child: it learns how many messages follow (0: stop),
# takes them all, then says so.


def queue_reader(inbox, done):
    while count := inbox.get():
        for _ in range(count):
            inbox.get()
        done.put(count)


def pipe_reader(conn):
    while count := conn.recv():
        for _ in range(count):
            conn.recv()
        conn.send(count)


def shared_memory_reader(block, conn):
    while count := conn.recv():
        for _ in range(count):
            size = conn.recv()  # a message of `size` bytes is in the block
            bytes(block.buf[:size])  # copy it out, as a queue or pipe would
            conn.send(size)  # the block is free for the next message
        conn.send(count)
    block.close()


# The parent sends `count` messages, each `payload`, and waits for the reader.


def send_by_queue(inbox, done, payload, count):
    inbox.put(count)
    for _ in range(count):
        inbox.put(payload)
    if count:
        done.get()


def send_by_pipe(conn, payload, count):
    conn.send(count)
    for _ in range(count):
        conn.send(payload)
    if count:
        conn.recv()


def send_by_shared_memory(block, conn, payload, count):
    conn.send(count)
    for _ in range(count):
        block.buf[: len(payload)] = payload
        conn.send(len(payload))
        conn.recv()  # wait until the reader has its copy
    if count:
        conn.recv()


def throughput(send, size):
    """MiB/s for messages of `size` bytes: the best of REPEAT runs."""
    count = max(1, min(MESSAGES, TOTAL // size))
    payload = bytes(size)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        send(payload, count)
        times.append(time.perf_counter() - start)
    return count * size / MiB / min(times)


def measure(reader, reader_args, send):
    """Start a reader child, time each message size, then stop the child."""
    child = Process(target=reader, args=reader_args)
    child.start()
    send(b"ready?", 1)  # returns once the child is up and reading
    figures = [throughput(send, size) for size in SIZES]
    send(b"", 0)
    child.join()
    return figures


def label(size):
    return f"{size // MiB} MiB" if size >= MiB else f"{size // KiB} KiB"


def cores():
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count()
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


if __name__ == "__main__":
    print(
        f"CPython {platform.python_version()} on {platform.system()}, "
        f"{cores()} cores, start method {get_start_method()}"
    )
    print(f"work: up to {TOTAL // MiB} MiB per size, {RUNS}")
    inbox, done = Queue(), Queue()
    pipe_here, pipe_there = Pipe()
    block = SharedMemory(create=True, size=max(SIZES))
    shm_here, shm_there = Pipe()
    try:
        columns = [
            measure(
                queue_reader, (inbox, done), partial(send_by_queue, inbox, done)
            ),
            measure(
                pipe_reader, (pipe_there,), partial(send_by_pipe, pipe_here)
            ),
            measure(
                shared_memory_reader,
                (block, shm_there),
                partial(send_by_shared_memory, block, shm_here),
            ),
        ]
    finally:
        block.close()
        block.unlink()
    print(f"{'MiB/s':<8}{'Queue':>10}{'Pipe':>10}{'shared memory':>16}")
    for size, queue, pipe, shm in zip(SIZES, *columns, strict=True):
        print(f"{label(size):<8}{queue:10.1f}{pipe:10.1f}{shm:16.1f}")
