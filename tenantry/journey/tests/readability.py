"""The prose a page shows: the text of its paragraphs, list items, descriptions and headings
inside <main>, each block ended as a sentence, without the contents list, forms and scripts."""

from html.parser import HTMLParser

BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "legend", "label"}
SKIPPED = {"nav", "script", "style", "form"}


class _Prose(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_main = self.skipping = 0
        self.blocks: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        elif tag in SKIPPED:
            self.skipping += 1
        elif tag in BLOCKS:
            self._end_block()

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag in SKIPPED:
            self.skipping -= 1
        elif tag in BLOCKS:
            self._end_block()

    def handle_data(self, data):
        if self.in_main and not self.skipping:
            self.current.append(data)

    def _end_block(self):
        text = " ".join("".join(self.current).split())
        self.current = []
        if text:
            self.blocks.append(text if text[-1] in ".?!:" else text + ".")


def prose(html: str, *, forms: bool = False) -> str:
    """The page's prose; with `forms`, the questions of its forms too."""
    parser = _Prose()
    if forms:
        parser.handle_starttag = _keeping_forms(parser)
    parser.feed(html)
    parser._end_block()
    return " ".join(parser.blocks)


def _keeping_forms(parser):
    original_start, original_end = parser.handle_starttag, parser.handle_endtag

    def start(tag, attrs):
        if tag != "form":
            original_start(tag, attrs)

    def end(tag):
        if tag != "form":
            original_end(tag)

    parser.handle_endtag = end
    return start
