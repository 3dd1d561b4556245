"""An exception in a Process: the child prints it; the parent sees exitcode."""

from multiprocessing import Process


def parse(text):
    return int(text)


if __name__ == "__main__":
    child = Process(target=parse, args=("forty-two",))
    child.start()
    child.join()  # returns normally: nothing is raised in the parent
    print(f"the parent goes on; the child's exitcode is {child.exitcode}")
