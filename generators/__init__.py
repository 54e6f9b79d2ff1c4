"""Outgoing documents: drafts (`vanthu new`, `vanthu draft`), copies (`vanthu copy`) and replies
(`vanthu reply`), laid out by format profiles — data files, one per rule set, that the checker
reads too.

profiles/    nd30.toml (Nghị định 30/2020/NĐ-CP), hd36.toml (Hướng dẫn 36-HD/VPTW)
profile.py   loading a profile, and a user's file that extends one
spec.py      the draft spec (YAML) and its checks
scaffold.py  the commented spec `vanthu new` prints
templates/   one Jinja2 body template per type
docx_writer  the .docx itself
render.py    LibreOffice headless, for PDF
"""
