"""The models of `cms_pages`: reference snippets and images (`snippets`),
editorial pages (`pages`), the contact form (`forms`) and the site settings
(`settings`)."""

from .forms import ContactPage, FormField
from .localization import (
    LocalizedQuerySet,
    TranslatableQuerySet,
    active_language,
    texts_by_language,
)
from .pages import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    PartnersPage,
    ProgrammeIndexPage,
    ProgrammePage,
    StandardPage,
)
from .settings import SiteSettings
from .snippets import (
    CustomImage,
    CustomRendition,
    Election,
    FooterText,
    Funder,
    Municipality,
    PartnerOrganisation,
)

__all__ = [
    "ContactPage",
    "CustomImage",
    "CustomRendition",
    "Election",
    "FooterText",
    "FormField",
    "Funder",
    "HomePage",
    "LocalizedQuerySet",
    "Municipality",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PartnerOrganisation",
    "PartnersPage",
    "ProgrammeIndexPage",
    "ProgrammePage",
    "SiteSettings",
    "StandardPage",
    "TranslatableQuerySet",
    "active_language",
    "texts_by_language",
]
