"""A lambda as a Pool task: pool tasks are pickled under every start method."""

from multiprocessing import Pool

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(lambda x: x * x, range(5)))
