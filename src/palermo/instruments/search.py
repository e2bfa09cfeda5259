"""How articles, laws and provisions appear in the search index."""

from collections.abc import Iterator

from django.urls import reverse
from django.utils import translation

from palermo.core.search import Document, index_document, register_source, remove_document
from palermo.instruments.models import Article, Law, Provision


def _path(url_name: str, *args: object) -> str:
    """A path without the language prefix; the search page adds the reader's language."""
    with translation.override("en"):
        return reverse(url_name, args=args).removeprefix("/en")


def article_document(article: Article) -> Document:
    return Document(
        kind="article",
        object_id=str(article.pk),
        title=f"{article.instrument.short_title}, article {article.number}: {article.title}",
        body=article.summary,
        path=_path("instruments:article-detail", article.instrument.code, article.number),
    )


def law_document(law: Law) -> Document:
    return Document(
        kind="law",
        object_id=str(law.pk),
        title=law.title + (f" ({law.short_title})" if law.short_title else ""),
        body=law.notes,
        path=_path("instruments:law-detail", law.pk),
        state=law.state.iso3,
    )


def provision_document(provision: Provision) -> Document:
    return Document(
        kind="provision",
        object_id=str(provision.pk),
        title=str(provision),
        body=provision.text,
        path=_path("instruments:law-detail", provision.law_id) + f"#provision-{provision.pk}",
        state=provision.law.state.iso3,
    )


def index_article(article: Article) -> None:
    index_document(article_document(article))


def index_law(law: Law) -> None:
    index_document(law_document(law))
    for provision in law.provisions.all():
        index_document(provision_document(provision))


def index_provision(provision: Provision) -> None:
    index_document(provision_document(provision))


def unindex_law(law_id: int, provision_ids: list[int]) -> None:
    remove_document("law", str(law_id))
    for provision_id in provision_ids:
        remove_document("provision", str(provision_id))


def unindex_provision(provision_id: int) -> None:
    remove_document("provision", str(provision_id))


def _articles() -> Iterator[Document]:
    for article in Article.objects.select_related("instrument"):
        yield article_document(article)


def _laws() -> Iterator[Document]:
    for law in Law.objects.select_related("state"):
        yield law_document(law)


def _provisions() -> Iterator[Document]:
    for provision in Provision.objects.select_related("law__state"):
        yield provision_document(provision)


# The Convention and a State's laws are public texts: anyone may find them.
register_source("article", _articles, public=True)
register_source("law", _laws, public=True)
register_source("provision", _provisions, public=True)
