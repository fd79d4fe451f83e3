"""Storage of what signing needs: the signature and seal images, the identity, the export log."""

from __future__ import annotations

import pytest

from selfcheck.errors import ConflictError, RuleError
from selfcheck.storage import Store

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def test_images_are_kept_and_checked(mini_store: Store) -> None:
    mini_store.set_school_images(signature=PNG)
    assert mini_store.school_images() == (PNG, None)
    mini_store.set_school_images(seal=PNG + b"x")
    assert mini_store.school_images() == (PNG, PNG + b"x")
    with pytest.raises(RuleError):
        mini_store.set_school_images(seal=b"GIF89a")
    with pytest.raises(RuleError):
        mini_store.set_school_images(seal=PNG + b"\0" * (5 * 1024 * 1024))
    assert mini_store.school_images() == (PNG, PNG + b"x")
    assert [e.field for e in mini_store.audit("school") if e.field and e.field.endswith("_image")] == [
        "signature_image",
        "seal_image",
    ]


def test_images_need_a_school(store: Store) -> None:
    with pytest.raises(RuleError):
        store.set_school_images(signature=PNG)


def test_identity_is_never_replaced_silently(store: Store) -> None:
    assert store.identity() is None
    key = b"-----BEGIN ENCRYPTED PRIVATE KEY-----\n...\n-----END ENCRYPTED PRIVATE KEY-----\n"
    store.set_identity(key, b"CERT", "AB:CD")
    assert store.identity() == (key, b"CERT", "AB:CD")
    with pytest.raises(ConflictError):
        store.set_identity(key, b"OTHER", "EF:01")
    assert store.identity() == (key, b"CERT", "AB:CD")


def test_a_plain_key_is_refused(store: Store) -> None:
    with pytest.raises(RuleError):
        store.set_identity(b"-----BEGIN PRIVATE KEY-----", b"CERT", "AB")
    assert store.identity() is None
