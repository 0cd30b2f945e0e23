"""Languages a survey can be offered in: English, Welsh, and those most spoken in English
social housing. Each is named in English for staff and in itself for residents."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

# code: (name in English, name in the language itself)
LANGUAGES = {
    "en": (_("English"), "English"),
    "cy": (_("Welsh"), "Cymraeg"),
    "ar": (_("Arabic"), "العربية"),
    "bn": (_("Bengali"), "বাংলা"),
    "zh-hans": (_("Chinese (simplified)"), "简体中文"),
    "fa": (_("Farsi"), "فارسی"),
    "fr": (_("French"), "Français"),
    "gu": (_("Gujarati"), "ગુજરાતી"),
    "ckb": (_("Kurdish (Sorani)"), "کوردی"),
    "lt": (_("Lithuanian"), "Lietuvių"),
    "pl": (_("Polish"), "Polski"),
    "pt": (_("Portuguese"), "Português"),
    "pa": (_("Punjabi"), "ਪੰਜਾਬੀ"),
    "ro": (_("Romanian"), "Română"),
    "so": (_("Somali"), "Soomaali"),
    "es": (_("Spanish"), "Español"),
    "ta": (_("Tamil"), "தமிழ்"),
    "ti": (_("Tigrinya"), "ትግርኛ"),
    "tr": (_("Turkish"), "Türkçe"),
    "uk": (_("Ukrainian"), "Українська"),
    "ur": (_("Urdu"), "اردو"),
}


def english_name(code: str) -> str:
    return str(LANGUAGES[code][0]) if code in LANGUAGES else code


def own_name(code: str) -> str:
    return LANGUAGES[code][1] if code in LANGUAGES else code


def is_rtl(code: str) -> bool:
    return code.split("-")[0] in settings.LANGUAGES_BIDI


def ui_language(code: str) -> str | None:
    """The site language whose buttons and messages suit a survey in `code`, if it has one."""
    wanted = "en-gb" if code == "en" else code
    return wanted if wanted in dict(settings.LANGUAGES) else None


def other_languages() -> list[tuple[str, str]]:
    """(code, "Name (own name)") for every language but English, Welsh first."""
    return [
        (code, f"{english} ({own})" if str(english) != own else own)
        for code, (english, own) in LANGUAGES.items()
        if code != "en"
    ]
