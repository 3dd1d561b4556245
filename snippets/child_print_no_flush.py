"""Two children print without flushing while stdout is a pipe (`| cat`)."""

from multiprocessing import Event, Process


def slow(started, go_on):
    print("slow child: started")
    started.set()
    go_on.wait()  # until the fast child has finished
    print("slow child: finished")


def fast():
    print("fast child: started")
    print("fast child: finished")


if __name__ == "__main__":
    started, go_on = Event(), Event()
    print("parent: starting the slow child")
    slow_child = Process(target=slow, args=(started, go_on))
    slow_child.start()
    started.wait()  # the slow child has printed its first line
    print("parent: starting the fast child")
    fast_child = Process(target=fast)
    fast_child.start()
    fast_child.join()
    go_on.set()
    slow_child.join()
    print("parent: both children joined")
