"""Vietnamese syllables, for repairing words that PDF extraction glued together ("chủtrì").

A syllable is an onset, a rime (medial, nucleus, coda) and a tone; a rime closed by p, t, c or
ch takes only the sắc or nặng tone, so "chủt" and "quảt" cannot exist. A glued word is split only
into syllables that are well formed and known to the frequency list the `wordfreq` package ships
for Vietnamese; where two splits are both possible ("phụ trách", "phụt rách") the likelier one by
that list is taken, and when they are close the word is left as it was (and the reader says so).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from wordfreq import zipf_frequency

ONSETS = sorted(
    "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split(),
    key=len,
    reverse=True,
)
# Rimes in letters without tone marks (vowel quality marks kept): medial, nucleus and coda.
RIMES = set(
    """
    a ai ao au ay ac ach am an ang anh ap at
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e eo ec em en eng ep et
    ê êu êch êm ên ênh êp êt
    i ia iu ich im in inh ip it
    iêc iêm iên iêng iêp iêt iêu
    y yêu yên yêm yêt
    o oc oi om on ong op ot oong ooc
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut
    uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưu ưng ưt ưm ưn
    ươc ươi ươm ươn ương ươp ươt ươu
    oa oai oay oac oach oam oan oang oanh oap oat
    oăc oăm oăn oăng oăt
    oe oeo oen oet
    uy uya uych uyn uynh uyp uyt uyu uyên uyêt
    uê uênh uêch uân uâng uât uây uơ
    """.split()
)
STOPPED = ("p", "t", "c", "ch")
# Tone marks as combining characters after NFD (the vowel quality marks ̆ ̂ ̛ stay with the letter).
TONES = {"\u0301": "sac", "\u0300": "huyen", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}
_QUALITY = {"\u0306", "\u0302", "\u031b"}
KNOWN_ZIPF = 1.5  # "known": at least about 30 in a billion words
CLEAR_MARGIN = 1.0  # the chosen split is at least ten times likelier than the next
MAX_PIECES = 4


def _strip_tone(syllable: str) -> tuple[str, str | None]:
    """The syllable in lower case without its tone mark, and the tone."""
    tone = None
    letters = []
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in TONES:
            tone = TONES[ch]
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)), tone


@lru_cache(maxsize=20000)
def well_formed(syllable: str) -> bool:
    """An onset and a rime of Vietnamese, with a tone a stopped rime allows."""
    base, tone = _strip_tone(syllable)
    if not base or not re.fullmatch(r"[a-zăâđêôơư]+", base):
        return False
    for onset in [*ONSETS, ""]:
        if not base.startswith(onset):
            continue
        rime = base[len(onset) :]
        if onset in ("gi", "qu") and rime == "":
            return onset == "gi"  # "gì"
        if rime in RIMES or (onset == "gi" and "i" + rime in RIMES) or (onset == "qu" and "u" + rime in RIMES):
            return not (rime.endswith(STOPPED) and tone not in ("sac", "nang"))
    return False


@lru_cache(maxsize=50000)
def weight(syllable: str) -> float:
    """log10 of the syllable's share of Vietnamese text (from `wordfreq`), or -inf if unknown."""
    zipf = zipf_frequency(syllable.lower(), "vi")
    return zipf - 9 if zipf >= KNOWN_ZIPF else float("-inf")


def is_syllable(word: str) -> bool:
    return well_formed(word) and weight(word) > float("-inf")


def _splits(word: str, pieces: int) -> list[tuple[float, list[str]]]:
    """Every way to cut `word` into at most `pieces` known, well-formed syllables, with its score."""
    if is_syllable(word):
        return [(weight(word), [word])]
    if pieces == 1:
        return []
    found = []
    for cut in range(1, len(word)):
        head = word[:cut]
        if not is_syllable(head):
            continue
        for score, rest in _splits(word[cut:], pieces - 1):
            found.append((weight(head) + score, [head, *rest]))
    return found


def split_glued(word: str) -> tuple[str | None, bool]:
    """("chủ trì", False) for "chủtrì"; (None, False) when `word` is a syllable or not
    Vietnamese; (None, True) when it could be split more than one way and neither is clearly
    likelier (left glued, for a person to see)."""
    if is_syllable(word) or len(word) < 3 or all(ord(c) < 128 for c in word) or word.isupper():
        return None, False
    options = sorted(_splits(word, MAX_PIECES), key=lambda o: o[0], reverse=True)
    options = [o for o in options if len(o[1]) > 1]
    if not options:
        return None, False
    if len(options) > 1 and options[0][0] - options[1][0] < CLEAR_MARGIN:
        return None, True
    return " ".join(options[0][1]), False
