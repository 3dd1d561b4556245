"""An exception raised in a pool task is raised again by get() in the parent."""

from multiprocessing import Pool


def parse(text):
    return int(text)


if __name__ == "__main__":
    with Pool(2) as pool:
        result = pool.apply_async(parse, ("forty-two",))
        print("submitted; get() waits for the result")
        print(result.get())
