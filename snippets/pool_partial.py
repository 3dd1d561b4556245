"""A module-level function and functools.partial instead of a lambda."""

import functools
from multiprocessing import Pool


def multiply(factor, x):  # module level: pickled by its name
    return factor * x


if __name__ == "__main__":
    with Pool(2) as pool:
        # not `lambda x: 10 * x`: a partial pickles the function and its 10
        print(pool.map(functools.partial(multiply, 10), range(5)))
