"""Who is told when obligations are made, changed or removed, in the same transaction.

Later stages of the loop keep their own rows in step with the obligations: the rollup's counters,
and the activities' fulfilment (an activity recorded before its obligation existed counts towards
it once it is made). They register here from their `AppConfig.ready()`, so that `programs` never
imports a later stage. A listener is any object with some of `added(obligations)`,
`removed(obligations)` and `changed(obligation, before)`, where `before` is the obligation's
`status.contribution` before the change.
"""

from __future__ import annotations

_listeners: list = []


def listen(listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def _tell(event: str, *args) -> None:
    for listener in _listeners:
        handler = getattr(listener, event, None)
        if handler is not None:
            handler(*args)


def added(obligations: list) -> None:
    """After new obligation rows are inserted."""
    if obligations:
        _tell("added", obligations)


def removed(obligations: list) -> None:
    """Before obligation rows are deleted."""
    if obligations:
        _tell("removed", obligations)


def changed(obligation, before: tuple[int, int]) -> None:
    """After an obligation's done count or waiver changed."""
    _tell("changed", obligation, before)
