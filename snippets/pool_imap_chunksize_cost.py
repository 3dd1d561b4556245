"""10,000 tiny tasks through imap(): chunksize=1 against chunksize=100."""

import time
from multiprocessing import Pool


def square(n):
    return n * n


def seconds_for(pool, chunksize):
    began = time.perf_counter()
    total = sum(pool.imap(square, range(10_000), chunksize=chunksize))
    assert total == sum(n * n for n in range(10_000))
    return time.perf_counter() - began


if __name__ == "__main__":
    with Pool(1) as pool:
        pool.apply(square, (0,))  # the worker is running: start-up is not timed
        one = seconds_for(pool, chunksize=1)
        hundred = seconds_for(pool, chunksize=100)
    print(f"chunksize=1:   {one:.2f} s")
    print(f"chunksize=100: {hundred:.2f} s")
    print(f"chunksize=1 took {one / hundred:.0f} times as long")
    print(f"at least 5 times as long: {one >= 5 * hundred}")
