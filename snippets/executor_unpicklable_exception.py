"""An exception that cannot be unpickled breaks a ProcessPoolExecutor."""

from concurrent.futures import ProcessPoolExecutor


class ParseError(Exception):
    def __init__(self, line, reason):
        super().__init__(f"line {line}: {reason}")  # keeps the message only
        self.line = line


def parse(line):
    raise ParseError(line, "not a number")


if __name__ == "__main__":
    with ProcessPoolExecutor(1) as executor:
        executor.submit(parse, 3).result()
