"""The Qt item models, testable without a window: the filling outline, the ledger, the installed checklists."""
