"""Files that cross the USB stick: signed checklists, Excel workbooks, the bureau's intake. No Qt, no SQLite."""
