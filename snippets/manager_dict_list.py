"""Worker processes fill a dict and a list that live in a manager process."""

from multiprocessing import Manager, Process, active_children


def work(number, squares, finished, settings):
    squares[number] = number**settings.power  # each call: a message
    finished.append(number)  # to the manager process and back


if __name__ == "__main__":
    with Manager() as manager:  # starts the manager's server process
        print("children:", [child.name for child in active_children()])
        squares = manager.dict()
        finished = manager.list()
        settings = manager.Namespace()
        settings.power = 2
        print("proxies:", type(squares).__name__, type(finished).__name__)
        workers = [
            Process(target=work, args=(n, squares, finished, settings))
            for n in range(3)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        print("squares:", dict(sorted(squares.items())))
        print("finished:", sorted(finished))
    print("children:", [child.name for child in active_children()])
