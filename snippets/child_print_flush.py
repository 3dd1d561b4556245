"""Two children flush every line, so a pipe delivers them in order."""

from multiprocessing import Event, Process


def slow(started, go_on):
    print("slow child: started", flush=True)
    started.set()
    go_on.wait()  # until the fast child has finished
    print("slow child: finished", flush=True)


def fast():
    print("fast child: started", flush=True)
    print("fast child: finished", flush=True)


if __name__ == "__main__":
    started, go_on = Event(), Event()
    print("parent: starting the slow child", flush=True)
    slow_child = Process(target=slow, args=(started, go_on))
    slow_child.start()
    started.wait()  # the slow child has printed its first line
    print("parent: starting the fast child", flush=True)
    fast_child = Process(target=fast)
    fast_child.start()
    fast_child.join()
    go_on.set()
    slow_child.join()
    print("parent: both children joined", flush=True)
