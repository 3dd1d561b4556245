"""Lock.locked() (new in 3.14): is the lock held right now?"""

from multiprocessing import Lock

if __name__ == "__main__":
    lock = Lock()
    print("before acquire:", lock.locked())
    with lock:
        print("inside with:", lock.locked())
    print("after release:", lock.locked())
