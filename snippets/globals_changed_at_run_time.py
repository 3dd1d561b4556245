"""A global the parent changes at run time: which value does the child see?"""

from multiprocessing import Process

setting = "the value set when the module is imported"


def show():
    print(f"the child sees:  {setting}", flush=True)


if __name__ == "__main__":
    setting = "the value the parent set at run time"  # rebinds the global
    print(f"the parent sees: {setting}")
    child = Process(target=show)
    child.start()
    child.join()
