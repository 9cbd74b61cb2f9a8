"""The cues of an emergency, per kind, in Dari, Pashto, Urdu and English, in Arabic script and Latin letters.

A cue is a word or a few words in a row, as people type them. `*` at the end of a word accepts any
ending ("گرفت*": گرفتن، گرفتنش، گرفتار). Every cue goes through `normalise.tokenise`, like the text, so
Pashto and Urdu letters typed on a Persian keyboard and romanisation variants meet. Latin words of
three consonants or more are compared by their consonant skeleton (vowels dropped), because romanised
vowels vary freely: "greftan", "griftan" and "giraftan" are all "grftn". A word written "=word" is
compared as written, when its skeleton is an English word's too ("bradar" and "border" are "brdr").

No single cue decides. `emergency.assess` adds the weight of each kind that fired (each kind once) and
subtracts the weight of counter-cues: a question about rights "if" it happens, an arrest a year ago,
news or rumours about somewhere else, a check that ended well. See `bench/README.md`, "Emergencies".
"""

from __future__ import annotations

# Kinds that say something is being done to someone: one of these (or a detention place) must fire.
CORE_KINDS = frozenset({"arrest", "take", "tear", "arrive", "at_home", "held_place", "extortion", "phrase"})

WEIGHTS: dict[str, float] = {
    "arrest": 2.0,  # arrest, detain, raid, deport, lock up, beat, tear a card, load into trucks
    "take": 1.3,  # take / took / carry off / pick up: an arrest without the word
    "tear": 1.3,  # a card torn up: an emergency when someone did it (actor, victim)
    "at_home": 0.0,  # police + door/house: they are there even without a verb ("police at our door")
    "arrive": 1.2,  # came, are here, knocking: who comes matters (actor, door)
    "extortion": 1.5,  # money + a demand, in one message (a bribe asked in general is not yet one)
    "phrase": 1.5,  # one of the pack's emergency phrases (content/emergency.yaml)
    "actor": 1.0,  # police, officers, agencies
    "held_place": 1.0,  # thana, lock-up, Haji Camp, holding centre, camp, border crossing, checkpoint
    "home": 1.0,  # door, house, our street: where a raid happens
    "now": 1.0,  # now, tonight, right now
    "recent": 0.7,  # last night, yesterday, today, this morning
    "ongoing": 0.8,  # still, not back yet, since, we do not know where
    "victim": 1.0,  # me, us, my husband, brother, son, everyone
    "help": 0.8,  # help, please, hurry
    "vehicle": 0.4,  # truck, van: loading people
    # Counter-cues
    "conditional": 0.0,  # if: what follows it did not happen; it counts by dropping those cues (CONDITIONAL_SCOPE)
    "nearby": -1.0,  # near the police station, close to the border: where something is, not what happens
    "general": -0.7,  # people, Afghans: a group, not someone known
    "hypothetical": -1.6,  # can they, could, what happens, PoR holders (a group, not a person)
    "rights": -0.8,  # a question about rights in general
    "future": -1.2,  # will they … ? (Urdu گے/گی, English "will")
    "long_ago": -4.0,  # last year, a year ago
    "elsewhere": -3.0,  # news, heard, rumours, is it true
    "resolved": -3.0,  # released, let go, no problem
    "benign": -2.0,  # hospital, school, going back of one's own will
    # round 5: it is over or calm now, or a week back: weaker than released (a week back may still be held)
    "relief": -1.0,  # thank God, we are fine, it is calm now
    "last_week": -1.5,  # last week: not "now", not yet "long ago"
    "others_news": -1.0,  # news or hearsay and a group (a pair, PAIRS): about other people
    # round 7: a threat to hand someone to the police ("pay double rent or I tell the police you have no card"):
    # with money or rent it is extortion (PAIRS), in any language; rent alone is nothing
    "report": 0.5,
    "rent": 0.0,
    # round 12: Pashto and Dari "khabar" + do / give / become is "let know, tell, talk" (خبر کړه، khabar kram,
    # خبرې کوي), not news: the longer cue hides "khabar*" (elsewhere); with police it is a threat to report
    "inform": 0.0,
    # round 12: "but", "anyway": a long message that opens with "we are all fine, thank God" and then says
    # what happened; `emergency.assess` drops the calm before it when something is done after it
    "contrast": 0.0,
}
# Two kinds that only count together: money and a demand are extortion; police and a door, a raid at home.
# Round 5: news or hearsay about a group ("heard police took Afghans in Karachi") is about others, in any language.
PAIRS = {
    ("money", "demand"): "extortion", ("actor", "home"): "at_home", ("elsewhere", "general"): "others_news",
    ("actor", "inform"): "report", ("money", "report"): "extortion", ("rent", "report"): "extortion",
}  # fmt: skip
# With extortion these do not count against: threats are conditional ("if you don't pay, I'll …").
THREAT_FORMS = frozenset({"conditional", "hypothetical", "future"})
CONDITIONAL_SCOPE = 6
"""Words after "if" (اگر، که، agar) that it governs: its cues up to and including the first action there
do not count ("what are my rights if the police arrest me"); cues before it do ("police took my
brother, what if they deport him")."""

CUES: dict[str, tuple[str, ...]] = {
    "arrest": (
        # en
        "arrest*", "detain*", "detention", "custody", "raid*", "deport*", "jail*", "jailed", "lockup", "locked up",
        "lock me up", "lock him up", "lock us up", "confiscat*", "seized",
        "beat", "beaten", "beating", "loading", "abduct*", "kidnap*", "handcuff*", "sent back", "send us back",
        "expel*", "grabbed", "grab*", "nabbed", "busted",
        # prs
        "گرفتار*", "گرفت*", "بازداشت*", "توقیف*", "زندان*", "حبس*", "اخراج*", "دیپورت*", "چاپه",
        "لت و کوب", "لتوکوب", "بندی", "نگه داشت*", "بالای موتر",
        # ps
        "ونیو*", "ونیول*", "ونیسی", "نیولی", "نیول*", "نیسی", "شری", "وشرل*", "ایستل*", "ایستی", "وایست*", "وباسی",
        "بندی",
        "چاپی", "ووهه", "ووهل*", "وهلی", "اچوی",
        # ur
        "پکر*", "اتها*", "گرفتار*", "حراست*", "چهاپ*", "دی پورت", "ملک بدر*", "مارا پیتا", "پیت*", "اندر کر*",
        "دال رهی",
        # roman prs/ps/ur
        "greft*", "grift*", "giraft*", "gereft*", "bazdasht*", "tawqif*", "zindan*", "habs*", "ikhraj*", "ekhraj*",
        "chapa", "chhapa", "chape", "lat o kob", "bandi", "negah dasht*",
        "vanev*", "vaniv*", "vanyo*", "vanio*", "nival*", "nisi", "obas*", "vashar*", "vavaho", "vavahal*", "vahali",
        "achavi", "pakad*", "pakar*", "pakr*", "pakd*", "utha*", "hawalat", "andar kar*",
        "daal rahi", "daal rahe", "dal rahe", "vanis*",
        "rounded up", "round up", "roundup", "crackdown", "snatched", "in custody", "behind bars", "kicked out",
        "taken away", "took away", "دستگیر*", "جلب", "محبوس*", "زندانی*", "باج*", "رشوه", "بند کردن*", "بندش کردن*",
        "حبسش*", "یور", "یورل", "یوره", "وشرل", "شرل*", "راونیول*", "وتره", "وتړل*", "چهین*", "واپس بهیج*",
        "افغانستان بهیج*", "بند کر دیا", "ریت", "dastgir*", "zendan*", "band kar diya", "andar kar diya",
        "vapas bhej*", "vapis bhej*", "chhin*", "chin liya", "arest kar*", "yovar*", "shral", "istal", "ostal",
        "hirasat", "hirast", "بند هی", "band hai", "band he", "تلاشی میکن*", "تلاشی کرد*", "talashi mekon*",
        "talashi kad*", "searching", "searched", "send us", "sending us", "send back", "sending back", "send him",
        "sent him",
        "جمع کرد*", "جمع میکن*", "jama kad*", "jama kard*", "jama kar*", "اکتها کر*", "ikatha kar*", "در بند",
        "بند است", "په بند", "band as", "da band", "واچول*", "اچول*", "انداخت*", "andakht*", "رکها هی", "رکها هوا",
        "rakha hai", "rakha hua", "ساتل*", "satal*",
        "بند هین", "band hain", "band hen",
        "دال کر", "دال دیا", "daal ke", "daal kar", "dal ke", "dal diya", "daal diya",
        # round 4: held without the word "arrest": stopped and not let go, stuck at the border
        "ruki hui", "ruke hue", "ruka hua", "rok rakh*", "روکی هوی*", "روکی هویی", "روکا هوا", "روک رکه*",
        "gir mand*", "گیر ماند*", "stuck at", "نیوی", "=nivi", "=niwi",
        # round 7: Urdu "they are holding me", "stopped and kept"
        "roke baith*", "roke hue", "rok liya", "rok lia", "rok rakha", "روکے بیٹھ*", "روکے ہوئے", "روک لیا",
        # round 8: loading people into buses, trucks, vans (ur "bhar rahe", ps "khejawi", prs "bar/sawar kad"),
        # Pashto "(or) we arrest (you)"
        "buses me bhar*", "bus me bhar*", "bason me bhar*", "truck me bhar*", "trucks me bhar*", "gari me bhar*",
        "gaadi me bhar*", "van me bhar*", "بسوں میں بھر*", "بس میں بھر*", "ٹرک میں بھر*", "ٹرکوں میں بھر*",
        "گاڑی میں بھر*", "گاڑیوں میں بھر*", "khejav*", "خیژو*", "وخیژو*", "sawar kad*", "savar kad*",
        "sawar kard*", "سوار کرد*", "سوار کد*", "سوار میکن*", "سوار کر*", "savar kar*", "sawar kar*",
        "نیسو", "نیسم", "nisu", "nisam", "vanisu",
    ),
    "take": (
        "took", "taken", "taking", "take him", "take me", "take us", "picked up", "pick up", "picking up",
        "brought", "carried", "dragged", "held", "holding",
        "میگیر*", "megir*", "migir*", "نیسی",
        "برد*", "بردن*", "میبر*", "میبرن*", "ببر*",
        "بوتل*", "بوت", "بیایی", "بوزی", "یوسی", "وری", "راوست*",
        "لی گیی", "لی گیا", "لی جا", "لی جای*", "لی آ*", "اتها لیا", "لی لیا", "لی گی",
        "bordan*", "bordand*", "bordesh", "bordi", "bord", "burdan*", "burd", "mebar*", "mibar*", "bebar*",
        "botl*", "bot", "bayayi", "bayai", "biayi", "rawast*",
        "le gaye", "le gayi", "le gai", "le gye", "le gae", "le gaya", "le ja", "le jayen*", "le aye", "le aaye",
        "le liya", "utha liya",
        "دارن میبر*", "برده اند", "بردنش", "گرفتنش", "vapas le", "bordanesh", "bordanish",
        "واخیست*", "اخیست*", "بتها*", "bitha*", "منتقل*", "muntakil*", "انتقال داد*", "vakhist*",
        "گهسیت*", "ghasit*", "ghaseet*", "لی لیی", "le liye", "le lie",
        # round 7: Pashto "(they) took (him) away", یې یوړ / یووړ / وړی دی, as people romanise it
        "یوړ*", "یووړ*", "بیولی", "yowr*", "yaowr*", "yawr*", "yuwr*", "wyowr*", "wyuwr*", "byoli", "beyoli",
        # round 8: Dari passive "(they) were taken", romanised
        "borda shod*", "borda", "burda shod*", "burda", "برده شد*", "گرفته شد*", "gerefta shod*", "grefta shod*",
        # round 14: Dari "pulling (people) out" of their houses (v13's romanised Dari miss: "mekashan birun")
        "mekashan birun", "mekashand birun", "birun mekash*", "berun mekash*", "میکشن بیرون", "بیرون میکش*",
        "kashidan birun", "birun kashidan", "بیرون کشید*", "kash kardan birun",
    ),
    "tear": (
        "tore", "torn", "tear*", "ripped", "پاره", "سیری", "پهار*", "pare", "para", "tsiri", "phar diya",
        "phaar diya",
        "چهین لیا", "chhin liya", "cheen liya", "snatched my card", "broke my card",
        "شلاو*", "وشلاو*", "شلول*", "shlav*",
        "threw", "thrown", "threw away",
        # round 9: Pashto "tear (up)" as a verb, څیرول, as people romanise it ("card de tsirawom")
        "څیرو*", "وڅیرو*", "tsiraw*", "tsirav*", "shiraw*", "shirav*", "sheeraw*", "sheerav*",
    ),
    "arrive": (
        "came", "come", "coming", "are here", "is here", "here now", "outside", "knocking", "banging", "at the door",
        "at our door", "surrounded",
        "آورد*", "avord*", "laye", "لایی",
        "آمد*", "آمدن*", "آمده", "آمدند", "میزنن*", "دم دروازه", "پشت دروازه",
        "راغل*", "راغلی", "تکوی", "په دروازه",
        "آ گیی", "آگیی", "آیی", "آیی هی", "کهری", "کهرا",
        "amad*", "amada", "mezan*", "raghl*", "takavi", "aa gaye", "aa gayi", "aagai", "aayi", "aaye", "aye",
        "khari", "khara", "peet rahe",
        "at our gate", "at the gate", "outside our house",
        "میکوب*", "کوبید*", "تک تک", "گهس*", "ghus*", "ننوتل*", "nanavatal*", "knocked", "broke in", "barged in",
    ),
    "money": (
        "money", "cash", "rupees", "bribe", "پول", "پیسه*", "پیسی", "روپی*", "رشوت*", "رشوه",
        "paisa", "paise", "pesa", "pese", "pul", "rishvat", "rupay*",
        "pesy", "paisy", "peese", "paisay",  # round 13: Pashto "money" as typed ("pesy raka")
        "chai pani", "kharcha", "khurcha",
        "هزار", "hazar", "thousand",
        # round 8: Pashto "thousand" (زره; also "heart" once ړ is folded, so only with a number or rupees)
        "لس زره", "شل زره", "پنځه زره", "سل زره", "دېرش زره", "پنځوس زره", "زره روپۍ", "زره روپئ", "las zara",
        "shal zara", "pinza zara", "zara rupay*", "zara kaldar",
        # round 9: a number in digits + Pashto "thousand" ("5 zara", "۲۰ زره")
        *(f"{n} zara" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 100)),
        *(f"{n} زره" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 100)),
    ),
    "report": (
        # round 7: "I will tell / call the police", "hand you over", as a threat
        "tell the police", "call the police", "call the cops", "report you", "report us", "hand you over",
        "پولیس ره خبر", "پولیسه خبر", "پولیس را خبر", "به پولیس خبر", "به پولیس میگم", "پولیسه میگم",
        "police ra khabar", "polisa khabar", "police khabar", "ba police megam", "ba police migam",
        "پولیس ته به", "پولیسو ته به", "پولیس ته ووایم", "پولیسو ته ووایم", "پولیس ته خبر",
        "police ta ba", "police ta wayam", "police ta wawayam", "police ta khabar",
        "پولیس کو بتا*", "پولیس کو بلا*", "پولیس کے حوالے", "پولیس کو اطلاع",
        "police ko bata*", "police ko bula*", "police ke hawale", "police ko ittala",
        # round 13: "(or) I report you", with the English word, in Pashto and Urdu
        "report kaw*", "report kra*", "report kro*", "ریپورټ کو*", "رپورټ کو*", "report kar dunga", "report karunga",
        "report kar denge", "رپورٹ کر دوں", "رپورٹ کروں",
        # round 9: "I will file a complaint (that you are Afghan)", as a threat
        "شکایت کر دوں گا", "شکایت کروں گا", "shikayat kar dunga", "shikayat karunga", "شکایت میکنم", "shikayat mekonom",
        "complain to the police", "report to the police",
        # round 10: Dari "tells / will tell the police" as spoken (میگه), Pashto "I will tell the police"
        "پولیس ره میگ*", "پولیسه میگ*", "به پولیس میگ*", "police ra meg*", "police ra mig*", "polisa meg*",
        "ba police meg*", "پولیس ته به ووای*", "police ta ba wway*", "police ta ba way*",
    ),
    "rent": (
        "rent", "کرایه", "کرایہ", "کرایې", "کرایی", "kiray*", "kiraia*", "kerai*", "keray*",
    ),
    "demand": (
        "asking", "asked", "demand*", "wanted", "wants", "want", "pay", "or else", "threat*",
        "میخا*", "میخوا*", "خاست*", "خواست*", "تهدید*", "غواری", "وغوشتی", "وغوشتل*", "مانگ*", "دهمکی",
        "mekhay*", "mikhay*", "khast*", "tahdid*", "ghvari", "vagokht*", "mang*", "dhamki",
        # round 8: "give (it)!", and "otherwise": a demand with a threat, in Pashto, Dari, Urdu
        "otherwise", "ورکړه", "ورکړئ", "ورکړی", "warkra", "vrkra", "vrakra", "warkrai", "که نه", "ka na", "ورنہ",
        "ورنه", "varna", "بتین", "bedi", "betin", "دے دو", "de do", "dedo",
        "نہیں تو", "nahi to", "nahin to", "na to",  # round 9: Urdu "(give,) otherwise"
        # round 9: Pashto "bring (it)!", راوړه, beside "give!"
        "راوړه", "راوړئ", "rawra", "rawrai", "rawri",
        # round 13: Pashto "give (it) to me" (راکړه), beside "give!" (ورکړه)
        "راکړه", "راکړئ", "raka", "rakra", "rakai", "rakrai",
    ),
    "actor": (
        "police", "polis", "cop", "cops", "officer*", "fia", "agency", "agencies", "ranger*", "army", "soldier*",
        "پولیس*", "پلیس", "مامور*", "اهلکار*", "ایف آی ای", "رینجر*", "فوج",
        "mamur*", "ahalkar*", "pulis",
        "policemen", "police wale", "police vale", "police vala", "police wala", "uniform", "plain clothes", "ctd",
        "levies", "fc", "پولیسا", "عسکر*", "امنیتی", "قوماندان*", "سرتیری", "زواکون*", "پولیس والی", "پولیس والا",
        "askar*",
        "polic", "polis wala", "polic wala",  # round 9: "police" with its last letter dropped
        # round 10: a soldier or constable (Dari سپاهی / سرباز, Urdu سپاہی, English "constable")
        "سپاهی", "سرباز", "sepahi", "sipahi", "sepai", "sipai", "sarbaz", "constable*", "کانستیبل", "کانسٹیبل",
    ),
    "held_place": (
        "بندیخانه", "بندی خانه", "bandikhana", "bandi khana",  # round 4: prison, in Dari
        "thana", "station", "police station", "lockup", "lock up", "jail", "prison", "haji camp", "holding centre",
        "holding center", "detention centre", "camp", "torkham", "chaman", "=border", "checkpoint", "check post",
        "تهان*", "تانه", "حوالات", "حاجی کمپ", "کمپ", "کیمپ", "تورخم", "طورخم", "چمن", "سرحد", "بارتر", "بارڈر",
        "پوسته", "چک پوست", "ناکی", "ناکه", "زندان", "بندی خانه", "بندیخانه", "جیل",
        "thana*", "thane", "tana", "hawalat", "haji", "kamp", "kemp", "posta", "nake", "naka", "jel",
        "chowki", "chauki", "lock-up", "cell", "حوزه", "قوماندانی", "قرارگاه", "مرز", "چوکی", "تاڼه", "هوالات",
        # round 7: held on remand (Foreigners Act s.14), in a named jail, in every language and script
        "remand", "ریمانډ", "ریمانڈ", "ریماند", "adiala", "اڈیالہ", "اډیاله", "ادیاله",
        # round 8: the holding centre written in Arabic script (English words, Pashto/Urdu/Dari letters)
        "هولډنګ*", "هولډینګ*", "ہولڈنگ*", "هولدینگ*", "ډیټنشن*", "ڈیٹینشن*", "دیتنشن*", "holding centr*",
        # round 9: bail refused: someone is held and stays held, in every language
        "bail rejected", "bail refused", "refused bail", "denied bail", "bail denied", "dismissed the bail",
        "bail was dismissed", "bail dismissed", "ضمانت نداد*", "ضمانت ندا*", "zamanat nadad*", "zamanat nadadan",
        "ضمانت رد", "ضمانت یی رد", "zamanat rad", "zamanat ye rad", "ضمانت نہیں", "ضمانت مسترد", "zamanat nahi",
        "zamanat reject", "zamanat mustarad", "ضمانت کی درخواست", "zamanat ki darkhwast",
    ),
    "home": (
        "door", "house", "home", "دروازه*", "دروازی", "خانه*", "کور*", "گهر", "darvaz*", "khana", "ghar", "kor",
        "gate", "street", "mohalla", "muhalla", "area", "our area", "منطقه", "محله", "کوچه", "سیمه", "علاقه", "kocha",
        "sima", "ilaka", "mantika",
        "دم دروازه", "پشت دروازه", "at the door", "at our door", "په دروازه", "at our gate", "at the gate",
        "outside our house",
    ),
    "now": (
        "they are",
        "now", "right now", "rn", "currently", "at the moment", "tonight", "happening",
        "الان", "حالا", "حالی", "همین حالا", "امشب", "اوس", "همدا اوس", "ابهی", "نن شپه", "آج رات", "اسی وقت",
        "alan", "hala", "hali", "emshab", "imshab", "os", "abhi", "aaj raat", "aj rat", "nan shpa",
        # Urdu progressive: "le ja rahe hain" is happening as they write
        "رهی هین", "رهی هی", "رها هی", "rahe hain", "rahe hai", "rahi hai", "raha hai", "rahe hen",
        "just now", "this evening", "at this moment", "فعلا", "همی حالا", "امشو", "اس وقت", "is vakt", "is waqt",
        "hami hala", "hamin hala", "emshav", "hamda os",
        "is happening",
    ),
    "recent": (
        "last night", "yesterday", "today", "this morning", "tonight", "earlier",
        "دیشب", "دیروز", "امروز", "صبح", "بیگا", "پرون", "نن", "سهار", "کل رات", "کل", "آج", "رات", "صبح",
        "dishab", "diroz", "emroz", "sob", "sobh", "subh", "subah", "bega", "parun", "nan", "sahar", "kal", "aaj",
        "raat",
        "دیشو", "از صبح", "صبح سی", "رات سی", "dishav", "since morning", "since yesterday", "two days", "2 days",
        "3 days",
        "in the morning", "morning",
        # round 20: the night / day before last (v19's Dari miss: a son at a thana "since the night before last");
        # "=": "parson" by its skeleton would be "person"
        "پریشب", "پریروز", "parishab", "pareshab", "pariroz", "pareroz", "پرسوں", "=parson", "=parso", "=parsoon",
        "day before yesterday",
    ),
    "ongoing": (
        # round 17: a release still to come ("when will he be freed?", "pay and he is let go") means held now; the
        # longer cue hides the "released" inside it (v16's Pashto miss; six dev emergencies say it, no calm message)
        "ba azad sh*", "azad ba sh*", "به ازاد ش*", "به خوشی شی", "ba khoshe shi", "ba khushe shi", "azad mesha",
        "azad meshe", "ازاد میشه", "ازاد میشود", "raha mesha", "رها میشه", "riha hoga", "reha hoga", "رہا ہوگا",
        "رہا ہو گا", "chhootega", "chhutega", "چھوٹے گا", "kab chorenge", "kab chhodenge", "kab chodenge",
        "کب چھوڑیں گے", "be released", "will they release",
        "still", "not back", "isnt back", "since", "dont know where", "no news", "missing",
        "هنوز", "تا حالا", "نمیدانیم کجا*", "تر اوسه", "اوس هم", "راهیسی", "ابهی تک", "پته نهین", "پتا نهین",
        "hanoz", "hanuz", "tar osa", "os ham", "rahise", "abhi tak", "pata nahi", "namefam*",
        "havent come back", "hasnt come back", "not returned", "cant reach", "phone is off", "phone off", "تا حال",
        "تاحال", "خبر نداریم", "هیچ خبر", "واپس نهین آیا", "اب تک", "کوئی خبر نهین", "خبر نه لرو", "ta hal",
        "khabar nadarem", "khabar nadarim", "ab tak", "koi khabar nahi", "vapas nahi aya", "vapis nahi aya",
        "khabar na laru",
        "رها نکرد*", "رها نشد*", "آزاد نکرد*", "آزاد نشد*", "خوشی نکر*", "چهور نهین", "نهین چهور*", "chor nahi",
        "nahi chor*", "nahi chhor*", "riha nahi", "raha nakad*", "azad nashod*", "دو روز", "سه روز", "دوه ورزی",
        "do din", "2 din", "two days",
        "wont let me go", "wont let him go", "wont let", "not letting", "dont let me go", "nahi chor rahe",
        "nahi chhor rahe", "نمیمانن*", "نه پریژدی",
        # round 5: a person missing, as English "missing" already was (Urdu/Pashto لاپته is said of people)
        "لاپته", "lapata", "lapta", "la pata", "گم شده", "gum shuda", "gom shoda", "gum shoda",
        # round 9: not come back, the phone off or not reachable, in every language
        "نہ آیا", "na aya", "nahi aya", "نہیں آیا", "فون نہیں لگ", "phone nahi lag", "فون بند ہے", "phone band hai",
        "نمبر بند ہے", "number band hai", "نمبر بھی بند ہے", "number bhi band hai", "mobile band hai", "موبایل خاموش",
        "mobile khamosh",
        "تلفن خاموش", "گوشی خاموش", "ټیلیفون یی بند", "mobile ye band", "نه دی راغلی", "na de raghlay",
        "نیامد", "nayamad", "nayamada", "still inside", "stay inside", "داخل است", "داخل استه", "dakhil ast",
        # round 10: no contact, the phone switched off; "since yesterday / last night / morning" in Urdu and Pashto;
        # asking how to get someone out (he is still held)
        "switch off", "switched off", "switch of", "no contact", "cant contact", "not reachable", "unreachable",
        "rabta nahi", "rabta nahin", "رابطہ نہیں", "رابطه نهین", "رابطہ نہیں ہو", "رابطه نیست", "تماس نمیگیر*",
        "تماس نمیشه", "rabita nest", "tamas nemegir*", "اریکه نشته", "اړیکه نشته", "areeka nishta", "arika nishta",
        "کل سے", "kal se", "کل رات سے", "kal raat se", "صبح سے", "subah se", "subha se", "پرون راهیسی",
        "parun rahise", "parun raise",
        # round 20: since the night / day before last
        "از پریشب", "از پریروز", "az parishab", "az pareshab", "az pariroz", "az pareroz", "پرسوں سے", "=parson se",
        "=parso se", "=parsoon se",
        "get him out", "get them out", "get her out", "انہیں نکال*", "اسے نکال*", "ان کو نکال*",
        "unhe nikal*", "unko nikal*", "use nikal*", "usko nikal*",
    ),
    "victim": (
        "me", "us", "him", "her", "husband", "wife", "brother", "brothers", "bro", "son", "sons", "father", "dad",
        "mother", "mom",
        "sister", "uncle", "cousin", "nephew", "kids", "children", "family", "families", "everyone", "all the men",
        "مرا", "مره", "ما را", "مارا", "ما ره", "شوهر*", "برادر*", "برادم", "بیادر*", "پسر*", "بچه*", "پدر*",
        "مادر*", "خواهر*", "کاکا*", "اولاد*", "فامیل*", "همه", "ازم", "هر کس*", "هر کسی", "سب کو",
        "زه", "موژ", "مو", "میره", "مور", "ورور*", "زوی*", "پلار*", "خور", "تره", "ماشوم*", "تول", "سری",
        "مجهی", "همین", "همی", "شوهر", "بهایی", "بیتی", "بیتا", "ابو", "والد", "امی", "بهن", "چچا", "کزن", "بچون",
        "سب",
        "mara", "ma ra", "shohar*", "shuhar*", "=bradar*", "=baradar*", "=brodar*", "bacha", "bachem", "bachay",
        "pesar*", "padar*",
        "madar*",
        "khvahar*", "kaka*", "avlad*", "hama", "har kas*", "har kisi", "har koi", "hamen", "hamain", "hame", "za",
        "mung", "zmung", "mera", "vror", "vror", "zoy", "plar", "mor", "khor",
        "tra", "tol", "sari", "mujhe", "humein", "hamein", "bhai", "bete", "beta", "abbu", "abu", "valid", "ammi",
        "behen", "chacha", "bachon", "sab",
        "daughter", "neighbour", "neighbor", "دخترم", "خانمم", "زنم", "برارم", "همسایه*", "خانواده*", "لور", "شزه",
        "کورنی", "مونژ", "بیوی", "ham sab", "hum sab", "beti", "bivi", "mong",
        "برار*", "بچیم", "وراره", "وریره", "خاوند", "خاوند*", "khavand", "vrara", "brar*",
        "راسخه", "rana", "ra tsakha",
        "im", "i am", "we", "we are",
        "مامون", "ماما", "mamu", "mamun", "mama",
    ),
    "help": (
        "help", "please", "hurry", "urgent", "asap", "sos", "what do i do", "what should i do",
        "کمک", "لطفا", "زود", "مرسته", "مهربانی", "ژر", "مدد", "بچاو", "جلدی", "پلیز", "فوری",
        "komak", "lotfan", "zud", "madad", "mehrabani", "zar", "bachao", "jaldi", "fori",
    ),
    "vehicle": (
        "truck", "trucks", "van", "bus", "موتر", "موترو", "موتر*", "ترک", "ترکونه", "گاری*",
        "buses", "busses", "bason", "basun", "بسونه", "بسونو", "بسوں",  # round 8
        "motar*", "motor*", "truck*", "gari*", "gaadi",
        "گادی*", "van*", "lari", "لاری",
    ),
    "conditional": (
        # Dari که is also "that", Urdu ka "of": only "if police …" in those
        "if", "what if", "in case", "اگر", "اگه", "در صورت", "که پولیس", "agar", "agr", "ka police",
        # round 5: Pashto "if I / if my" (Dari که is "that", but Dari does not write زه or زما)
        "که زه", "که زما", "ka za", "ka zama", "ka zma",
        # round 9: Pashto "if tomorrow", "if ever" (که چیرې)
        "که سبا", "ka saba", "که چیری", "ka chire", "ka chiri", "کہ اگر",
    ),
    "nearby": (
        "near", "nearest", "close to", "نزدیک", "قریب", "نژدی", "nazdik", "najdi", "karib", "kareeb",
    ),
    "general": (
        "people", "afghans", "afghan people", "refugees", "خلک", "مردم", "افغانان", "افغانها", "مهاجرین", "لوگون",
        "afghanan", "afghanon", "afghana", "logon", "log", "khalk", "mardom", "muhajirin",
        # round 4: anyone, usually: a question about how things go, not about someone known
        "کسی که", "کسی کو", "kisi ko", "kasi ke", "سوک چی", "=sok", "anyone", "if someone", "usually",
        "عام طور", "aam tor", "am tor", "معمولا", "mamulan", "عموما",
        # round 9: "nowadays" (Urdu آج کل is not today + yesterday), in each language
        "آج کل", "aaj kal", "aj kal", "aajkal", "ajkal", "این روزها", "in rozha", "dagha wraze",
    ),
    "hypothetical": (
        # round 18: Pashto "I dream", "I worry"; Urdu "I keep thinking" (v17's calm worries)
        "خوب وینم", "khob winam", "sochti hoon", "sochti hun", "سوچتی ہوں", "سوچتا ہوں", "sochta hoon", "fikar kawam",
        "فکر کوم",
        "card vala", "card vali", "کارت والا", "کارد والا", "کارد والی",
        "what happens", "can police", "can they", "is it legal", "allowed",
        "can", "could", "holders", "card holders", "card walon",
        "میتانه", "میتواند", "میشه که", "سکتی", "سکتا", "لرونکی", "دارندگان", "کارد والون",
        "metana", "mitana", "sakti", "sakta", "larunki", "dara ha",
        "بعد از", "after my card", "وروسته", "کی بعد", "آیا", "ایا", "illegal", "is it allowed", "allowed to",
        "kya police", "کیا پولیس",
        "is it safe", "safe",
        "do i need", "should i carry", "what documents",
        # round 5: "I have a question", "just asking", "in general": the writer says it is not happening
        "just asking", "general question", "in general", "hypothetically", "i have a question", "a question",
        "general pooch", "sirf pooch", "bas pooch", "صرف پوچه", "ایک سوال", "ek sawal", "ek saval",
        "یوازی پوشتنه", "yawazi pukhtana", "یو سوال لرم", "yaw sawal", "yo sawal", "یک سوال", "yak sawal",
        "فقط میپرس*", "faqat mepurs*", "سوال عمومی", "sawal e umumi",
        # round 9: "open or closed?" (Urdu/Dari بند is "closed" as well as "locked up"), asked of a border or a road
        "یا بند", "ya band", "یا بسته", "ya basta", "که بند", "ka band",
        # round 9: afraid *that* it will happen (a worry, not an event)
        "afraid that", "worried that", "scared that", "ویره لرم چی", "wera larum che",
        "ډار لرم چی", "میترسم که", "می ترسم که", "metarsam ke", "ڈر ہے کہ", "ڈر لگتا ہے کہ", "dar hai ke",
        "dar lagta hai ke",
        # round 16: God forbid, a dream: a fear told, not an event (v15's calm worries)
        "خدانخواستہ", "خدا نخواستہ", "khuda na khasta", "khudanakhasta", "khuda nakhasta", "god forbid",
        "خدای مه کړه", "khudai ma kra", "khudaie ma kra", "خدا نکند", "khuda nakuna", "khoda nakona",
        "dream", "dreamt", "dreamed", "nightmare*", "خواب دید*", "خواب میبین*", "khob didom", "khwab dekha",
        "خواب دیکھا", "sapna",
    ),
    "rights": (
        "rights", "my rights", "law", "legal", "حقوق", "حق", "حقونه", "قانون*", "huquq", "haquna", "haq", "kanun",
        # round 5: a warrant, where to complain: asking what the law allows
        "warrant", "وارنت", "complain*", "شکایت*", "shikayat*", "shikayet*",
    ),
    "future": (
        "will they", "will police", "going to deport", "گی", "گا", "کرینگی", "ba vasharal", "karenge", "karen gi",
        "hogi", "hoga", "هوگی", "هوگا", "شی",
        "will we", "will i", "will my", "will he", "would they",
    ),
    "long_ago": (
        # round 18: Pashto "years before" (کاله وړاندې), Urdu "when I was small" (v17's calm past stories)
        "کاله وراندی", "kala wrande", "kaala wrande", "چھوٹا تھا", "چھوٹی تھی", "chota tha", "chhota tha", "choti thi",
        "when i was young", "when i was little",
        # round 17: Dari "last winter" (زمستان پار), "when I was a child", Pashto "it has been years", Urdu "last
        # Ramzan", "did time" (v16's calm past stories)
        "زمستان پار", "zemestan e par", "zimistan e par", "طفل بودم", "when i was a child", "kaala kegi",
        "pichle ramzan", "پچھلے رمضان", "did time",
        "last year", "a year ago", "year ago", "years ago", "months ago", "last month", "in the past",
        "پارسال", "سال پیش", "سال قبل", "ماه پیش", "پروسژکال", "کال مخکی", "کاله مخکی", "پچهلی سال", "سال پهلی",
        "parsal", "sal pesh", "saal pehle", "sal pehle", "pichle saal", "parosakal", "kal makhke",
        "پچهلی مهینی", "pichle mahine", "ماه گذشته", "تیره میاشت", "2019", "2020", "2021", "2022", "2023", "2024",
        "2025", "1398", "1399", "1400", "1401", "1402", "1403",
        "تیر کال", "ter kal", "سال گذشته", "sal gozashta", "sal e gozashta",
        # round 5: months ago in Urdu and Pashto
        "مهینی پهلی", "mahine pehle", "mahiney pehle", "میاشتی وراندی", "miashte wrande", "myashte wrande",
        "ماه قبل", "mah qabl", "mah pesh", "mah e gozashta",
        # round 8: Pashto "last year" as spoken (پرون کال), not "yesterday"
        "پرون کال", "paroon kal", "parun kal", "paron kal",
        # round 10: long ago, last winter / summer / Eid / Ramadan, in every language
        "long ago", "long time ago", "bohat pehle", "bahut pehle", "bohot pehle", "بہت پہلے",
        "بهت پهلی", "مدت ها پیش", "muddat pesh", "dair pehle", "ډیر وخت مخکی", "der wakht makhke",
        "last winter", "last summer", "last eid", "last ramzan", "last ramadan",
        "زمستان گذشته", "تابستان گذشته", "عید گذشته", "zemestan e gozashta", "zimistan e gozashta",
        "پچهلی عید", "pichli eid", "تیر ژمی", "ter zhami", "تیر اختر", "ter akhtar",
        # round 15: Pashto "before, once" (پخوا), "back when", "in the first wave" (v14's calm past stories)
        "پخوا", "pakhwa", "pakhva", "back when", "first wave", "ages ago",
        # round 16: Urdu "last winter" (v15's calm past stories)
        "پچھلی سردی*", "pichli sardi*", "pichhli sardi*",
    ),
    "elsewhere": (
        # round 18: YouTube, a news anchor, Pashto "television" without its ی, a link (v17's calm messages about
        # what was seen)
        "youtube", "یوتیوب", "یوٹیوب", "anchor", "تلویزون*", "link",
        # round 17: a reel, propaganda, Geo News (v16's calm messages about what was seen or heard)
        "reel", "reels", "propaganda", "geo news", "جیو",
        "friend says", "my friend", "people say", "someone said", "i was told", "told me that",
        "news", "heard", "rumour", "rumor", "is it true", "on tv", "video", "facebook", "tiktok",
        "خبر*", "شنیدم", "شنیدیم", "شنیده", "اوریدلی", "سنا", "راست است", "رشتیا", "سچ",
        "khabar*", "shnid*", "suna", "avred*", "rishtia", "sach",
        # round 4: seen on television or in a video, not lived
        "tv", "television", "تلویزیون*", "تلیویزیون*", "تی وی", "ولیدل", "ویدیو*", "vidio*", "tv pe", "tv par",
        # round 4: asking whether an offer or a caller is a fraud: a warning to check, not someone held
        "scam", "fraud", "legit", "dhoka", "dhokha", "دهوکه", "دوکه", "فراد", "فریب", "fareb", "جعلی", "jali",
        # round 16: a broadcaster or an article (v15's calm messages asking for a report)
        "bbc", "بی بی سی", "article",
    ),
    "resolved": (
        # round 18: Dari "brought back" (pas ovord), "let go" (ilaa kad), "got bail"; "back with his family", "out of
        # the holding centre"; Urdu plural "came back", "reached home", "let go on bail"; Pashto "were released"
        # (khushe shway) (v17's calm messages about a release)
        "pas ovord*", "pas oword*", "ilaa kad*", "ilaa kard*", "ilaa shod*", "back with his family",
        "back with the family", "back with family", "out of the holding", "out of holding", "out of jail",
        "wapis aa gaye", "wapas aa gaye", "wapis aa gaya", "واپس آ گئے", "ghar pohch*", "گھر پہنچ*", "bail shod*",
        "بیل شد*", "khushe shw*", "khoshe shw*", "khushi shw*", "zamanat pe chor*", "zamanat par chor*",
        "ضمانت پر چھوڑ*", "ضمانت پہ چھوڑ*",
        # round 17: Dari "rai shod" (released), Pashto "all came back", "brought him home", Urdu "kuch nai hua" (v16's
        # calm messages about a release)
        "rai shod", "rai shud", "بیرته راغلل", "birta raghlal", "berta raghlal", "کور ته راوست", "kor ta rawast",
        "kuch nai hua",
        "released", "let me go", "let him go", "let go", "free now", "all fine", "no problem", "came back",
        "and left", "went away", "let us go", "everyone ok", "all ok", "everyone is fine", "everything ok",
        "gave it back", "returned it", "sab thik", "sab theek", "hama khub", "همه خوب", "تول شه", "پس داد*",
        "vapas de diya",
        "رها", "آزاد", "پریشود*", "چهور دیا", "مشکلی نیست", "ستونزه نشته", "کوئی مسئله نهین",
        "riha", "azad", "prekhod*", "chor diya", "moshkel nest", "stunza nishta", "masla nahi",
        "و رفت*", "او لارل", "چلی گیی", "chale gaye", "chale gae", "اب وه گهر", "گهر پر هی", "ab ghar", "ab vo ghar",
        "vapas aa gaya", "واپس آ گیا",
        # round 4: released, in each language's own words
        "خوشی شو", "خوشی کر*", "khushe sho", "khoshe sho", "khushi sho", "چهوت گیا", "چهوت گیی", "chhoot gaya",
        "chhut gaya", "chut gaya", "ایلا کد*", "ایلا کرد*", "ila kad*", "ila kard*", "rah kad*", "rah kard*",
        "رها شد", "raha shod", "azad shod", "بری هو", "bari ho", "freed", "let them go", "set free",
        # round 5: got out, came back (from the thana, the camp), is home now, they left, nothing was said
        "got out", "is home now", "home now", "back home now", "back home", "is back", "came home",
        "خوشی شوی",  # not خلاص شو / khalas shod: also "(the visa) ran out"
        "khoshi shaw*", "khushe shaw*", "khoshe shaw*", "بیرته راغی", "birta raghay", "berta raghay",
        "پس آمد*", "pas amad*", "wapas amad*", "واپس آمد*", "گهر آ گیا", "ghar aa gaya", "ghar a gaya",
        "ولی رفتن*", "ولی رفتند", "wale raftan", "wali raftan", "اوس لارل", "os larl", "us larl", "bia larl",
        "said nothing", "nothing happened", "nothing since", "هیچ اتفاقی", "kuch nahi hua", "کچه نهین هوا",
        "هیس یی ونه ویل", "hes ye na wayal", "hes na wayal", "کچه نهین کها",
        "kuch nahi kaha", "kuch nahin kaha", "چیزی نگفتن*", "chizi nagoftan*",
        # round 8: released and at home now, in Dari and English
        "alan khana ast", "hala khana ast", "alan khana as", "hala khana as", "الان خانه است", "حالا خانه است",
        "raha shoda", "azad shoda", "رها شده", "آزاد شده", "with us now", "is with us", "got him out",
        # round 8: all is well now, in Urdu script as in Latin letters; "all good now", "they let (him) go"
        "سب ٹھیک", "سب خیریت", "sab khairiyat", "all good", "all good now", "they let",
        # round 9: out on bail, let go and out, in every language; Dari ایله (= ایلا) and رها written ره
        "ضمانت شد*", "ضمانت کرد*", "zamanat shod*", "zamanat kad*", "ضمانت شو", "zamanat sho", "ضمانت ہو گئی",
        "ضمانت ہو گیی", "zamanat ho gayi", "zamanat ho gai", "zamanat mil gayi", "on bail", "bailed out", "got bail",
        "ایله کد*", "ایله کرد*", "ایله شد*", "ila shod*", "ela shod*", "ela kad*", "ela kard*",
        "ره شد", "ره شدم", "ره شده", "ره شدن", "ره شدیم",
        "راوگرځید*", "راوګرځید*", "راوگرزید*", "rawgarzed*", "rawagarzed*", "rawgarzid*",  # ps: returned (home)
        "رہا ہو گیا", "رہا ہو گئے", "riha ho gaya", "reha ho gaya", "riha ho gaye", "reha ho gaye",
        "حالی خانه اس*", "حالا خانه اس*", "hali khana as*", "hala khana as*",
        "is out now", "let off", "was let go", "were let go",
        # round 10: brought back (Dari "پس آوردن"), got free (Pashto "راخلاص شو"), let go (Pashto "پریښود", ایله یې
        # کړ), bail given (Urdu "bail mil gayi"), cleared ("sab clear ho gaya")
        "پس آورد*", "پس اورد*", "pas award*", "pas aword*", "pas avord*", "واپس آورد*", "wapas award*",
        "راخلاص شو*", "rakhlas sho*", "rakhalas sho*", "خلاص یی کر*", "ایله یی کر*", "ila ye kr*", "ela ye kr*",
        "پریشودل", "پریشوده", "prekhodal", "preshodal", "prekhodo", "preshod*",
        "bail mil gayi", "bail mil gai", "bail ho gayi", "bail ho gai", "got bail", "granted bail", "bail granted",
        "sab clear", "all clear", "clear ho gaya", "was cleared",
        # round 15: Dari "discharged" (رخصت کدن), "came out" (برآمد), "release" (رهایش); "let him out"; Urdu "let go"
        # (جانے دیا); Pashto "gave (the card) back" (بیرته / واپس ورکړ) (v14's calm messages about a release)
        "رخصت کد*", "رخصت کرد*", "rukhsat kad*", "rukhsat kard*", "برآمد*", "بر آمد*", "baromad*", "bromad*",
        "رهایش", "رهایی", "rahayesh", "rahayish", "rahai", "let him out", "let her out", "let them out", "let out",
        "جانے دیا", "jaane diya", "jane diya", "jaane dia", "jane dia", "بیرته ورکر*", "واپس ورکر*", "birta varkr*",
        "berta varkr*", "vapas varkr*",
        # round 16: Pashto "were released" (راخوشې), "got bail"; Urdu "got him out", "brought him back" (v15's calm
        # messages about a release)
        "راخوشی*", "rakhoshe*", "rakhushe*", "bail shw*", "bail sho*", "نکلوایا", "nikalwaya", "nikalwa liya",
        "نکلوا لیا", "واپس لے آئے", "wapas le aaye", "wapas le aye", "wapis le aaye",
    ),
    "relief": (
        # round 18: Dari "is happy now", "it has calmed down", "(they) had nothing to do with us"; "doing ok", "it's
        # quiet"; Urdu "we are at ease", "all are fine", "safe"; Pashto "all is well" (v17's calm messages)
        "khoshal as", "khushal as", "خوشحال اس*", "خوشال اس*", "doing ok", "doing okay", "doing fine", "it's quiet",
        "its quiet", "araam se hain", "aram se hain", "آرام سے ہیں", "theek hain sab", "ٹھیک ہیں سب", "kher de",
        "kher da", "کاری نداشت*", "kari nadasht*", "safe hain", "thora safe", "aram shod*", "آرام شد*", "ارام شد*",
        # round 17: Dari "no trouble at all", "took none of ours" (v16's calm messages about a raid elsewhere)
        "هیچ گپ نیس*", "hich gap nis*", "ra nagereft",
        "الحمدلله", "الحمد لله", "alhamdulillah", "alhamdolillah", "shukr", "shokr", "شکر", "thank god", "thank god",
        "we are fine", "we are ok", "were fine", "were ok", "ما خوب استیم", "ma khob astem", "ma khub astim",
        "ma khob hastim", "hum theek hain", "ham thik hain", "هم تهیک هین", "مونژ شه یو", "mung kha yu",
        "آرام است", "ارام است", "ارام دی", "aram as", "aram ast", "aram de", "calm now", "quiet now", "all calm",
        "اب سکون", "ab sukoon", "خیر دی", "khair de",
        # round 9: it is calm / fine (here), in every language
        "سکون ہے", "sukoon hai", "sukun hai", "sakoon hai", "خیر اس", "خیر است", "khair ast", "khair as",
        "khairiyat ast", "خیریت است", "khairiyat hai", "خیریت ہے", "امن دی", "aman de", "safe now", "we are safe",
        # round 10: "we are / I am fine", "nothing here", in Pashto, Dari, English
        "شه یو", "شه یم", "kha yu", "kha yam", "xa yu", "xa yam", "pakhair yu", "pa khair yu", "په خیر یو",
        "خوب اس", "خوب استیم", "khob as", "khub as", "khob astim", "khub astim", "dalta hes nishta", "دلته هیس نشته",
        "دلته څه نشته", "dalta sa nishta", "nothing here", "all quiet", "inja aram", "اینجا آرام",
        # round 11: "we are fine / well", "nothing happened to us", "nobody was taken or came", "it is still calm
        # here", in every language (v10's calm messages about a raid somewhere else)
        "خیر استیم", "خیر هستیم", "خیریت استن", "خیریت استیم", "khair astim", "khair hastim", "khairiyat astan",
        "khairiyat astim", "کسی نیامده", "kasi nayamada", "kasi niamada", "کسی ره نبردن", "کسی را نبردند",
        "kasi ra nabordan", "kasi ra nabordand", "hich kas ra nabordan", "ma ra kodam chiz nagoft",
        "موږ سره څه ونشول", "mung sara sa wonashwal", "mung sara sa wanashwal", "dalta sa na shta",
        "تر اوسه ارامي ده", "ارامي ده", "arami da", "araami da", "tar osa arami",
        "ہم تو ٹھیک ہیں", "ہم ٹھیک ہیں", "hum to theek hain", "hum tou theek hain", "ham to thik hain",
        "یہاں خاموشی", "ابھی خاموشی", "yahan khamoshi", "abhi khamoshi", "hamare yahan kuch nahi",
        "we're fine", "we are all fine", "we're all fine", "nobody was taken", "no one was taken", "didn't take anyone",
        "nothing happened to us", "calmer now", "quiet here",
        # round 12: nobody came to us, nobody said anything to us, they moved on (v11's calm messages)
        "nobody came to us", "no one came to us", "nobody came to our", "no one came to our", "nobody bothered",
        "no one bothered", "didn't bother us", "moved on",
        "کسی نیامد", "کس نیامد", "هیچ کس نیامد", "kasi nayamad", "kas nayamad", "hich kas nayamad",
        "kas chizi naguft", "kas chizi nagoft", "kasi chizi naguft", "کسی چیزی نگفت", "کس چیزی نگفت",
        "chizi nagufta", "chizi naguft", "چیزی نگفت*", "مونږ ته رانغلل", "موږ ته رانغلل", "mung ta ranaghlal",
        "هیڅ یې ونه ویل", "hes ye wana wayal", "کوئی نہیں آیا", "koi nahi aya", "koi nahi aaya", "کچھ نہیں کہا",
        "kuch nahi kaha",
        # round 15: "nobody's been taken", Urdu "(they) took nobody", Pashto "now there is nothing", "it is quiet",
        # "(they) are fine" (v14's calm messages about a raid somewhere else)
        "nobody's been taken", "nobody has been taken", "no one has been taken", "no one's been taken",
        "کسی کو نہیں لے", "kisi ko nahi le", "kisi ko nahin le", "اوس هیڅ نشته", "os hes nishta", "چپ دی", "چپ ده",
        "چپ چاپ ده", "chup de", "chup da", "theek di", "theek de", "thik di", "ټیک دي",
        # round 16: Dari "nobody bothered us", Pashto "nothing happened to us", "they arrested nobody", "nothing so
        # far", Urdu "we are fine in (a place)" (v15's calm messages about a raid somewhere else)
        "kar nadasht*", "کار نداشت*", "ته څه ونه شول", "ta sa wana shwal", "ta sa wanashwal", "sok ye na wo",
        "سوک یی نه و", "tak sa nishta", "تر اوسه څه نشته", "me theek hain", "mein theek hain", "میں ٹھیک ہیں",
    ),
    "last_week": (
        "last week", "a week ago", "weeks ago", "تیره اونی", "teera awana", "tera awana", "tera owana",
        "پچهلی هفتی", "pichle hafte", "pichly hafte", "هفته گذشته", "hafta e gozashta", "هفته پیش", "hafta pesh",
        "هفتی پهلی", "hafte pehle",
        # round 10: Pashto "last week" as "hafta", a week before (وړاندې), last + a weekday
        "تیره هفته", "tera hafta", "teera hafta", "hafta wrande", "hafta warande", "هفته وړاندې", "هفته وراندی",
        "last friday", "last monday", "last tuesday", "last wednesday", "last thursday", "last saturday",
        "last sunday", "جمعه گذشته", "juma e gozashta",
    ),
    "inform": (
        "خبر کړ*", "خبر کو*", "خبر ش*", "خبر ورکړ*", "خبر ورکو*", "خبر راکړ*", "خبر راکو*", "خبر درکړ*", "خبر درکو*",
        "خبرې کو*", "خبرې وکړ*", "خبری کو*", "خبري کو*",
        "khabar kra*", "khabar kro*", "khabar kre*", "khabar kri*", "khabar kaw*", "khabar sh*", "khabar wark*",
        "khabar war kr*", "khabar rak*", "khabar dark*", "khabare kaw*", "khabari kaw*", "khabare wakr*",
        "khabari wakr*", "khabare kra*", "khabare kro*",
        "خبر کن*", "خبر کرد*", "خبر کد*", "خبر بتی*", "خبر بده", "خبر دار*", "با خبر", "باخبر",
        "khabar kon*", "khabar kard*", "khabar kad*", "khabar beti*", "khabar bde", "khabar bedi*", "khabar dar*",
        "bakhabar", "ba khabar", "خبر کر", "خبر کرو", "khabar kar", "khabar karo", "khabar kardo",
    ),
    "contrast": (
        "but", "however", "lekin", "lakin", "laikin", "magar", "mgr", "لیکن", "مگر", "مګر", "ولی", "خو",
        "kho", "khu", "خلاصه", "=khulasa", "=kholasa", "kulasa",
        # round 13: "by the way", the turn of a long message from family news to what happened (v12's Dari miss)
        "راستی", "rasti", "raasti", "by the way", "btw", "ویسے", "waise", "vaise", "waisay",
        # round 14: "another thing", "one more thing", "and yes" (v13's Dari miss turned with یک گپ دیگه)
        "یک گپ دیگه", "یک گپ دیگر", "yak gap dega", "yak gap dige", "yak gap e dega", "another thing",
        "one more thing", "ایک اور بات", "ek aur baat", "ek or baat", "اور ہاں", "aur haan", "aur han",
        "بله خبره", "bala khabara", "bla khabara",
    ),
    "benign": (
        # round 18: a SIM card, a pension, the body of someone who died, customs (v17's calm questions)
        "sim card", "سیم کارت", "pension", "پنشن", "میت", "گمرک", "customs",
        # round 17: a police character certificate (v16's calm questions about one)
        "character certificate", "کیریکٹر سرٹیفکیٹ", "کریکٹر سرٹیفکیٹ",
        "hospital", "doctor", "school", "on our own", "=voluntar*", "go back on", "protect*", "save me from",
        "court", "case", "canada", "germany", "america", "usa", "agent",
        "شفاخانه", "مکتب", "خوشی خود", "خپله خوشه", "مرضی سی", "هسپتال", "نگه میکند", "بچا", "محکمه", "عدالت",
        "کیس*", "کانادا", "آلمان", "جرمنی", "امریکا", "امریکه",
        "checked our cards", "card check", "checking cards", "for checking",
        "shafakhana", "maktab", "khoshi khod", "khpala khvakha", "marzi se", "hospital", "bachaye gi", "bachayega",
        "bacha sakti", "adalat",
        "mahkama", "kanada", "amrika",
        "دید و", "وکتل", "وکوت", "دیکها اور", "card dekha", "کارت ها را دید",
        "check cards", "to check",

        "checked cards", "checked my card",
        "okatal", "wokatal", "ukatal", "card ra didan", "kart ra didan", "kartesh ra didan",
        # round 5: a job (a driver's route, an offer) or research: asking about work, not someone held
        "job", "job offer", "naukri", "نوکری", "دریور", "دریوری", "draiwar", "dreewar", "driver ki", "as a driver",
        "journalist", "researching", "research", "تحقیق", "tahqiq",
        # round 8: a card handed in for renewal (NADRA, the PoR drive): taken, but not from someone in trouble
        "renewal", "for renewal", "renew*", "tamdid*", "تمدید*", "tajdid*", "تجدید*",
        # round 9: a card checked (and handed back), in Pashto, Dari, Urdu
        "check kro", "check kral", "check kral*", "چیک کړ*", "check kar ke", "check karke", "چیک کر کے", "چیک کرد*",
        "چک کرد*", "check kad*", "check kard*",
    ),
}  # fmt: skip
