"""An import file is refused, with a message staff can act on, before it can hold up the server
(issue 25, item 5)."""

import io

import pytest
from openpyxl import Workbook

from portal.importing import read_table
from portal.importing.reading import ImportFileError


def test_a_sheet_with_more_records_than_an_import_holds_is_refused():
    content = ("姓名\n" + "".join(f"示例{n}\n" for n in range(5001))).encode()
    with pytest.raises(ImportFileError, match="5000"):
        read_table(name="people.csv", content=content)


def test_a_small_file_holding_tens_of_thousands_of_rows_is_refused_early():
    content = ("姓名\n" + "\n" * 60_000 + "王伟\n").encode()  # 60 KB, mostly empty rows
    with pytest.raises(ImportFileError, match="50000"):
        read_table(name="people.csv", content=content)


def test_an_xlsx_past_the_row_limit_is_refused_while_it_is_read():
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["姓名"])
    for n in range(5002):
        sheet.append([f"示例{n}"])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFileError, match="5000"):
        read_table(name="people.xlsx", content=buffer.getvalue())


def test_an_overlong_cell_is_refused_naming_its_row_and_column():
    content = ("姓名,简介\n王伟,短\n李娜," + "长" * 10_001 + "\n").encode()
    with pytest.raises(ImportFileError, match="第 3 行“简介”"):
        read_table(name="people.csv", content=content)


def test_a_file_within_the_limits_is_read():
    table = read_table(name="people.csv", content="姓名\n王伟\n".encode())
    assert [cells["姓名"] for _number, cells in table.rows] == ["王伟"]
