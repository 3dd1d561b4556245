"""An exception in a Process child: the parent sees only the exit code."""

from multiprocessing import Process


def fail():
    raise ValueError("something went wrong in the child")


if __name__ == "__main__":
    child = Process(target=fail)
    child.start()
    child.join()  # returns normally: nothing is raised in the parent
    print(f"child exit code: {child.exitcode}")
    print("the parent carries on")
