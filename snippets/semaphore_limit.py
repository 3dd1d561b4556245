"""A BoundedSemaphore(2) lets at most two processes in at a time."""

from multiprocessing import BoundedSemaphore, Event, Process


def visit(number, places, inside, leave):
    with places:  # blocks while both places are taken
        print(f"visitor {number}: in", flush=True)
        inside.set()
        leave.wait()  # stay until the parent says so
        print(f"visitor {number}: leaving", flush=True)


if __name__ == "__main__":
    places = BoundedSemaphore(2)
    inside = [Event() for _ in range(3)]
    leave = [Event() for _ in range(3)]
    visitors = [
        Process(target=visit, args=(n, places, inside[n], leave[n]))
        for n in range(3)
    ]
    for n in range(2):
        visitors[n].start()
        inside[n].wait()
    visitors[2].start()
    if not inside[2].wait(timeout=0.2):
        print("parent: after 0.2 s visitor 2 is not in: both places are taken")
    leave[0].set()  # visitor 0 leaves, and its place goes to visitor 2
    inside[2].wait()
    for n in (1, 2, 0):
        leave[n].set()
        visitors[n].join()
