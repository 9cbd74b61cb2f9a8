"""The form of a message, for the emergency model: `form(text, tokens, kinds) -> frozenset[str]`.

Round 6. The cues and the letter n-grams say *what* a message is about; a new writer's false alarms are mostly
messages about the same things in another form: a question in general ("do they take women too in a raid?"),
a habit ("they take people at checkpoints"), something over ("they had taken him, let him go in the evening").
These markers are few and the same for every writer, so the model can learn them from all six writers at once,
where an n-gram learns one writer's spelling:

- `question`: a question mark (? or ؟) or a question word in any of the four languages;
- `opens_question`: the message starts with a question word ("can", "aya", "kya", "ایا");
- `habitual`: "usually", "every day", "every time", "when a raid happens", Urdu "… jate hain" (they take, as a
  habit);
- `past_over`: a pluperfect (Urdu "le gaye the", Dari "bord bud"): it had happened, and is over;
- `others_only`: people or Afghans in general (the cue kind `general`) and nobody of the writer's own (no
  `victim`): about a group, not about someone the writer knows;
- round 7, `question_event`: a question that also says something is being done (an arrest, take, raid, held
  place, extortion cue) to someone of the writer's own or now/today/still ("they took my brother last night,
  what do I do?", "os sa okram"): on v6 such emergencies asked as questions fell under the question's weight,
  learnt from calm questions. Question words that are everyday words too count only at the start
  (`AMBIGUOUS_QUESTION_WORDS`);
- round 9, `past_over` also by form, not only by listed words: a Dari pluperfect or "was at" (a word ending in
  ه / -a, then بود، بودن، bud, bodan …: "گرفته بودن", "در تهانه بود", "bordan bodan"), a Pashto one (a participle, then
  وه، وو، wa, wo: "نیول شوې وه"), English "had" + a past participle ("had raided", "had come");
- round 9, `thanks`: thanks or gratitude in any of the four languages ("تشکر", "مننه", "shukriya", "thank u"):
  people write it when it is over and someone helped;
- round 9, `definition`: asks what something is or means ("حاجی کمپ چیست", "تهانه یعنی چه", "څه شی دی", "kya
  hota hai", "what is"): about a word or a place, not an event (`urgency.settled`);
- round 9, `modal`: can / may / could in Pashto's potential form (a verb in -لای / -lay, then شي / shi: "ننوتلای
  شي"), as the cue kind `hypothetical` already knows it in the other languages;
- round 9, `feared`: afraid or worried *that* it will happen ("ویره لرم چې", "ڈر ہے کہ", "می ترسم که", "afraid that"):
  not yet happening.

Tried and left out (writer cross-validation, bench/README.md "Round 6"): "a question with no now, today or still
in it" pushed emergencies asked as a question ("my brother is at the thana, what do we do?", with a time word the
cues do not know) to almost 0, so `urgency.settled` uses it only to keep a pack phrase from opening the card; length
(under five words, over thirty) pushed "پسرم گم شده" (my son is missing) below the question, and the norm floors of
`emergency_model` and `urgency.SHORT` already weigh short messages.
"""

from __future__ import annotations

from functools import cache

from bot.understanding.normalise import tokenise

QUESTION_WORDS = (
    # en
    "what", "how", "why", "where", "which", "who", "whom", "whether", "can", "could", "should", "may", "is it",
    "are they", "do they", "does", "will they", "would",
    # prs
    "آیا", "ایا", "چی", "چه", "چرا", "چطور", "چطو", "کجا", "چند", "چقدر", "کدام", "یا نه", "یا خیر",
    "aya", "chi", "che", "chera", "chira", "chetor", "chitor", "chitur", "kuja", "koja", "chand", "cheqadar",
    "kodam", "ya na", "ya ne",
    # ps
    "څه", "ولې", "ولی", "څنګه", "چیرته", "چېرته", "څو", "کوم", "که نه", "sa", "tsa", "wale", "wali", "wle",
    "tsanga", "sanga", "chirta", "tso", "ka na", "ke na",
    # ur
    "کیا", "کیوں", "کیسے", "کہاں", "کتنا", "کتنی", "کون", "کونسا", "یا نہیں", "kya", "kia", "kyun", "kyu",
    "kiyon", "kaise", "kese", "kaisy", "kahan", "kitna", "kitni", "kon", "kaun", "konsa", "ya nahi",
    "کتنے", "کب", "kitne", "kab",  # round 7
)  # fmt: skip
AMBIGUOUS_QUESTION_WORDS = (
    "che", "chi", "چی", "chand", "چند", "sa", "tso", "څو", "څه", "wale", "wali", "wle", "ولی", "kia", "کیا",
    "may",
)  # fmt: skip
"""Round 7: question words that are everyday words too, in another of the four languages or in the same one:
Pashto چې "che/chi" (that), Dari چند "chand" and Pashto څو "tso" (several), څه (some), Urdu "sa" (-ish), "wale",
"wali" (the ones: "FIA wale"), Dari ولی (but), Urdu کیا "kia" (did: "giraftar kia"), English "May". They make a
`question` only when they open the message; elsewhere a question mark must say so. On v6 they marked four of
eight missed emergencies as questions ("wakil wai che …", "police … chand afghan ra gereft", "FIA wale")."""
HABITUAL_WORDS = (
    # round 9: nowadays
    "آج کل", "aaj kal", "aj kal", "aajkal", "ajkal", "این روزها", "in rozha", "دا ورځې", "da wraze",
    "usually", "always", "every time", "whenever", "normally", "in general", "generally", "every day", "daily",
    "again and again", "هر روز", "روزانه", "har roz", "ہر روز", "روز روز", "بار بار", "bar bar",
    "هره ورځ", "hara wraz", "har wraz",
    "معمولا", "همیشه", "هر وقت", "هر بار", "وقتی که", "زمانی که", "عموما",
    "mamulan", "hamesha", "har waqt", "har wakt", "har bar", "wakhti ke", "waqti ke", "zamani ke",
    "عموما", "تل", "هر کله", "کله چې", "کله چی", "tal", "har kala", "kala che",
    "عام طور", "ہمیشہ", "جب بھی", "ہر بار", "aam tor", "am taur", "jab bhi",
    "جاتے ہیں", "لیتے ہیں", "کرتے ہیں", "پکڑتے ہیں", "jate hain", "jaate hain", "lete hain", "karte hain",
    "pakadte hain", "pakarte hain",
)  # fmt: skip
PAST_OVER_WORDS = (
    "گئے تھے", "گیا تھا", "گئی تھی", "لیا تھا", "کیا تھا", "gaye the", "gaye thay", "gaya tha", "gayi thi",
    "liya tha", "kiya tha", "had taken", "had been", "was taken", "were taken",
    "برده بود", "برده بودن", "گرفته بود", "گرفته بودن", "borda bud", "borda budan", "grefta bud", "gerefta bud",
    "بوتلی و", "نیولی و", "botali wo", "niwali wo",
    # round 12: a habit that is over ("the police used to take 500 every week from the tea stall"; Urdu "… لیتے تھے")
    "used to", "لیتے تھے", "آتے تھے", "کرتے تھے", "lete the", "lete thay", "aate the", "ate the", "karte the",
)  # fmt: skip
THANKS_WORDS = (
    "thanks", "thank you", "thank u", "thanku", "thx", "thnx", "grateful", "shukriya", "shukria", "shukriyah",
    "شکریہ", "شکریه", "تشکر", "تشکر از", "tashakor", "tashakur", "tashakkur", "tashakor az", "ممنون", "mamnoon",
    "mamnun", "مننه", "manana", "dera manana", "ډېره مننه", "جزاک الله", "jazakallah", "jazak allah",
)  # fmt: skip
DEFINITION_WORDS = (
    "what is", "whats", "what does", "meaning of", "what means",
    "چیست", "چی است", "چه است", "چی اس", "چه اس", "یعنی چه", "یعنی چی", "چی معنی", "چه معنی", "معنی اش",
    "chist", "chi ast", "che ast", "chi as", "yani chi", "yani che", "chi mana", "mani chi",
    "څه شی دی", "څه شی ده", "څه شی وی", "څه معنی", "sa shay de", "tsa shay de", "sa shi de", "tsa shi de",
    "sa mana",
    "کیا ہے", "کیا ہوتا", "کیا ہوتی", "کیا ہوتے", "کیا مطلب", "مطلب کیا", "kya hai", "kia hai", "kya hota",
    "kya hoti", "kya matlab", "matlab kya",
)  # fmt: skip
FEAR_WORDS = (
    "afraid that", "afraid they", "worried that", "worried they", "scared that", "scared they", "i fear",
    "fear that", "ویره لرم چی", "ویره لرم چې", "وېره لرم چې", "ډار لرم چې", "ویره لرم", "wera larum", "wera laram",
    "dar laram", "میترسم که", "می ترسم که", "ترس دارم که", "ترسم که", "metarsam ke", "mitarsam ke", "tars daram",
    "ڈر ہے کہ", "ڈر لگتا ہے کہ", "ڈر لگ رہا ہے کہ", "خوف ہے کہ", "dar hai ke", "dar hai k", "dar lagta hai",
    "khauf hai",
)  # fmt: skip
_DARI_WAS = ("بود", "بودن", "بودند", "بودم", "بودیم", "بودی", "bud", "bod", "budan", "bodan", "budand", "bodand",
             "budam", "bodam", "budim", "bodem", "budem", "bodim")  # fmt: skip
_DARI_BEFORE = ("ه", "a", "e", "an")
_PASHTO_WAS = ("وه", "وو", "wa", "wo", "va", "vo", "wu", "vu")
_PASHTO_BEFORE = ("لی", "شوی", "lay", "lai", "li", "ly", "shavi", "shaway", "shave", "shawe", "shavay", "shvi")
_ENGLISH_PARTICIPLES = ("come", "gone", "taken", "held", "been", "got", "gotten", "done", "seen", "beaten", "caught",
                        "brought", "put", "kept", "let", "torn")  # fmt: skip
TIMED_KINDS = frozenset({"now", "recent", "ongoing"})
EVENT_KINDS = frozenset({"arrest", "take", "tear", "arrive", "at_home", "held_place", "extortion"})
"""Round 7: something done to someone (`emergency_cues.CORE_KINDS` without the pack phrase), for `question_event`."""


def form(text: str, tokens: tuple[str, ...], kinds: frozenset[str] | set[str]) -> frozenset[str]:
    """The form markers of a message (module docstring); `kinds` are the cue kinds that fired."""
    found: set[str] = set()
    words = _runs(tokens)
    question_words, habitual, past_over, ambiguous, thanks, definition, fear = _lists()
    opens = bool(tokens) and (
        tokens[0] in question_words or tokens[0] in ambiguous or " ".join(tokens[:2]) in question_words
    )
    if "?" in text or "؟" in text or words & question_words or opens:
        found.add("question")
    if opens:
        found.add("opens_question")
    if "question" in found and kinds & EVENT_KINDS and kinds & (TIMED_KINDS | {"victim"}):
        found.add("question_event")
    if words & habitual:
        found.add("habitual")
    if words & past_over or _past_by_form(tokens):
        found.add("past_over")
    if words & thanks:
        found.add("thanks")
    if words & definition:
        found.add("definition")
    if _pashto_potential(tokens):
        found.add("modal")
    if words & fear:
        found.add("feared")
    if "general" in kinds and "victim" not in kinds:
        found.add("others_only")
    return frozenset(found)


def _runs(tokens: tuple[str, ...]) -> set[str]:
    """Single tokens and runs of two: every list entry is one or two words long."""
    return set(tokens) | {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)}


def _past_by_form(tokens: tuple[str, ...]) -> bool:
    """Round 9: a past that is over, by its form (module docstring): a Dari participle or place + "was", a Pashto
    participle + "was", English "had" + a participle. Urdu "… تھا" is left to the listed pluperfects (PAST_OVER_WORDS):
    its simple past ("pakra tha", "aa raha tha") tells most emergencies too, and on the writer CV it changed nothing."""
    dari, pashto, english = _past_forms()
    for before, word in zip(tokens, tokens[1:], strict=False):
        if len(before) < 3:
            continue
        if word in dari and before.endswith(_DARI_BEFORE):
            return True
        if (word in pashto and before.endswith(_PASHTO_BEFORE)) or (word == "و" and before == "شوی"):
            return True  # Pashto "شوی و" (had been …); و alone is "and" everywhere else
        if before == "had" and (word.endswith(("ed", "en")) or word in english):
            return True
    return False


def _pashto_potential(tokens: tuple[str, ...]) -> bool:
    """Round 9: Pashto "can": a verb in -لای / -lay, then شي / shi ("ننوتلای شي", "niwalay shi")."""
    return any(
        word in ("شی", "shi", "shai") and before.endswith(("لای", "lay", "lai", "laay")) and len(before) > 4
        for before, word in zip(tokens, tokens[1:], strict=False)
    )


@cache
def _past_forms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The "was" words of `_past_by_form`, normalised as the text is (built once)."""

    def norm(words: tuple[str, ...]) -> frozenset[str]:
        return frozenset(token for w in words for token in tokenise(w))

    return norm(_DARI_WAS), norm(_PASHTO_WAS), norm(_ENGLISH_PARTICIPLES)


@cache
def _lists() -> tuple[frozenset[str], ...]:
    """The lists, normalised as the text is (built once)."""

    def norm(words: tuple[str, ...]) -> frozenset[str]:
        return frozenset(" ".join(tokenise(w)) for w in words if tokenise(w))

    ambiguous = norm(AMBIGUOUS_QUESTION_WORDS)
    return (
        norm(QUESTION_WORDS) - ambiguous, norm(HABITUAL_WORDS), norm(PAST_OVER_WORDS), ambiguous,
        norm(THANKS_WORDS), _runs_of(DEFINITION_WORDS), _runs_of(FEAR_WORDS),
    )  # fmt: skip


def _runs_of(words: tuple[str, ...]) -> frozenset[str]:
    """The entries normalised as the text is and cut to their first two words, the runs `_runs` gives ("ڈر لگتا ہے
    کہ" is found as "ڈر لگتا")."""
    return frozenset(" ".join(tokenise(w)[:2]) for w in words if tokenise(w))
