"""Spreadsheet import and export for the back office.

Staff keep their records in Excel. A Resource (one per importable model, in `<app>/resources.py`)
names the columns as staff write them and how each cell becomes a field: references by name or
code, never database ids. `import_table` (the service) checks every row, writes all or nothing
and records the acting user in the history; `export_rows` writes the same columns back out.
"""

from .columns import (
    Boolean,
    Choice,
    ChoiceList,
    Date,
    Decimal,
    Integer,
    Ref,
    RefList,
    Text,
)
from .export import export_csv, export_xlsx, neutralise
from .reading import ImportFileError, read_table
from .resources import Resource
from .service import ImportReport, RowReport, import_table

__all__ = [
    "Boolean",
    "Choice",
    "ChoiceList",
    "Date",
    "Decimal",
    "ImportFileError",
    "ImportReport",
    "Integer",
    "Ref",
    "RefList",
    "Resource",
    "RowReport",
    "Text",
    "export_csv",
    "export_xlsx",
    "import_table",
    "neutralise",
    "read_table",
]
