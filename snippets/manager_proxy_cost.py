"""A child hands 1,000 results to its parent: through a list proxy, then through
a Queue. It times its own loop five times each way; the best times are compared.

Every proxy call waits for the manager's answer. Queue.put() does not wait: a
background thread of the child sends the items.
"""

import time
from multiprocessing import Manager, Pipe, Process, Queue

N = 1_000


def reporter(commands, shared, queue):
    while (way := commands.recv()) is not None:
        start = time.perf_counter()
        for i in range(N):
            if way == "proxy":
                shared.append(i)  # a round trip to the manager
            else:
                queue.put(i)  # returns at once
        commands.send(time.perf_counter() - start)


if __name__ == "__main__":
    with Manager() as manager:
        shared = manager.list()
        queue = Queue()
        commands, child_end = Pipe()
        child = Process(target=reporter, args=(child_end, shared, queue))
        child.start()
        times = {"proxy": [], "queue": []}
        received = 0
        for _ in range(5):
            for way, seconds in times.items():
                commands.send(way)
                seconds.append(commands.recv())
                if way == "queue":
                    received += len([queue.get() for _ in range(N)])
        commands.send(None)
        child.join()
        print(f"the list in the manager holds {len(shared):,} results")
        print(f"the parent got {received:,} results from the queue")
    by_proxy, by_queue = min(times["proxy"]), min(times["queue"])
    verdict = "slower" if by_proxy > by_queue else "NOT slower"
    print(f"the proxy calls were {verdict} than the queue puts")
    print(f"they took {by_proxy / by_queue:.0f} times as long")
