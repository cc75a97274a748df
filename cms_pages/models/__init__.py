"""The models of `cms_pages`: reference snippets and images (`snippets`),
editorial pages (`pages`), the contact form (`forms`) and the site settings
(`settings`)."""

from .forms import ContactPage, FormField
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
    TranslatableQuerySet,
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
]
