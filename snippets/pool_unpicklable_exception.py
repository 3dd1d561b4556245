"""A task raises an exception that cannot be unpickled: get() waits forever."""

from multiprocessing import Pool


class ParseError(Exception):
    def __init__(self, line, reason):
        super().__init__(f"line {line}: {reason}")  # keeps the message only
        self.line = line


def parse(line):
    raise ParseError(line, "not a number")


if __name__ == "__main__":
    with Pool(1) as pool:
        print("calling apply_async(), then get()", flush=True)
        result = pool.apply_async(parse, (3,))
        print(result.get())  # never returns
