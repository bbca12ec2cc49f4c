"""An ordered process pool that survives its workers: chunks go out to N processes, results come
back in input order, and a worker that dies (a crash in a native library, the out-of-memory
killer) costs only the input that killed it.

Generic on purpose: batch.py gives it the task (extract a chunk of articles) and what to write
for an input whose worker died; the tests give it tasks that crash on demand.
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# How often a worker checks that the batch that started it is still alive.
_PARENT_POLL_SECONDS = 1.0
# An error of the initializer in this worker (a missing model, say), raised by every task so that
# the batch stops with its message instead of taking it for a crash.
_INIT_ERROR: Exception | None = None


class OrderedPool(Generic[T, R]):
    """Run task(chunk) -> list of results in worker processes, yielding results in input order.

    `initializer(*initargs)` runs once in each worker (load the model there, once). At most
    2 x workers chunks are in flight, so memory stays bounded on any input size. When a worker
    dies, the chunks in flight are run again one input at a time, one task at a time, and an
    input whose task kills a worker again gets `on_crash(item)` as its result.
    """

    def __init__(
        self,
        task: Callable[[list[T]], list[R]],
        *,
        workers: int,
        on_crash: Callable[[T], R],
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.task = task
        self.workers = max(1, workers)
        self.on_crash = on_crash
        self.initializer = initializer
        self.initargs = initargs
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> OrderedPool[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(kill=exc[0] is not None)

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                # spawn: each worker starts clean and loads what it needs once, whatever the
                # parent has imported or started (threads, a progress bar)
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(), self.initializer, self.initargs),
            )
        return self._executor

    def close(self, *, kill: bool = False) -> None:
        """Stop the workers; kill=True ends them at once (interrupt, error)."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if kill:
            for process in list(getattr(executor, "_processes", {}).values()):
                if process.is_alive():
                    process.kill()
        executor.shutdown(wait=True, cancel_futures=True)

    def map(self, chunks: Iterable[list[T]]) -> Iterator[list[R]]:
        """The results of each chunk, in the order of the chunks."""
        source = iter(chunks)
        pending: collections.deque[tuple[list[T], Future[list[R]]]] = collections.deque()
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * self.workers:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                pending.append((chunk, self._submit(chunk)))
            if not pending:
                return
            chunk, future = pending[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                suspects = [item for chunk, _ in pending for item in chunk]
                pending.clear()
                self.close(kill=True)
                logger.warning(
                    "a worker process died; running the %d inputs in flight one by one",
                    len(suspects),
                )
                yield self._isolate(suspects)
                continue
            pending.popleft()
            yield result

    def _submit(self, chunk: list[T]) -> Future[list[R]]:
        """Send a chunk out; if the pool broke already (a worker died on an earlier chunk), the
        chunk's future carries that, and map() handles it with the others in flight."""
        try:
            return self._pool().submit(_call, self.task, chunk)
        except BrokenProcessPool as e:
            broken: Future[list[R]] = Future()
            broken.set_exception(e)
            return broken

    def _isolate(self, items: list[T]) -> list[R]:
        """Run each input alone; one that kills its worker again gets on_crash(item)."""
        results: list[R] = []
        for item in items:
            try:
                results.extend(self._pool().submit(_call, self.task, [item]).result())
            except BrokenProcessPool:
                self.close(kill=True)
                logger.error("a worker process died on an input; reported as an error")
                results.append(self.on_crash(item))
        return results


def _start_worker(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    # Ctrl-C goes to the whole process group: the batch decides what to do, not each worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if initializer is not None:
        try:
            initializer(*initargs)
        except Exception as e:
            global _INIT_ERROR
            _INIT_ERROR = e


def _call(task: Callable[[list[T]], list[R]], chunk: list[T]) -> list[R]:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    return task(chunk)


def _watch_parent(parent: int) -> None:
    """End this worker when the batch that started it is gone (killed with SIGKILL, say), so
    that no orphan keeps a model in memory."""
    while True:
        time.sleep(_PARENT_POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)
