"""Extractors: small functions over a document's text, one module per family of fields.

zones       the parts of the page (header, title block, Kính gửi, body, closing, copy)
numbers     số và ký hiệu: finding and repairing them
dates       dates and the "địa danh, ngày … tháng … năm …" line
header      number, issuer, place and date, type, trích yếu, system
parties     Kính gửi, Nơi nhận, signer
mentions    how prose cites a document (type, number, date, issuer, subject)
references  every document cited, once
news        the directive a news article reports on
Vocabularies live in data/vocabulary.toml.
"""
