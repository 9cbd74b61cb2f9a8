"""Print card pages with Debian's Chromium (driven by Playwright; it never downloads a browser).

Why Chromium and not Pillow: Dari and Pashto lines mix Arabic script with Latin names ("PoR", "UNHCR"),
phone numbers and brackets, and no Arabic font has all of them. A browser shapes with HarfBuzz, orders
with the full bidi algorithm (isolates included), falls back from Noto Naskh Arabic to Noto Sans per
character, wraps lines, and prints a real A4 PDF whose text stays text. Pillow's raqm layout takes one
font per string, so we would have to re-implement font fallback and bidi around it.
"""

from __future__ import annotations

import asyncio
import os
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.async_api import Browser, Page, Playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's (scripts/ensure_card_tools.py)
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--font-render-hinting=none",
]  # fmt: skip
PHONE = (1080, 1920)

# Shrink the text until the page's content fits its box: long Pashto lines need more room than English.
_FIT = """() => {
  const card = document.querySelector('#card, #poster'), content = document.getElementById('content');
  if (!card || !content) return 0;
  const raw = getComputedStyle(card).getPropertyValue('--fs').trim();
  const unit = raw.endsWith('pt') ? 'pt' : 'px';
  let size = parseFloat(raw);
  for (let i = 0; i < 80 && content.scrollHeight > content.clientHeight + 1; i++) {
    size *= 0.97;
    card.style.setProperty('--fs', size.toFixed(2) + unit);
  }
  return size;
}"""


class CardsUnavailable(RuntimeError):
    """Chromium or its driver is missing on this machine: `make cards-tools` installs them."""


class CardPrinter:
    """One headless browser, reused for many pages; pages are printed one at a time."""

    def __init__(self, executable: str = CHROMIUM) -> None:
        self.executable = executable
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._lock = asyncio.Lock()

    async def start(self) -> CardPrinter:
        if not os.path.exists(self.executable):
            raise CardsUnavailable(f"{self.executable} is missing")
        try:
            from playwright.async_api import async_playwright
        except ImportError as error:
            raise CardsUnavailable("playwright is not installed") from error
        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(executable_path=self.executable, args=ARGS)
        return self

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()
        self._browser = self._playwright = None

    async def __aenter__(self) -> CardPrinter:
        return await self.start()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    async def png(self, html: str, size: tuple[int, int] = PHONE) -> bytes:
        async with self.open_page(html, size) as page:
            return await page.locator("#card, #poster").first.screenshot(type="png")

    async def pdf(self, html: str) -> bytes:
        async with self.open_page(html, (794, 1123)) as page:
            return await page.pdf(prefer_css_page_size=True, print_background=True)

    def open_page(self, html: str, size: tuple[int, int] = PHONE) -> _Page:
        """A page with `html` loaded, fonts ready and text fitted; closed when the `async with` ends."""
        if self._browser is None:
            raise CardsUnavailable("the printer is not started")
        return _Page(self._browser, self._lock, html, size)


class _Page:
    def __init__(self, browser: Browser, lock: asyncio.Lock, html: str, size: tuple[int, int]) -> None:
        self.browser, self.lock, self.html, self.size = browser, lock, html, size
        self.page: Page | None = None

    async def __aenter__(self) -> Page:
        await self.lock.acquire()
        try:
            width, height = self.size
            self.page = await self.browser.new_page(viewport={"width": width, "height": height})
            await self.page.set_content(self.html, wait_until="load")
            await self.page.evaluate("document.fonts.ready.then(() => true)")
            await self.page.evaluate(_FIT)
        except BaseException:
            await self.__aexit__()
            raise
        return self.page

    async def __aexit__(self, *exc: object) -> None:
        try:
            if self.page is not None:
                await self.page.close()
        finally:
            self.lock.release()
