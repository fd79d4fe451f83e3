"""Does this Python environment hold exactly the versions pinned in requirements.txt?

    python scripts/lockcheck.py          exit 1, naming each difference, if it does not (build.spec and a test use it)
    python scripts/lockcheck.py --diff   list the differences and exit 0 (setup.sh test-newest: what an upgrade brings)

Only the pins whose environment markers apply here are compared (the lock is universal: Windows-only packages
such as pywin32-ctypes are not expected on Linux).
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path = LOCK) -> dict[str, tuple[str, str | None]]:
    """name → (version, marker or None), from the lock's `name==version ; marker \\` lines."""
    found: dict[str, tuple[str, str | None]] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = _PIN.match(line)
        if m:
            found[normalise(m.group(1))] = (m.group(2), m.group(3))
    return found


def applies(marker: str | None) -> bool:
    if not marker:
        return True
    from packaging.markers import Marker

    return Marker(marker).evaluate()


def differences(lock: Path = LOCK) -> list[str]:
    """One line per pin that applies here and is missing or at another version."""
    out = []
    for name, (version, marker) in sorted(pins(lock).items()):
        if not applies(marker):
            continue
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            out.append(f"{name}: locked {version}, not installed")
            continue
        if have != version:
            out.append(f"{name}: locked {version}, installed {have}")
    return out


def main(argv: list[str]) -> int:
    diff = differences()
    for line in diff:
        print(line)
    if "--diff" in argv:
        if not diff:
            print("(none)")
        return 0
    if diff:
        print(
            f"this environment does not match {LOCK}: run bash scripts/setup.sh test (or pip install "
            "--require-hashes -r requirements.txt)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
