"""Plain text: UTF-8 with or without BOM, UTF-16 with a BOM or recognisably without one."""
from __future__ import annotations

import codecs

from pipeline.text import Text


def decode(data: bytes) -> str:
    """Bytes to str, or ValueError saying why not."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    # UTF-16 without a BOM: ASCII letters leave a zero byte in every other position.
    sample = data[:4000]
    if len(sample) >= 4:
        even_zeros = sample[0::2].count(0) / (len(sample) / 2)
        odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
        if odd_zeros > 0.3 and even_zeros < 0.05:
            return data.decode("utf-16-le")
        if even_zeros > 0.3 and odd_zeros < 0.05:
            return data.decode("utf-16-be")
    if b"\x00" in sample:
        raise ValueError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8 or UTF-16 text (bad byte at offset {err.start}); "
                         "legacy encodings such as TCVN3, VNI or Windows-1258 are not read yet")


def read_txt(data: bytes) -> Text:
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    return Text.from_lines([(text, None, "body")], format="txt")
