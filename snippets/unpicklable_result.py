"""A task returns what cannot be pickled: both pools report it clearly."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def squares(count):
    return (n * n for n in range(count))  # a generator: it cannot be pickled


if __name__ == "__main__":
    with Pool(1) as pool:
        try:
            pool.apply(squares, (3,))
        except Exception as error:
            print("Pool.apply() raised:")
            print(f"{type(error).__name__}: {error}")
    with ProcessPoolExecutor(1) as executor:
        try:
            executor.submit(squares, 3).result()
        except Exception as error:
            print("ProcessPoolExecutor: Future.result() raised:")
            print(f"{type(error).__name__}: {error}")
