"""An Event: a flag every process can wait for; once set, it stays set."""

from multiprocessing import Event, Process


def read_data(name, ready):
    ready.wait()  # blocks until the event is set
    print(f"{name}: the event is set, reading the data", flush=True)


if __name__ == "__main__":
    ready = Event()
    early = Process(target=read_data, args=("early child", ready))
    early.start()
    print("parent: early child started, preparing the data")
    ready.set()  # wakes every process waiting on the event
    early.join()
    late = Process(target=read_data, args=("late child", ready))
    late.start()  # the event is still set: its wait() returns at once
    late.join()
    ready.clear()
    print(f"parent: after clear(), wait(0.1) returns {ready.wait(0.1)}")
