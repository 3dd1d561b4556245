"""JoinableQueue: join() returns once every item got its task_done()."""

from multiprocessing import JoinableQueue, Process, Queue


def work(tasks, results):
    while True:
        number = tasks.get()
        if number is not None:  # None is the sentinel: stop
            results.put(number * number)
        tasks.task_done()  # exactly one call for each get()
        if number is None:
            break


if __name__ == "__main__":
    tasks, results = JoinableQueue(), Queue()
    workers = [Process(target=work, args=(tasks, results)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for number in range(6):
        tasks.put(number)
    tasks.join()  # waits for the tasks, not for the processes
    print("tasks.join() returned: all 6 tasks are done")
    print(f"workers still running: {sum(w.is_alive() for w in workers)}")
    print(f"results: {sorted(results.get() for _ in range(6))}")
    for _ in workers:
        tasks.put(None)  # one sentinel per worker
    for worker in workers:
        worker.join()
    print("both workers stopped")
