"""The app under a kill: opens the main window on an inspection and answers items by key presses, printing
each (item, option) before its key press ("typing") and after it was handled ("typed"), until the parent kills it
(SIGKILL)."""

from __future__ import annotations

import os
import random
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def main() -> None:
    folder, inspection_id, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    from selfcheck.gui.app import make_application
    from selfcheck.gui.main_window import MainWindow
    from selfcheck.storage import Store

    app = make_application()
    store = Store.open(folder, install_builtins=False)
    window = MainWindow(store)
    window.show()
    window.activateWindow()
    while not window.isActiveWindow():  # keys reach shortcuts only in the active window, as on a desktop
        app.processEvents()
    page = window.open_inspection(inspection_id)
    filling = page.filling
    choices = [e for e in filling.entries if e.item is not None and e.item.type == "choice"]
    rng = random.Random(seed)
    print("ready", flush=True)
    while True:
        entry = rng.choice(choices)
        options = filling.template.options_for(entry.item)  # type: ignore[arg-type]
        n = rng.randint(1, min(9, len(options)))
        filling.select(entry.id)
        filling.tree.setFocus()
        print(f"typing {entry.id} {options[n - 1].key}", flush=True)  # may be killed before it is saved
        QTest.keyClick(filling.tree, Qt.Key(Qt.Key.Key_0 + n))
        # Printed only after the key press was handled: from here on the answer must survive a kill.
        print(f"typed {entry.id} {options[n - 1].key}", flush=True)
        app.processEvents()


if __name__ == "__main__":
    main()
