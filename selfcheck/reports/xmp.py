"""The XMP metadata packet of every signed or data-carrying PDF of the app, written from its document info.

PDF 2.0 keeps a document's metadata in an XMP packet (the catalog's /Metadata stream); the info dictionary is
still read by most viewers. Both must say the same thing (PDF/A requires it): `packet()` turns what the info
dictionary holds into the packet, with the properties the XMP schemas name for each info entry:

    /Title dc:title    /Author dc:creator    /Subject dc:description    /Keywords pdf:Keywords
    /Creator xmp:CreatorTool    /Producer pdf:Producer    /CreationDate xmp:CreateDate
    /ModDate xmp:ModifyDate (and xmp:MetadataDate)    /Trapped pdf:Trapped

and dc:language and dc:format. Written with the standard library only: the frozen app ships without lxml, which
pyHanko's own XMP writer needs (and which spells the keywords property `pdf:keywords`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr

PACKET_ID = "W5M0MpCehiHzreSzNTczkc9d"  # the XMP specification's fixed packet id
NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot carry


@dataclass(frozen=True)
class Info:
    """What the document info dictionary says (None: the entry is absent)."""

    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: str | None = None
    creator: str | None = None
    producer: str | None = None
    created: dt.datetime | None = None
    modified: dt.datetime | None = None
    trapped: bool | None = None
    language: str | None = None


def packet(info: Info) -> bytes:
    """The XMP packet (UTF-8, no padding, read-only marker) saying what `info` says."""
    props: list[str] = ["<dc:format>application/pdf</dc:format>"]
    if info.title is not None:
        props.append(_alt("dc:title", info.title))
    if info.author is not None:
        props.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>")
    if info.subject is not None:
        props.append(_alt("dc:description", info.subject))
    if info.language is not None:
        props.append(f"<dc:language><rdf:Bag><rdf:li>{escape(info.language)}</rdf:li></rdf:Bag></dc:language>")
    for name, value in (
        ("pdf:Keywords", info.keywords),
        ("pdf:Producer", info.producer),
        ("xmp:CreatorTool", info.creator),
        ("xmp:CreateDate", _date(info.created)),
        ("xmp:ModifyDate", _date(info.modified)),
        ("xmp:MetadataDate", _date(info.modified)),
        ("pdf:Trapped", None if info.trapped is None else str(info.trapped)),
    ):
        if value is not None:
            props.append(f"<{name}>{escape(value)}</{name}>")
    namespaces = " ".join(f"xmlns:{p}={quoteattr(NS[p])}" for p in ("dc", "pdf", "xmp"))
    body = "\n".join(f"   {p}" for p in props)
    text = (
        f'<?xpacket begin="\ufeff" id="{PACKET_ID}"?>\n'
        f'<x:xmpmeta xmlns:x="{NS["x"]}">\n'
        f' <rdf:RDF xmlns:rdf="{NS["rdf"]}">\n'
        f'  <rdf:Description rdf:about="" {namespaces}>\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    )
    return text.encode("utf-8")


def escape(text: str) -> str:
    """`text` as XML character data: markup escaped, characters XML cannot carry left out."""
    return _escape(_NOT_XML.sub("", text))


def _alt(name: str, value: str) -> str:
    """A language alternative with the one default entry, as dc:title and dc:description are."""
    return f'<{name}><rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt></{name}>'


def _date(moment: dt.datetime | None) -> str | None:
    """An XMP date: ISO 8601 to the second, with its offset (a naive time is taken as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.replace(microsecond=0).isoformat()
