"""Pages of a list too long to count at every request (everyone in the party, when the whole
party is in view): one row more than the page is read to know whether another page follows."""

from __future__ import annotations

from django.core.paginator import InvalidPage, Paginator


class Window:
    """A page without a total, shaped like Django's `Page` for templates (`_pager.html`)."""

    paginator = None

    def __init__(self, queryset, number, size: int):
        try:
            self.number = max(1, int(number or 1))
        except (TypeError, ValueError):
            raise InvalidPage("not a page number") from None
        start = (self.number - 1) * size
        rows = list(queryset[start : start + size + 1])
        self.object_list = rows[:size]
        self._more = len(rows) > size

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self._more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_of(rows, number, size: int, *, counted: bool):
    """A page of `rows`: Django's, with its total, when `counted`; else a `Window` (a list too long
    to count at each view, such as a province's or the country's)."""
    return Paginator(rows, size).get_page(number) if counted else Window(rows, number, size)
