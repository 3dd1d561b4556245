"""A function defined in `python -c` code, as at the interactive prompt."""

import subprocess
import sys

PROGRAM = """
from multiprocessing import Process

def work():
    print("work() ran in the child", flush=True)

if __name__ == "__main__":
    child = Process(target=work)
    child.start()
    child.join()
    print(f"child exit code: {child.exitcode}", flush=True)
"""

if __name__ == "__main__":
    # Like a prompt or a notebook, `python -c` gives __main__ no file that a
    # child could import to find work().
    subprocess.run([sys.executable, "-c", PROGRAM], check=True)
