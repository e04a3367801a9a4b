"""Coverage of the work the desk runs on Qt's thread pool (``make test`` loads this plugin).

coverage.py starts its tracer in the threads that Python's ``threading`` module starts (through
``threading.settrace``). QThreadPool's threads are started by Qt, so nothing the TaskRunner runs
there would be measured. coverage's ``sys.monitoring`` core, which sees every thread, needs Python
3.12 (3.14 with branch coverage); on 3.11 no ``concurrency`` setting reaches these threads. So, when
a tracer is running, each job installs on its pool thread the hook coverage left for new threads
(https://github.com/coveragepy/coveragepy/issues/686). Without coverage this plugin does nothing.
"""

from __future__ import annotations

import sys
import threading

import pytest


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    if threading.gettrace() is None:  # no coverage (or other tracer) is measuring this run
        return
    from app.ui import tasks

    untraced = tasks._Job.run

    def run(self: tasks._Job) -> None:
        hook = threading.gettrace()
        if hook is not None and sys.gettrace() is None:
            sys.settrace(hook)  # the next call on this thread starts coverage's tracer here
        untraced(self)

    tasks._Job.run = run  # type: ignore[method-assign]  # for this test run only
