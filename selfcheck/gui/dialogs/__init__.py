"""The dialogs: export, problem and close-out, checklist import, moving to a newer checklist version, new inspection, settings, first-run setup, printing."""
