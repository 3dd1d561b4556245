"""The same exception, made picklable: get() raises it in the parent."""

from multiprocessing import Pool


class ParseError(Exception):
    def __init__(self, line, reason):
        super().__init__(line, reason)  # every argument: pickle can rebuild it
        self.line = line
        self.reason = reason

    def __str__(self):
        return f"line {self.line}: {self.reason}"


def parse(line):
    raise ParseError(line, "not a number")


if __name__ == "__main__":
    with Pool(1) as pool:
        try:
            pool.apply(parse, (3,))
        except ParseError as error:
            print(f"ParseError in the parent: {error} (line {error.line})")
