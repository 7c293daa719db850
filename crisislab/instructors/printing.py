"""What every printable of the kit shares: a page size both A4 and US Letter can hold, one font.

The printables are HTML pages with print CSS, opened in a browser and printed (or saved as PDF).
Pages are laid out for the smaller of the two papers in each direction (A4 is narrower, Letter
shorter), so the same file prints the same on both. Fonts are DejaVu (Debian's
``fonts-dejavu-core``, which ``.ci/run`` installs): with a fixed font, page counts are stable.
"""

from __future__ import annotations

import html

# The printable area, in millimetres, shared by A4 (210 x 297) and Letter (215.9 x 279.4).
MARGIN_MM = 12
PAGE_WIDTH_MM = 210 - 2 * MARGIN_MM  # A4 is the narrower
PAGE_HEIGHT_MM = 279.4 - 2 * MARGIN_MM  # Letter is the shorter
PAPERS = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}

SERIF = "'DejaVu Serif', Georgia, 'Times New Roman', serif"
SANS = "'DejaVu Sans', Verdana, Arial, sans-serif"
MONO = "'DejaVu Sans Mono', 'Courier New', monospace"

BASE_CSS = f"""
@page {{ margin: {MARGIN_MM}mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: {SERIF}; font-size: 10.5pt; line-height: 1.35; color: #111;
       margin: 0 auto; max-width: {PAGE_WIDTH_MM}mm; overflow-wrap: anywhere; }}
h1, h2, h3, h4, th, .sans {{ font-family: {SANS}; }}
h1 {{ font-size: 16pt; margin: 0 0 3mm 0; }} h2 {{ font-size: 13pt; margin: 4mm 0 2mm 0; }}
h3 {{ font-size: 11pt; margin: 3mm 0 1.5mm 0; }}
p {{ margin: 0 0 2mm 0; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
th, td {{ border: 1px solid #444; padding: 1mm 1.5mm; vertical-align: top; text-align: left;
          overflow-wrap: anywhere; }}
th {{ font-size: 9pt; background: #e8e8e8; }}
img, svg {{ max-width: 100%; height: auto; }}
pre, code {{ font-family: {MONO}; font-size: 8.5pt; white-space: pre-wrap; }}
a {{ color: #111; }}
.page {{ break-after: page; page-break-after: always; }}
.page:last-child {{ break-after: auto; page-break-after: auto; }}
.avoid {{ break-inside: avoid; page-break-inside: avoid; }}
.small {{ font-size: 8.5pt; }}
.muted {{ color: #444; }}
.print-note {{ font-family: {SANS}; font-size: 8.5pt; border: 1px solid #444; padding: 1.5mm 2mm;
               margin: 0 0 3mm 0; }}
@media screen {{ body {{ padding: 6mm; }} .page {{ border-bottom: 2px dashed #999;
  padding-bottom: 6mm; margin-bottom: 6mm; }} }}
"""

E = html.escape


def page(title: str, body: str, css: str = "") -> str:
    """A self-contained printable HTML page (no scripts, nothing fetched from the network)."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{E(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )
