"""The XMP packet written from the document info: well-formed whatever the text holds, each property as its
schema names it, and read back by pypdf as the info says."""

from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree

from pypdf.xmp import XmpInformation

from selfcheck.reports import xmp

TZ = dt.timezone(dt.timedelta(hours=8))


def _read(packet: bytes) -> XmpInformation:
    from pypdf.generic import ContentStream

    stream = ContentStream(None, None)
    stream.set_data(packet)
    return XmpInformation(stream)


def test_every_property_as_its_schema_names_it() -> None:
    info = xmp.Info(
        title="城关第一小学关于2026年秋季学期自查情况的报告",
        author="城关第一小学",
        subject="五查五看 2026年秋季学期",
        keywords="自查报告,五查五看,2026年秋季学期",
        creator="selfcheck",
        producer="pyHanko 0.38.0",
        created=dt.datetime(2026, 11, 20, 10, 0, 0, 123456, tzinfo=TZ),
        modified=dt.datetime(2026, 11, 20, 10, 0, 5, tzinfo=TZ),
        trapped=False,
        language="zh-CN",
    )
    packet = xmp.packet(info)
    assert packet.startswith('<?xpacket begin="\ufeff"'.encode()) and packet.endswith(b'<?xpacket end="r"?>')
    read = _read(packet)
    assert read.dc_title == {"x-default": info.title} and read.dc_creator == [info.author]
    assert read.dc_description == {"x-default": info.subject} and read.dc_language == ["zh-CN"]
    assert read.pdf_keywords == info.keywords and read.pdf_producer == info.producer
    assert read.xmp_creator_tool == "selfcheck" and read.dc_format == "application/pdf"
    assert read.xmp_create_date == dt.datetime(2026, 11, 20, 2, 0, 0)  # pypdf gives UTC; the packet keeps +08:00
    assert b"2026-11-20T10:00:00+08:00" in packet and b".123456" not in packet
    assert b"<pdf:Trapped>False</pdf:Trapped>" in packet


def test_markup_and_characters_xml_cannot_carry() -> None:
    packet = xmp.packet(xmp.Info(title='<b>&"城关"</b>\x00\x1b', author="A & B", keywords="a<b"))
    root = ElementTree.fromstring(packet.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    texts = [e.text for e in root.iter() if e.text and e.text.strip()]
    assert '<b>&"城关"</b>' in texts and "A & B" in texts and "a<b" in texts
    assert _read(packet).dc_title == {"x-default": '<b>&"城关"</b>'}


def test_absent_entries_are_left_out() -> None:
    packet = xmp.packet(xmp.Info())
    assert b"dc:title" not in packet and b"pdf:Keywords" not in packet and b"xmp:CreateDate" not in packet
    assert b"<dc:format>application/pdf</dc:format>" in packet
    assert not _read(packet).dc_title
