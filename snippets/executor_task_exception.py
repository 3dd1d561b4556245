"""result() raises the task's exception, with the worker's traceback."""

from concurrent.futures import ProcessPoolExecutor


def parse(text):
    return int(text)


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as executor:
        future = executor.submit(parse, "forty-two")
        print(f"exception(): {future.exception()!r}")  # waits, never raises
        try:
            future.result()
        except ValueError as error:
            print(f"result() raised {error!r}")
            print(f"from the worker:{error.__cause__}")
