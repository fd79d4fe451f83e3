"""The quarterly summary's and half-year assessment's actions shared by the CLI and the GUI: begin (or find) one,
its text as the next export prints it, and export: lay out, embed the data, sign as a report is signed, write to the
stick safely, verify the written file, and only then record it (which locks its text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from selfcheck.core.cadence import Kind
from selfcheck.reports.service import Exported, sign_or_attach, write_checked
from selfcheck.storage import Store
from selfcheck.storage.cadence import PeriodDocument


def begin(store: Store, kind: Kind, start: dt.date, end: dt.date) -> PeriodDocument:
    """The document of this kind and period: the one begun before (its edited text kept), or a new one."""
    found = store.find_period_document(kind, start, end)
    return found if found is not None else store.open_period_document(kind, start, end)


def narrative(store: Store, document_id: int) -> tuple[str, bool]:
    """The text as the next export prints it, and whether it is the principal's own (else written from the data)."""
    from selfcheck.reports import period_data

    text = period_data.build(store, document_id).document
    return text.narrative, text.edited


def written(store: Store, document_id: int) -> str:
    """The text written from the data, whatever the principal has saved: what "start again" offers."""
    from selfcheck.reports import period_data, period_narrative

    return period_narrative.write(period_data.build(store, document_id))


def export(
    store: Store,
    document_id: int,
    out: str | Path,
    *,
    passphrase: str | None,
    unsigned: bool = False,
    overwrite: bool = False,
) -> Exported:
    """Sign (with the school's key unless `unsigned`) and write the document; a signed file that verifies is recorded
    against the document, which is then done for the cadence and its text locked. An unsigned one is not recorded."""
    from selfcheck.reports import export as files
    from selfcheck.reports import period_data, period_layout

    data = period_data.build(store, document_id)
    _signature, seal_png = store.school_images()
    found = None if unsigned else store.identity()
    pdf = period_layout.render(data, seal_png=seal_png, signer_fingerprint=found[2] if found else None)
    fingerprint = None if found is None else found[2]
    document = sign_or_attach(pdf, data.canonical_json(), found, passphrase, f"学校{data.kind_label}")
    target = files.target_path(out, data.school.name, data.period.label, data.kind_label, overwrite=overwrite)
    path, digest = write_checked(target, document, None if found is None else found[1], ("文件", "file"), overwrite=overwrite)
    if found is not None:
        store.record_period_export(document_id, str(path), digest, fingerprint=fingerprint, document_id_text=data.document_id)
    return Exported(path, found is not None, fingerprint, data.document_id, data.fingerprint(), digest)
