"""Changing a list stored in a manager dict: the trap and two ways out."""

from multiprocessing import Manager

if __name__ == "__main__":
    with Manager() as manager:
        shared = manager.dict()
        shared["fruit"] = []
        shared["fruit"].append("apple")  # appends to a copy, then drops it
        print("append to the value:", shared["fruit"])

        fruit = shared["fruit"]  # a copy
        fruit.append("apple")
        shared["fruit"] = fruit  # assigned back: sent to the manager
        print("assign it back:", shared["fruit"])

        shared["veg"] = manager.list()  # a proxy stored in the dict
        shared["veg"].append("leek")  # goes to the list in the manager
        print("store a proxy:", list(shared["veg"]))
