"""Portal pages: the article without menus, breadcrumbs, related links or footers."""
from pipeline.readers.html import read_html

PAGE = """<html><head><title>Tin</title><script>var x = "Kế hoạch số 1-KH/TU";</script></head>
<body><header><nav><a href="/">Trang chủ</a><a href="/tt">Tin tức</a></nav></header>
<div class="breadcrumb">Trang chủ &gt; Văn bản chỉ đạo</div>
<div id="content"><h1>Kế hoạch tổ chức Lễ kỷ niệm 15 năm</h1>
<div class="date">11/09/2018 | 08:39</div>
<p>Ngày 04/7/2018, Quận ủy ban hành Kế hoạch số 149-KH/QU v/v tổ chức Lễ kỷ niệm.</p>
<p>Lễ kỷ niệm sẽ được tổ chức vào 8h30p ngày 06/11/2018.<br>Tại hội trường quận.</p>
<table><tr><td>Số: 12/UBND-VP</td><td>Hà Nội, ngày 1 tháng 2 năm 2024</td></tr></table>
</div><aside class="related-news"><a href="/1">Tin liên quan số 99-KH/TU</a></aside>
<footer>Bản quyền thuộc Quận ủy</footer></body></html>"""


def test_article_text_without_navigation():
    lines = [line.text for line in read_html(PAGE.encode("utf-8")).lines if line.text]
    assert lines == ["Kế hoạch tổ chức Lễ kỷ niệm 15 năm", "11/09/2018 | 08:39",
                     "Ngày 04/7/2018, Quận ủy ban hành Kế hoạch số 149-KH/QU v/v tổ chức Lễ kỷ niệm.",
                     "Lễ kỷ niệm sẽ được tổ chức vào 8h30p ngày 06/11/2018.", "Tại hội trường quận.",
                     "Số: 12/UBND-VP", "Hà Nội, ngày 1 tháng 2 năm 2024"]


def test_pages_without_charset_and_in_a_declared_legacy_charset():
    bare = "<html><body><p>Ủy ban nhân dân tỉnh</p></body></html>"
    assert read_html(bare.encode("utf-8")).content.strip() == "Ủy ban nhân dân tỉnh"
    declared = ('<html><head><meta charset="windows-1258"></head><body><p>Quyết định</p>'
                '</body></html>')
    assert "Quy" in read_html(declared.encode("cp1258", errors="ignore")).content
