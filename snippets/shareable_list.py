"""A ShareableList: a fixed-length list in shared memory."""

from multiprocessing import Process
from multiprocessing.shared_memory import ShareableList


def update(name):
    items = ShareableList(name=name)  # attach by name
    items[0] += 1
    items[1] = "done"
    items.shm.close()


if __name__ == "__main__":
    items = ShareableList([41, "pending", 2.5, None])
    child = Process(target=update, args=(items.shm.name,))
    child.start()
    child.join()
    print(list(items))
    try:
        items[1] = "finished at last"  # longer than the space given to it
    except ValueError as error:
        print(f"ValueError: {error}")
    items.shm.close()
    items.shm.unlink()
