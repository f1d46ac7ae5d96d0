"""What the pages' query-count tables share: a page opened at 3 records and again at 30."""


def assert_fixed_queries(client, django_assert_num_queries, add_records, url, expected, *, first=3):
    """Open `url()` after `add_records(numbers)` made `first` records (3), then 27 more:
    `expected` queries both times, so what the page reads cannot grow with the rows it shows.
    A second page needs a full first one (`first` past a page's size): a directory sends a
    page past its last to the last."""
    for numbers in (range(first), range(first, first + 27)):
        add_records(numbers)
        with django_assert_num_queries(expected):
            assert client.get(url()).status_code == 200, url()
