"""A child attaches to a shared-memory block by name and changes it in place."""

from multiprocessing import Process, shared_memory


def shout(name):
    block = shared_memory.SharedMemory(name=name)  # attach: no copy
    block.buf[:5] = bytes(block.buf[:5]).upper()
    block.close()  # this process is done with the block


if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=5)
    block.buf[:5] = b"hello"
    child = Process(target=shout, args=(block.name,))
    child.start()
    child.join()
    print(f"the parent reads {bytes(block.buf[:5])!r}")
    block.close()  # every process closes its own handle
    block.unlink()  # one process, once: the block is freed
