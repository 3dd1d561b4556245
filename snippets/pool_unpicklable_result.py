"""A pool task returns a generator: the result cannot be sent back."""

from multiprocessing import Pool


def squares(n):
    return (x * x for x in range(n))  # a generator: cannot be pickled


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.apply(squares, (3,)))
