"""A process that saves one article over and over, printing each committed revision.

Run by the crash-safety and backup tests: ``python tests/save_loop.py NEWSROOM``.
A line is printed only after its save has committed.
"""

from __future__ import annotations

import sys

from newsroom.article import Article, Quote, RelatedHeadline
from newsroom.errors import NotFoundError
from newsroom.store import Newsroom

SLUG = "crash-target"


def main(path: str) -> None:
    with Newsroom.open(path, create=True, author="save-loop") as newsroom:
        try:
            article = newsroom.get(SLUG)
        except NotFoundError:
            article = newsroom.create(Article(headline="Crash target", slug=SLUG))
        print(article.revision, flush=True)
        while True:
            number = article.revision + 1
            article = newsroom.save(
                article.with_changes(
                    body=f"Paragraph for revision {number}. " * (20 + number % 30),
                    quotes=tuple(Quote(f"Quote {number}-{i}") for i in range(number % 4)),
                    related=(
                        RelatedHeadline.external(f"Link {number}", f"https://example.org/{number}"),
                    ),
                    tags=(f"tag{number % 5}",),
                )
            )
            if number % 10 == 0:
                newsroom.create(Article(headline=f"Side story {number}", body="x " * number))
            print(article.revision, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
