"""Executor.map(buffersize=...), new in 3.14: input read as results go."""

from concurrent.futures import ProcessPoolExecutor


def square(n):
    return n * n


def numbers():
    for n in range(5):
        print(f"read {n}")
        yield n


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        # reads and submits up to 2 items ahead of the result it waits for
        for result in executor.map(square, numbers(), buffersize=2):
            print(f"got {result}")
