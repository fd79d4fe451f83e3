"""The main screens: home, an inspection (filling, summary), the ledger, the checklists, the bureau's intake; `page.py` is what each is to the main window."""
