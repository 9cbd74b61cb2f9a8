"""QR codes as inline SVG (segno): sharp at any print size, no image files."""

from __future__ import annotations

import segno


def qr_svg(url: str) -> str:
    """An SVG of the QR code for `url`, quiet zone included, that scales to its box (CSS sets the size)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark="#000", light="#fff")
    size = code.symbol_size(scale=1, border=4)[0]
    # Drop the fixed size so CSS decides it; keep the drawing's own coordinates.
    box = f'viewBox="0 0 {size} {size}" shape-rendering="crispEdges"'
    return svg.replace(f'width="{size}" height="{size}"', box, 1)
