"""A Barrier(3): no process gets past wait() until all three are waiting."""

from multiprocessing import Barrier, Event, Process


def announce():  # run once, by the last process to arrive
    print("barrier: all 3 have arrived, releasing them", flush=True)


def work(barrier, passed):
    barrier.wait()
    passed.set()


if __name__ == "__main__":
    barrier = Barrier(3, action=announce)
    passed = [Event() for _ in range(3)]
    workers = [Process(target=work, args=(barrier, p)) for p in passed]
    workers[0].start()
    workers[1].start()
    if not any(p.wait(timeout=0.1) for p in passed[:2]):
        print("parent: after 0.2 s, neither worker 0 nor 1 is past the barrier")
    workers[2].start()
    for number, worker in enumerate(workers):
        passed[number].wait()
        worker.join()
        print(f"parent: worker {number} got past the barrier")
