"""A Condition: a process sleeps until shared state meets its predicate."""

from multiprocessing import Condition, Process, Value


def produce(count, changed):
    for _ in range(3):
        with changed:  # the condition's lock also guards `count`
            count.value += 1
            print(f"producer: count = {count.value}", flush=True)
            changed.notify_all()


def consume(count, changed):
    with changed:
        changed.wait_for(lambda: count.value >= 3)  # rechecked on each notify
        print(f"consumer: count reached {count.value}", flush=True)


if __name__ == "__main__":
    count = Value("i", 0, lock=False)  # a shared int, guarded by `changed`
    changed = Condition()
    consumer = Process(target=consume, args=(count, changed))
    producer = Process(target=produce, args=(count, changed))
    consumer.start()
    producer.start()
    producer.join()
    consumer.join()
