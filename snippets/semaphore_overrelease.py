"""One release() too many: a Semaphore grows, a BoundedSemaphore refuses."""

from multiprocessing import BoundedSemaphore, Semaphore

if __name__ == "__main__":
    plain = Semaphore(2)
    plain.release()  # a bug: nothing was acquired
    print(f"Semaphore(2) after one release() too many: {plain}")
    bounded = BoundedSemaphore(2)
    try:
        bounded.release()
    except ValueError as exc:
        print(f"BoundedSemaphore(2) refuses: ValueError: {exc}")
