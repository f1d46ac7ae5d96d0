"""What the pages' query-count tables share: a page opened at 3 records and again at 30."""


def assert_fixed_queries(client, django_assert_num_queries, add_records, url, expected):
    """Open `url()` after `add_records(numbers)` made records 0–2, then 3–29: `expected`
    queries both times, so what the page reads cannot grow with the rows it shows."""
    for numbers in (range(3), range(3, 30)):
        add_records(numbers)
        with django_assert_num_queries(expected):
            assert client.get(url()).status_code == 200, url()
