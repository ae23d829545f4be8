"""Worker processes of the local pool (:mod:`pipeline.run.pool`).

A worker is forked from the warmed-up parent, dies with its parent (Linux: the kernel's
parent-death signal; elsewhere a thread that watches the parent), and answers each chunk of
tasks it receives with one ``(index, record)`` message per document, as each is done, so
that the parent knows which document a worker is on and since when.
"""
from __future__ import annotations

import ctypes
import functools
import os
import signal
import sys
import threading
import time
from collections import deque
from multiprocessing.connection import Connection
from typing import Any

from pipeline.run.document import Task, extract_record
from pipeline.run.limits import on_ocr_page

PR_SET_PDEATHSIG = 1        # <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """End this process as soon as ``parent_pid`` is gone (killed or not)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0:
                if os.getppid() != parent_pid:      # the parent died before prctl
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="vnplan-parent-watch", daemon=True).start()


def worker_main(conn: Connection, parent_pid: int) -> None:
    """The loop of a worker: chunks of ``(index, task)`` in, one ``(index, record)`` out per
    document; ``None`` or a closed pipe ends it."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for index, task in chunk:
            # (index, None): a page of this document sent to OCR (its time limit grows)
            with on_ocr_page(functools.partial(conn.send, (index, None))):
                rec = extract_record(*task)
            conn.send((index, rec))


class Worker:
    """One worker process, seen from the parent: its pipe, the tasks it has not answered
    yet, and when it started the one it is on."""

    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.tasks: deque[tuple[int, Task]] = deque()
        self.since = time.monotonic()

    def send(self, chunk: list[tuple[int, Task]]) -> None:
        self.tasks.extend(chunk)
        self.since = time.monotonic()
        try:
            self.conn.send(chunk)
        except OSError:         # it died just now: the parent sees it gone and replaces it
            pass

    def answered(self, index: int) -> None:
        """A record came back: the worker is now on its next task."""
        while self.tasks and self.tasks[0][0] != index:
            self.tasks.popleft()
        if self.tasks:
            self.tasks.popleft()
        self.since = time.monotonic()

    def kill(self) -> None:
        """Stop the process now (SIGKILL) and wait for it."""
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        """Ask an idle worker to end; kill it if it does not."""
        if not self.tasks:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
            self.proc.join(2)
        self.kill()
