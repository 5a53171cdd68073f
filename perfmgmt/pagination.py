"""Long lists in pages, so no page grows with the council: a list at ten times a council
sends the same page a small one does, with links to the rest."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from perfmgmt.query_params import whole_number

PER_PAGE = 50


@dataclass(frozen=True)
class Link:
    number: int | None  # None for the gap between far pages
    current: bool = False


@dataclass(frozen=True)
class ListPage:
    """One page of a list and what `includes/pagination.html` needs to link the others."""

    page: Page
    label: str  # what the list is, for the navigation's accessible name ("Pages of the scorecard")
    filters: str  # the query string without the page, for a link to the whole list as CSV

    @property
    def items(self):
        return self.page.object_list

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def total_label(self) -> str:
        return f"{self.total:,}"

    @property
    def showing(self) -> str:
        return f"Showing {self.page.start_index():,} to {self.page.end_index():,} of {self.total:,}."

    @property
    def links(self) -> list[Link]:
        if self.page.paginator.num_pages < 2:
            return []
        return [
            Link(None) if number == Paginator.ELLIPSIS else Link(number, current=number == self.page.number)
            for number in self.page.paginator.get_elided_page_range(self.page.number, on_each_side=1, on_ends=1)
        ]


def page_of(request, items, *, label: str, per_page: int | None = None) -> ListPage:
    """The page of `items` (a queryset, counted and sliced in the database, or a list) the
    request's `?page=` asks for: the last page when the number is past the end, a 404
    when it is not a number at all."""
    number = whole_number(request.GET.get("page")) or 1
    filters = request.GET.copy()
    filters.pop("page", None)
    return ListPage(Paginator(items, per_page or PER_PAGE).get_page(number), label, filters.urlencode())
