"""Executor.map() reads all its input at once, unless buffersize (3.14+)."""

import sys
from concurrent.futures import ProcessPoolExecutor


def numbers(count):
    for n in range(count):
        print(f"  read input {n}")
        yield n


def square(n):
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        print("map(square, numbers(4)):")
        for result in executor.map(square, numbers(4)):
            print(f"  result {result}")
        if sys.version_info >= (3, 14):
            print("map(square, numbers(4), buffersize=2):")
            for result in executor.map(square, numbers(4), buffersize=2):
                print(f"  result {result}")
