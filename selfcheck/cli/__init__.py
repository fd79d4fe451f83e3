"""The command line: a thin skin over the core and the store, for bureau IT staff to script against."""
