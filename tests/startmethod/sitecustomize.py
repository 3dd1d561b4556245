"""Force multiprocessing's start method from outside a snippet.

The snippet runner puts this folder on PYTHONPATH and sets MPDOCS_START_METHOD
to fork, spawn or forkserver. Python imports sitecustomize at start-up, so the
snippet runs as if that method were its platform's default, without any edit.

It changes the *default* rather than calling set_start_method(), so a snippet
may still call set_start_method() or get_context() itself, as readers would.
"""

import os

_method = os.environ.get("MPDOCS_START_METHOD")
if _method:
    from multiprocessing import context as _context

    # Private, but stable since 3.4: DefaultContext keeps the platform default
    # here until set_start_method() is called.
    _context._default_context._default_context = _context._concrete_contexts[_method]
