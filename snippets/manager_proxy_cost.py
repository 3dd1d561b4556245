"""A child sends 1,000 results to its parent: through a list proxy, then through
a Queue. Each way is timed five times; the best times are compared.

Every proxy call is a round trip to the manager process. Queue.put() does not
wait: a background thread of the child sends the items.
"""

import time
from multiprocessing import Manager, Pipe, Process, Queue

N = 1_000


def reporter(commands, shared, queue):
    while (way := commands.recv()) is not None:
        for i in range(N):
            if way == "proxy":
                shared.append(i)  # waits for the manager's answer
            else:
                queue.put(i)  # returns at once
        commands.send("sent")


def send_all(commands, way, queue):
    """Seconds from the order until the results have all arrived."""
    start = time.perf_counter()
    commands.send(way)
    if way == "queue":
        for _ in range(N):
            queue.get()
    commands.recv()  # for the proxy: the list in the manager has them all
    return time.perf_counter() - start


if __name__ == "__main__":
    with Manager() as manager:
        shared = manager.list()
        queue = Queue()
        commands, child_end = Pipe()
        child = Process(target=reporter, args=(child_end, shared, queue))
        child.start()  # its start-up is not timed
        times = {"proxy": [], "queue": []}
        for _ in range(5):
            for way, seconds in times.items():
                seconds.append(send_all(commands, way, queue))
        commands.send(None)
        child.join()
        print(f"the list in the manager holds {len(shared):,} results")
    by_proxy, by_queue = min(times["proxy"]), min(times["queue"])
    verdict = "slower" if by_proxy > by_queue else "NOT slower"
    print(f"the proxy calls were {verdict} than the queue")
    print(f"they took {by_proxy / by_queue:.1f} times as long")
