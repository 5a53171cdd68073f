"""Moving an item up or down a list that has positions (worries, agenda items, paragraphs)."""

from collections.abc import Sequence

from perfmgmt.history import save_with_history


def moved(items: Sequence, item_pk: int, *, up: bool) -> list:
    """The items with one swapped with its neighbour (a no-op at either end)."""
    items = list(items)
    index = next(i for i, each in enumerate(items) if each.pk == item_pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    return items


def renumber(items: Sequence, by, reason: str) -> None:
    """Give items the positions 1, 2, 3... in order, saving only those that change."""
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            save_with_history(item, reason, by)
