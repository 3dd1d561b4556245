"""os.fork(), POSIX only: the child leaves with os._exit(); the parent waits."""

import os

if __name__ == "__main__":
    pid = os.fork()  # returns twice: 0 in the child, its PID in the parent
    if pid == 0:
        parent = os.getppid()
        print(f"child: pid {os.getpid()}, parent pid {parent}", flush=True)
        os._exit(0)  # leave here: never run the parent's code below
    _, status = os.waitpid(pid, 0)  # wait, so the child is not left a zombie
    code = os.waitstatus_to_exitcode(status)
    print(f"parent: pid {os.getpid()}, child pid {pid} exited with code {code}")
