"""set_start_method() after something has already fixed the start method."""

import multiprocessing as mp

if __name__ == "__main__":
    queue = mp.Queue()  # made with the default start method, which is now fixed
    try:
        mp.set_start_method("spawn")
    except RuntimeError as exc:
        print(f"RuntimeError: {exc}")
    # A context still works: it leaves the global start method alone.
    spawn = mp.get_context("spawn")
    with spawn.Pool(1) as pool:
        print("a spawn pool:", pool.apply(pow, (2, 10)))
