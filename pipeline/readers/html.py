"""Web pages of news portals and legal databases: the article text without navigation.

The article is found the way reader modes do: drop what is never content (scripts, menus,
headers, footers, forms), then take the element with the most paragraph text that is not link
text; its headline (the page's h1) goes first. Block elements become lines, table cells separate
lines, so a header table on a legal-database page reads like the printed header.
"""
from __future__ import annotations

import re

from lxml import etree, html as lxml_html

from pipeline import limits
from pipeline.readers.txt import decode
from pipeline.text import Text

_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
         "svg", "button", "select", "template", "menu")
_CHROME = re.compile(r"(^|[-_ ])(nav|menu|breadcrumb|footer|header|sidebar|banner|social|share|"
                     r"comment|related|tags?|search|login|advert|ads?|widget|copyright|toolbar|"
                     r"print|rating)([-_ ]|$)", re.I)
# Elements that hold a document's own text even when a site's class names sound like chrome.
_NEVER_CHROME = {"body", "html", "article", "main", "table", "tbody", "tr", "td", "th", "p"}
_BLOCK = {"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
          "table", "section", "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "hr",
          "center", "caption", "figcaption", "main", "address"}


def _strip_chrome(root) -> None:
    for element in list(root.iter(*_DROP)):
        element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if _CHROME.search(marker) and element.tag not in _NEVER_CHROME:
            element.drop_tree()


def _text_of(element) -> list[str]:
    """The element's text with block elements and cells on lines of their own."""
    parts: list[str] = []

    def walk(node):
        if not isinstance(node.tag, str):
            if node.tail:
                parts.append(node.tail)
            return
        block = node.tag in _BLOCK
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(element)
    return [" ".join(line.split()) for line in "".join(parts).split("\n")]


def _score(element) -> float:
    text = " ".join(element.itertext())
    links = sum(len(" ".join(a.itertext())) for a in element.iter("a"))
    paragraphs = len(element.findall(".//p")) + len(element.findall(".//br"))
    return len(text) - 2 * links + 25 * paragraphs


def read_html(data: bytes) -> Text:
    if refusal := limits.HTML_MB.refuses_bytes(len(data)):
        raise ValueError(refusal)  # the page's tree takes about 50 times its size in memory
    try:
        # Decode ourselves when the bytes are UTF-8/16: many portals declare no charset, and
        # lxml would then guess Latin-1. Otherwise lxml follows the page's meta charset.
        source = re.sub(r"^\s*<\?xml[^>]*>", "", decode(data))
    except ValueError:
        source = data
    try:
        root = lxml_html.document_fromstring(source)
    except (etree.ParserError, ValueError) as err:
        raise ValueError(f"not a readable web page ({err})")
    headline = root.find(".//h1")
    headline_text = " ".join(headline.text_content().split()) if headline is not None else ""
    _strip_chrome(root)
    body = root.find("body") if root.find("body") is not None else root
    candidates = [el for el in body.iter("article", "main", "div", "section", "td")
                  if isinstance(el.tag, str)]
    best = max(candidates, key=_score, default=body)
    if _score(best) < 0.5 * _score(body) - 200:
        best = body  # the text is spread over siblings: keep the whole cleaned body
    lines = _text_of(best)
    if headline_text and headline_text not in " ".join([line for line in lines if line][:5]):
        lines.insert(0, headline_text)
    compact: list[str] = []
    for line in lines:  # collapse runs of empty lines left by nested blocks
        if line or (compact and compact[-1]):
            compact.append(line)
    return Text.from_lines([("\n".join(compact), None, "body")], format="html")
