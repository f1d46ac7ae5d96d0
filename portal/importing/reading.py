"""Read an uploaded .xlsx or .csv into a header and numbered rows, whatever Excel produced."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
# Rows read at all, blank ones included: a small file can hold millions (a sheet whose last
# row is far down), and reading them all would time the request out.
MAX_SHEET_ROWS = 50_000
MAX_CELL_CHARS = 10_000
# Excel's "CSV UTF-8" adds a BOM; older Excel in Chinese Windows writes GB18030 (GBK).
ENCODINGS = ("utf-8", "gb18030")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message tells staff what to do."""


@dataclass
class Table:
    header: list
    rows: list  # (spreadsheet row number, {header: value})
    encoding: str = ""


def read_table(*, name, content):
    """Parse `content` (bytes) of a file called `name` into a Table."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("文件超过 5 MB，请分批导入。"))
    if not content.strip():
        raise ImportFileError(_("文件是空的。"))
    if content[:2] == b"PK" or name.lower().endswith(".xlsx"):
        grid, encoding = _xlsx_grid(content), "xlsx"
    elif name.lower().endswith((".csv", ".txt")):
        grid, encoding = _csv_grid(content)
    else:
        raise ImportFileError(_("只支持 .xlsx 或 .csv 文件。"))
    return _table(grid, encoding)


def decode_csv(content):
    """Text and the encoding it was in: UTF-8 (with or without BOM), UTF-16, or GB18030."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8"), "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16"), "utf-16"
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("无法识别文件编码，请在 Excel 中另存为“CSV UTF-8”后再导入。"))


def _csv_grid(content):
    text, encoding = decode_csv(content)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return list(_bounded(rows)), encoding


def _xlsx_grid(content):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # any unreadable workbook gets the same advice
        raise ImportFileError(_("无法读取 Excel 文件，请确认是 .xlsx 格式。")) from error
    sheet = book.worksheets[0]
    try:
        grid = [
            [_cell(value) for value in row] for row in _bounded(sheet.iter_rows(values_only=True))
        ]
    finally:
        book.close()
    return grid


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date() if value.time() == datetime.time() else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _bounded(rows):
    """The rows, refused as soon as there are more than an import may hold."""
    filled = 0
    for number, row in enumerate(rows, start=1):
        if number > MAX_SHEET_ROWS:
            raise ImportFileError(_("表格超过 50000 行（含空行），请删去多余的行后分批导入。"))
        if _filled(row):
            filled += 1
            if filled > MAX_ROWS + 1:  # the header and MAX_ROWS records
                raise ImportFileError(_("一次最多导入 5000 行，请分批导入。"))
        yield row


def _clean_header(text):
    return str(text).strip().rstrip("*＊").strip()


def _table(grid, encoding):
    numbered = [(number, row) for number, row in enumerate(grid, start=1) if _filled(row)]
    if not numbered:
        raise ImportFileError(_("文件里没有表头。"))
    header_row = numbered[0][1]
    header = [_clean_header(cell) for cell in header_row]
    while header and not header[-1]:
        header.pop()
    rows = []
    for number, values in numbered[1:]:
        values = list(values) + [""] * (len(header) - len(values))
        cells = {name: values[i] for i, name in enumerate(header) if name}
        for name, value in cells.items():
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise ImportFileError(
                    _("第 %(row)s 行“%(column)s”超过 10000 个字符，请检查这一格。")
                    % {"row": number, "column": name}
                )
        rows.append((number, cells))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("一次最多导入 5000 行，请分批导入。"))
    return Table(header=header, rows=rows, encoding=encoding)


def _filled(row):
    return any(str(cell).strip() for cell in row if cell is not None)
