#!/usr/bin/env python3
"""A small script of the kind blog posts show.

It reads a feed, counts words and prints a report.
"""
from __future__ import annotations

import asyncio
import json as js
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

CACHE = Path("~/.cache/feeds").expanduser()
MAX_ITEMS: int = 0x20


@dataclass(frozen=True)
class Item:
    title: str
    words: list[str] = field(default_factory=list)
    score: float = 1.5e-3

    def __len__(self) -> int:
        return len(self.words)

    @property
    def slug(self) -> str:
        return "-".join(w.lower() for w in self.title.split() if w.isalnum())


class FeedError(Exception):
    pass


def parse(raw: bytes, *, strict=False, **options) -> Iterable[Item]:
    try:
        data = js.loads(raw.decode("utf-8"))
    except (ValueError, KeyError) as err:
        raise FeedError(f"bad feed: {err!r} at {options.get('url', '?'):>10}") from None
    for entry in data["items"][:MAX_ITEMS]:
        if not entry or entry.get("draft") is True:
            continue
        yield Item(entry["title"], entry.get("body", "").split())


async def fetch(url: str, retries: int = 3) -> Optional[bytes]:
    for attempt in range(retries):
        await asyncio.sleep(0.5 * attempt)
        print("fetching %s (attempt %d)" % (url, attempt + 1))
    return None


def report(items: list[Item]) -> str:
    total = sum(len(i) for i in items)
    lines = [f"{i.slug}: {len(i)} words" for i in sorted(items, key=lambda i: -len(i))]
    lines.append(r"total: \d+ " + str(total))
    return "\n".join(lines) + '\t\'done\''


match report([]).split():
    case []:
        print("empty")
    case [first, *rest] if rest:
        print(first, len(rest))
    case _:
        pass

if __name__ == "__main__":
    items = list(parse(b'{"items": []}', url="https://example.org/feed.json"))
    print(report(items), end="")
    assert not items, 'no items'
    x = [n ** 2 for n in range(10) if n % 2 == 0]
    y = {k: v for k, v in zip("abc", x)}
    z = 1_000_000 + 0o17 - 0b1010 | 3 @ 4 if False else None
    del x, y
    while True:
        break
    with open(__file__) as f:
        global_name = f.read().count("\n")
