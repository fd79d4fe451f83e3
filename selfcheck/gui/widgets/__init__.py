"""Widgets used by several screens: the signature pad and image chooser, the evidence panel, the drive list."""
