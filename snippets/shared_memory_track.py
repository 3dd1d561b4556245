"""A separate Python program attaches to a block, with and without tracking.

Run without arguments, this script is the owner: it creates a block, then runs
itself again as a separate program (not a multiprocessing child) that reads it.
"""

import subprocess
import sys
from multiprocessing import shared_memory


def read(name, track):
    if track:  # the default: this program's own resource tracker records it
        block = shared_memory.SharedMemory(name=name)
    else:  # Python 3.13 and later
        block = shared_memory.SharedMemory(name=name, track=False)
    print(f"reader (track={track}): read {bytes(block.buf[:5])!r}")
    block.close()  # close only: the owner will unlink it


def owner(track):
    block = shared_memory.SharedMemory(create=True, size=5)
    block.buf[:5] = b"hello"
    reader = subprocess.run(
        [sys.executable, __file__, block.name, str(track)],
        capture_output=True,  # returns once the reader's tracker has exited
        text=True,
    )
    print(reader.stdout, end="")
    for line in reader.stderr.splitlines():
        if "UserWarning: " in line:  # from the reader's resource tracker
            print("reader's tracker:", line.partition("UserWarning: ")[2])
    if reader.returncode:
        print("reader failed:", reader.stderr.splitlines()[-1])
    try:
        shared_memory.SharedMemory(name=block.name).close()
        print("owner: the block is still there")
        block.unlink()
    except FileNotFoundError:
        print("owner: the block is gone")
    block.close()


if __name__ == "__main__":
    if len(sys.argv) == 3:
        read(sys.argv[1], track=sys.argv[2] == "True")
    else:
        owner(track=True)
        owner(track=False)
