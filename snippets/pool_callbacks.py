"""apply_async() with a callback for results and one for exceptions."""

import threading
from multiprocessing import Pool, current_process


def parse(text):
    return int(text)


def on_result(value):
    # Runs in the parent process, in a thread of the pool: keep it short.
    process = current_process().name
    thread = threading.current_thread().name
    print(f"callback({value!r}) in {process}, thread {thread}")


def on_error(error):
    print(f"error_callback({error!r})")


if __name__ == "__main__":
    with Pool(2) as pool:
        results = [
            pool.apply_async(
                parse, (text,), callback=on_result, error_callback=on_error
            )
            for text in ["1", "22", "x"]
        ]
        pool.close()
        pool.join()  # every callback has run when join() returns
    print("successful:", [result.successful() for result in results])
