"""Code tables of the pre-Unicode Vietnamese encodings that old provincial portals still hold.

Kept apart from the decoding logic so each table can be read line by line against its chart. Letters
are written precomposed (NFC); every table's inverse is exercised letter by letter in the tests.
"""

# TCVN 5712:1993 "VN3" (the ABC encoding of the .VnTime family of fonts), byte -> letter.
# VN3 is the font-sized subset of TCVN 5712: 67 lowercase letters plus the seven capitals without a
# tone (Ă Â Ê Ô Ơ Ư Đ). Capitals with a tone have no code of their own: documents set them in the
# "capital" fonts (.VnTimeH), which draw the same bytes as capitals. The remaining high bytes
# (0x80-0xA0, 0xAF-0xB4, and the gaps below) are not letters in VN3.
TCVN3: dict[int, str] = {
    # Capitals without a tone, then the same letters in lowercase.
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    # Toned letters, in chart order: huyền, hỏi, ngã, sắc, nặng for each vowel.
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# VNI-Windows (the VNI fonts, "VNI-Times"), byte sequence -> letter. A letter is its base letter
# followed by one "mark" byte carrying the vowel mark and/or the tone; i, ỵ, ơ, ư and đ have single
# bytes of their own. Capitals use the capital forms of the same mark bytes. Keys are written as
# cp1252 shows the bytes (all of them are >= 0xC0, where cp1252 and Latin-1 agree): "aù" is b"a\xf9".
# Mark bytes: sắc ù, huyền ø, hỏi û, ngã õ, nặng ï; circumflex â and circumflex + tone á à å ã ä;
# breve ê and breve + tone é è ú ü ë.
VNI: dict[str, str] = {
    "aù": "á", "aø": "à", "aû": "ả", "aõ": "ã", "aï": "ạ",
    "aê": "ă", "aé": "ắ", "aè": "ằ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ",
    "aâ": "â", "aá": "ấ", "aà": "ầ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ",
    "eù": "é", "eø": "è", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ",
    "eâ": "ê", "eá": "ế", "eà": "ề", "eå": "ể", "eã": "ễ", "eä": "ệ",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    "où": "ó", "oø": "ò", "oû": "ỏ", "oõ": "õ", "oï": "ọ",
    "oâ": "ô", "oá": "ố", "oà": "ồ", "oå": "ổ", "oã": "ỗ", "oä": "ộ",
    "ô": "ơ", "ôù": "ớ", "ôø": "ờ", "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ",
    "uù": "ú", "uø": "ù", "uû": "ủ", "uõ": "ũ", "uï": "ụ",
    "ö": "ư", "öù": "ứ", "öø": "ừ", "öû": "ử", "öõ": "ữ", "öï": "ự",
    "yù": "ý", "yø": "ỳ", "yû": "ỷ", "yõ": "ỹ", "î": "ỵ",
    "ñ": "đ",
    "AÙ": "Á", "AØ": "À", "AÛ": "Ả", "AÕ": "Ã", "AÏ": "Ạ",
    "AÊ": "Ă", "AÉ": "Ắ", "AÈ": "Ằ", "AÚ": "Ẳ", "AÜ": "Ẵ", "AË": "Ặ",
    "AÂ": "Â", "AÁ": "Ấ", "AÀ": "Ầ", "AÅ": "Ẩ", "AÃ": "Ẫ", "AÄ": "Ậ",
    "EÙ": "É", "EØ": "È", "EÛ": "Ẻ", "EÕ": "Ẽ", "EÏ": "Ẹ",
    "EÂ": "Ê", "EÁ": "Ế", "EÀ": "Ề", "EÅ": "Ể", "EÃ": "Ễ", "EÄ": "Ệ",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
    "OÙ": "Ó", "OØ": "Ò", "OÛ": "Ỏ", "OÕ": "Õ", "OÏ": "Ọ",
    "OÂ": "Ô", "OÁ": "Ố", "OÀ": "Ồ", "OÅ": "Ổ", "OÃ": "Ỗ", "OÄ": "Ộ",
    "Ô": "Ơ", "ÔÙ": "Ớ", "ÔØ": "Ờ", "ÔÛ": "Ở", "ÔÕ": "Ỡ", "ÔÏ": "Ợ",
    "UÙ": "Ú", "UØ": "Ù", "UÛ": "Ủ", "UÕ": "Ũ", "UÏ": "Ụ",
    "Ö": "Ư", "ÖÙ": "Ứ", "ÖØ": "Ừ", "ÖÛ": "Ử", "ÖÕ": "Ữ", "ÖÏ": "Ự",
    "YÙ": "Ý", "YØ": "Ỳ", "YÛ": "Ỷ", "YÕ": "Ỹ", "Î": "Ỵ",
    "Ñ": "Đ",
}  # fmt: skip

# VIQR (RFC 1456, "Vietnamese Quoted-Readable"), mnemonic -> combining mark. Vowel marks follow the
# vowel (a( a^ e^ o^ o+ u+), then the tone; "dd" is đ and "\" makes the next character literal.
VIQR_VOWEL_MARKS: dict[str, str] = {
    "(": "\u0306",  # breve: a( -> ă
    "^": "\u0302",  # circumflex: a^ e^ o^ -> â ê ô
    "+": "\u031b",  # horn: o+ u+ -> ơ ư
}
VIQR_VOWEL_MARK_BASES: dict[str, str] = {"(": "a", "^": "aeo", "+": "ou"}
VIQR_TONES: dict[str, str] = {
    "'": "\u0301",  # sắc
    "`": "\u0300",  # huyền
    "?": "\u0309",  # hỏi
    "~": "\u0303",  # ngã
    ".": "\u0323",  # nặng
}
