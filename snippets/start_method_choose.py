"""Choose a start method in code: the program's default, or a context."""

import multiprocessing as mp


def square(x):
    return x * x


if __name__ == "__main__":
    # The default for the whole program: set it once, first thing under the
    # main guard, before anything creates a process, queue or lock.
    mp.set_start_method("forkserver")
    print("default start method:", mp.get_start_method())
    with mp.Pool(2) as pool:
        print("a forkserver pool:", pool.map(square, range(5)))

    # A context: this pool uses spawn, whatever the default is.
    spawn = mp.get_context("spawn")
    with spawn.Pool(2) as pool:
        print("a spawn pool:", pool.map(square, range(5)))

    print("available here:", mp.get_all_start_methods())
