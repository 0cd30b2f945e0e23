"""What one uploaded file may hold, checked before it is read (and again as it is read), so that
a small file that unpacks to gigabytes, or holds millions of rows or one enormous cell, is
refused in a second with a plain reason instead of taking the server's memory and minutes of
its time. The numbers are documented in docs/imports.md#limits; the two a large landlord may
need to raise are settings (`IMPORT_MAX_ROWS`, `IMPORT_MAX_UNZIPPED_MB`).
"""

from django.conf import settings

# Problems listed for a file; reading stops at the next one. Every import of rows (records,
# survey answers) stops here and says so.
MAX_PROBLEMS = 1000
# Excel's own limit for the text of one cell; a CSV field may not be longer either.
MAX_CELL_CHARS = 32_767
# One CSV line (a record may span several when a quoted cell holds line breaks): enough for a
# row of 30 cells at Excel's limit, far more than any housing system's export.
MAX_LINE_BYTES = 4 * 1024 * 1024
# An XLSX file is a zip. Real workbooks unpack to 3 to 30 times their size; a part unpacking
# to more than this many times its packed size is built to explode.
MAX_COMPRESSION_RATIO = 100
# Parts smaller than this may have any ratio (a few KB of repeated styles packs very tightly).
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
# A workbook has a few dozen parts; the zip's directory is read whole, so its size is capped.
MAX_ZIP_PARTS = 10_000


def max_rows() -> int:
    """Rows a file may have after its header."""
    return settings.IMPORT_MAX_ROWS


def max_unzipped_bytes() -> int:
    """What the parts of an XLSX file may add up to, unpacked."""
    return settings.IMPORT_MAX_UNZIPPED_MB * 1024 * 1024
