"""Write records out as .xlsx or as a .csv that Excel opens in Chinese, formula-safe."""

import csv
import datetime
import io

from django.utils import timezone

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Cells are data, never formulas: prefix a risky text cell with an apostrophe."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _rows(resource, queryset):
    yield resource.export_header()
    for obj in resource.export_queryset(queryset):
        yield [neutralise(value) for value in resource.export_row(obj)]


def export_csv(resource, queryset):
    """UTF-8 with a BOM: without it Excel on Chinese Windows reads the file as GBK."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _rows(resource, queryset):
        writer.writerow(
            [
                value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime.datetime) else value
                for value in row
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(resource, queryset, *, title):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=str(title)[:31])
    for row in _rows(resource, queryset):
        # Text stays text: openpyxl would otherwise read "=…" as a formula.
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
