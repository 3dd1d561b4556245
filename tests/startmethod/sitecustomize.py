"""Run a snippet as a reader would, from outside it: start method and stdout.

The snippet runner puts this folder on PYTHONPATH and sets MPDOCS_START_METHOD
to fork, spawn or forkserver. Python imports sitecustomize at start-up, so the
snippet runs as if that method were its platform's default, without any edit.

It changes the *default* rather than calling set_start_method(), so a snippet
may still call set_start_method() or get_context() itself, as readers would.

With MPDOCS_LINE_BUFFERED=1, stdout becomes line-buffered, as it is in a
terminal. Under `python -u` with a pipe, print("x") makes two writes ("x",
then the newline), so lines of concurrent processes could be spliced together
in a way no reader at a terminal would see.

With MPDOCS_SHM_LOG and MPDOCS_SEMPREFIX (tests/snippet_runner.py, _ShmWatch),
each process of the run appends the name of every POSIX shared-memory block it
creates to that file, and names its semaphores with that prefix, so that the
runner finds what the run left in /dev/shm, whatever concurrent runs create.
"""

import os
import sys

if os.environ.get("MPDOCS_LINE_BUFFERED"):
    sys.stdout.reconfigure(line_buffering=True, write_through=False)

_method = os.environ.get("MPDOCS_START_METHOD")
if _method:
    from multiprocessing import context as _context

    # Private, but stable since 3.4: DefaultContext keeps the platform default
    # here until set_start_method() is called.
    _context._default_context._default_context = _context._concrete_contexts[_method]
    if os.environ.get("MPDOCS_SEMPREFIX"):  # copied into children with _config
        _context.process.current_process()._config["semprefix"] = os.environ["MPDOCS_SEMPREFIX"]

if os.environ.get("MPDOCS_SHM_LOG"):
    import _posixshmem

    def _logging(shm_open, log=os.environ["MPDOCS_SHM_LOG"]):
        def logged_shm_open(path, flags, mode=0o777):
            fd = shm_open(path, flags, mode=mode)
            if flags & os.O_CREAT:
                with open(log, "a", encoding="utf-8") as f:
                    f.write(path + "\n")
            return fd

        return logged_shm_open

    _posixshmem.shm_open = _logging(_posixshmem.shm_open)
