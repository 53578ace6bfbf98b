#!/usr/bin/env python3
"""Checks the DOM of a `scrutin coverage --html` page as a browser left it.

    chromium --headless ... --dump-dom file:///.../report.html > dom.html
    python3 tests/browser/check_report.py dom.html

The page's script colours the map and builds the tables and the timeline;
the file as written has none of that. So this passes only if the script
ran: every département path has a fill set, the tables have rows, the
timeline has bars, the legend has entries.
"""

import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.deps = 0
        self.filled = 0
        self.table = None
        self.rows = {}
        self.bars = 0
        self.in_timeline = False
        self.legend_items = 0
        self.in_legend = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "path" and a.get("class") == "dep":
            self.deps += 1
            if "fill:" in (a.get("style") or "").replace(" ", ""):
                self.filled += 1
        elif tag == "table":
            self.table = a.get("data-table")
            self.rows.setdefault(self.table, 0)
        elif tag == "tr" and self.table is not None:
            self.rows[self.table] += 1
        elif tag == "svg" and a.get("id") == "timeline":
            self.in_timeline = True
        elif tag == "rect" and self.in_timeline:
            self.bars += 1
        elif tag == "div" and a.get("id") == "legend":
            self.in_legend = True
        elif tag == "i" and self.in_legend:
            self.legend_items += 1

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = None
        elif tag == "svg":
            self.in_timeline = False
        elif tag == "div":
            self.in_legend = False


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        dom = Dom()
        dom.feed(f.read())
    problems = []
    if dom.deps < 101:
        problems.append(f"{dom.deps} département paths, expected 101")
    if dom.filled < 96:
        problems.append(f"{dom.filled} département paths filled by the script, expected at least 96")
    for name in ["Places", "Competitors", "Elections", "Months", "Sources"]:
        # The header row, then at least one row of data.
        if dom.rows.get(name, 0) < 2:
            problems.append(f"table {name}: {dom.rows.get(name, 0)} rows")
    if dom.bars < 1:
        problems.append("no bar in the timeline")
    if dom.legend_items < 2:
        problems.append(f"{dom.legend_items} legend entries")
    for p in problems:
        print(f"check_report: {p}", file=sys.stderr)
    if problems:
        sys.exit(1)
    tables = ", ".join(f"{k} {v - 1}" for k, v in dom.rows.items())
    print(f"check_report: {dom.filled} of {dom.deps} départements filled; "
          f"{dom.bars} bars; {dom.legend_items} legend entries; rows: {tables}")


if __name__ == "__main__":
    main()
