"""Outgoing documents (drafts, copies, replies) and the format checker: not built yet.

They will read the same format profiles (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020/NĐ-CP) so that
a rule is written once; see the README's roadmap.
"""
