"""Signals during a build: Ctrl-C, SIGTERM and SIGHUP stop it only where stopping is safe."""
from __future__ import annotations

import signal
import threading

_INTERRUPTS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class Interrupts:
    """Turn SIGINT, SIGTERM and SIGHUP into exceptions only where stopping is safe; hold them elsewhere.

    Outside `allowed()` a signal is only recorded, and delivered once the output
    folder is consistent again. The first signal raises at most once: every later
    one is recorded, so cleanup after an interrupt is never itself interrupted.
    """

    def __init__(self) -> None:
        self.pending: int | None = None
        self.raised = False
        self.allow = False
        self.previous: dict[int, object] = {}

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return  # only the main thread may handle signals; a caller's own thread keeps its behaviour
        for sig in _INTERRUPTS:
            if signal.getsignal(sig) is signal.SIG_IGN:
                continue  # ignored on purpose (nohup, a background job): it stays ignored
            self.previous[sig] = signal.signal(sig, self._handle)

    def restore(self) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous.clear()

    def _handle(self, signum, frame) -> None:
        if self.pending is None:
            self.pending = signum
        if self.allow and not self.raised:
            self.raised = True
            raise _exception_for(signum)

    def allowed(self) -> _Allowed:
        return _Allowed(self)

    def deliver(self) -> None:
        """Raise the interrupt that arrived while stopping was unsafe."""
        if self.pending is not None and not self.raised:
            self.raised = True
            raise _exception_for(self.pending)


class _Allowed:
    def __init__(self, interrupts: Interrupts):
        self.interrupts = interrupts

    def __enter__(self):
        self.interrupts.allow = True
        if self.interrupts.pending is not None:
            self.interrupts.deliver()

    def __exit__(self, kind, exc, tb):
        self.interrupts.allow = False
        if isinstance(exc, Exception) and self.interrupts.raised and self.interrupts.pending is not None:
            # The interrupt was raised inside a library that caught it and then failed on its own
            # half-done state (reportlab: "forward reference ... not resolved"): report the interrupt.
            raise _exception_for(self.interrupts.pending) from exc


class Terminated(BaseException):
    """The build was stopped by SIGTERM; like KeyboardInterrupt, not an Exception. The CLI exits 128 + signum.

    The signal is a class attribute, not an argument: libraries that re-raise an
    exception with a new message (reportlab does) keep its class, not its args.
    """

    signum = signal.SIGTERM


class HungUp(Terminated):
    """The build was stopped by SIGHUP (its terminal went away)."""

    signum = getattr(signal, "SIGHUP", 1)


def _exception_for(signum: int) -> BaseException:
    if signum == signal.SIGINT:
        return KeyboardInterrupt()
    return Terminated() if signum == signal.SIGTERM else HungUp()
