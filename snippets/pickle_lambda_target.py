"""A lambda as a Process target: fine under fork, not under spawn/forkserver."""

from multiprocessing import Process

if __name__ == "__main__":
    child = Process(target=lambda: print("hello from the child", flush=True))
    child.start()  # spawn and forkserver pickle the Process object here
    child.join()
    print(f"child exit code: {child.exitcode}")
