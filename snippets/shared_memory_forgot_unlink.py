"""The creator closes a shared-memory block but never unlinks it."""

from multiprocessing import shared_memory

if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=1024)
    block.buf[:5] = b"hello"
    block.close()
    print("closed the block, but did not unlink it")
