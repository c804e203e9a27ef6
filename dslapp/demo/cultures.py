"""Names: common given names and surnames of the communities a school in England serves, in their own scripts."""

from __future__ import annotations

import random
from dataclasses import dataclass


def _same(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple((n, n) for n in names)


@dataclass(frozen=True)
class Culture:
    """Naming and background for one community. Surnames are (male form, female form)."""

    ethnicity: str
    language: str
    religions: tuple[str, ...]
    girls: tuple[str, ...]
    boys: tuple[str, ...]
    surnames: tuple[tuple[str, str], ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    family_name_first: bool = False
    mother_keeps_name: bool = False
    eal: bool = True
    weight: int = 1

    def forenames(self, girl: bool) -> tuple[str, ...]:
        return self.girls if girl else self.boys

    def surname(self, pair: tuple[str, str], female: bool) -> str:
        return pair[1] if female else pair[0]

    def full_name(self, given: str, surname: str) -> str:
        return f"{surname} {given}" if self.family_name_first else f"{given} {surname}"


ENGLISH = Culture(
    "White - British", "English", ("No religion", "Christian", "No religion"),
    ("Olivia", "Amelia", "Isla", "Freya", "Poppy", "Evie", "Grace", "Ruby", "Phoebe", "Ivy", "Millie", "Darcie"),
    ("Oliver", "Harry", "Jack", "Alfie", "Noah", "Charlie", "Leo", "Freddie", "Archie", "Theo", "Reggie", "Stanley"),
    _same(
        "Ashworth", "Pennington", "Holloway", "Marsh", "Fletcher", "Barlow", "Hedley", "Fenwick", "Thornton", "Garside",
        "Wilcox", "Pickering", "Broadbent", "Cotterill", "Ackroyd", "Haworth", "Sutcliffe", "Kershaw", "Lockwood",
        "Ormerod", "Greenhalgh", "Bramhall", "Hargreaves", "Whitworth", "Clegg", "Royle", "Tattersall", "Lomax",
        "Heywood", "Crowther", "Schofield",
    ),
    ("Claire", "Gemma", "Kelly", "Laura", "Stacey", "Rebecca", "Danielle", "Hayley", "Natalie", "Kirsty"),
    ("Craig", "Lee", "Darren", "Jamie", "Mark", "Ryan", "Stuart", "Dean", "Wayne", "Scott"),
    eal=False, weight=12,
)  # fmt: skip
POLISH = Culture(
    "White - Polish", "Polish", ("Roman Catholic",),
    ("Łucja", "Zofia", "Maja", "Zuzanna", "Hanna", "Julia", "Oliwia"),
    ("Jakub", "Szymon", "Antoni", "Filip", "Kacper", "Mikołaj"),
    (
        ("Wiśniewski", "Wiśniewska"), ("Kowalczyk", "Kowalczyk"), ("Nowak", "Nowak"), ("Wójcik", "Wójcik"),
        ("Kamiński", "Kamińska"), ("Zieliński", "Zielińska"), ("Szymański", "Szymańska"),
    ),
    ("Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Małgorzata"),
    ("Tomasz", "Piotr", "Krzysztof", "Marcin", "Paweł"),
    weight=2,
)  # fmt: skip
VIETNAMESE = Culture(
    "Any other Asian background (Vietnamese)", "Vietnamese", ("Buddhist", "No religion"),
    ("Thị Hương", "Ngọc Anh", "Thu Trang", "Minh Châu", "Bảo Ngọc"),
    ("Minh Khoa", "Đức Anh", "Gia Bảo", "Quốc Huy", "Hoàng Nam"),
    _same("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"),
    ("Thị Lan", "Thị Mai", "Thu Hà", "Thị Hoa"),
    ("Văn Minh", "Văn Hùng", "Đức Thắng", "Văn Long"),
    family_name_first=True, mother_keeps_name=True,
)  # fmt: skip
TURKISH = Culture(
    "White - Turkish/Turkish Cypriot", "Turkish", ("Muslim", "No religion"),
    ("Çağla", "Elif", "Zeynep", "Ecrin", "Defne", "Eylül"),
    ("Emir", "Yusuf", "Aras", "Kerem", "Mert", "Eymen"),
    _same("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın"),
    ("Ayşe", "Fatma", "Emine", "Hülya", "Derya"),
    ("Mehmet", "Mustafa", "Hasan", "Murat", "Serkan"),
)  # fmt: skip
GREEK = Culture(
    "White - Greek/Greek Cypriot", "Greek", ("Greek Orthodox",),
    ("Ελένη", "Μαρία", "Σοφία", "Αναστασία"),
    ("Αλέξανδρος", "Γιώργος", "Νικόλαος", "Δημήτρης"),
    (
        ("Παπαδόπουλος", "Παπαδοπούλου"), ("Γεωργίου", "Γεωργίου"), ("Οικονόμου", "Οικονόμου"),
        ("Νικολάου", "Νικολάου"), ("Δημητρίου", "Δημητρίου"),
    ),
    ("Κατερίνα", "Δήμητρα", "Ελένη", "Βασιλική"),
    ("Κώστας", "Γιάννης", "Γιώργος", "Χρήστος"),
)  # fmt: skip
UKRAINIAN = Culture(
    "White - Other (Ukrainian)", "Ukrainian", ("Orthodox Christian", "Greek Catholic"),
    ("Олена", "Софія", "Дарина", "Анна", "Марія"),
    ("Андрій", "Максим", "Богдан", "Артем", "Матвій"),
    _same("Коваленко", "Шевчук", "Бондаренко", "Ткачук", "Мельник", "Кравченко"),
    ("Наталія", "Оксана", "Ірина", "Тетяна"),
    ("Олександр", "Сергій", "Іван", "Дмитро"),
)  # fmt: skip
ARABIC = Culture(
    "Any other ethnic group (Arab)", "Arabic", ("Muslim",),
    ("لين", "مريم", "جنى", "سارة", "هبة"),
    ("يوسف", "عمر", "آدم", "كريم", "زيد"),
    _same("حداد", "الخطيب", "العلي", "الحسن", "سليمان"),
    ("رنا", "هالة", "ريم", "سلمى"),
    ("عمر", "خالد", "سامر", "ماهر"),
    mother_keeps_name=True,
)  # fmt: skip
SOMALI = Culture(
    "Black - Somali", "Somali", ("Muslim",),
    ("Amira", "Hodan", "Ayaan", "Sagal", "Hibo", "Nasra"),
    ("Abdirahman", "Liban", "Guled", "Abdi", "Mustafe"),
    _same("Warsame", "Jama", "Hussein", "Osman", "Nur", "Egal"),
    ("Faadumo", "Hawa", "Khadra", "Sahra", "Ubah"),
    ("Abdullahi", "Hassan", "Osman", "Yusuf", "Ahmed"),
    mother_keeps_name=True,
)  # fmt: skip
PUNJABI = Culture(
    "Asian - Indian", "Punjabi", ("Sikh",),
    ("Simran", "Harleen", "Jasleen", "Gurleen", "Navneet"),
    ("Arjun", "Harjot", "Gurveer", "Jaskaran", "Ekam"),
    _same("Dhillon", "Sandhu", "Sidhu", "Grewal", "Bains"),
    ("Manpreet Kaur", "Rajinder Kaur", "Harpreet Kaur", "Kuldeep Kaur"),
    ("Balwinder Singh", "Gurpreet Singh", "Jaswinder Singh", "Sukhdev Singh"),
    weight=2,
)  # fmt: skip
ROMANIAN = Culture(
    "White - Romanian", "Romanian", ("Romanian Orthodox", "Pentecostal"),
    ("Ioana", "Andreea", "Bianca", "Daria", "Maria"),
    ("Ionuț", "Andrei", "Ștefan", "Matei", "Darius"),
    _same("Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu", "Lungu"),
    ("Elena", "Mihaela", "Florentina", "Georgiana"),
    ("Marian", "Florin", "Costel", "Cătălin"),
    weight=2,
)  # fmt: skip
NIGERIAN = Culture(
    "Black - Nigerian", "English", ("Christian", "Christian", "Muslim"),
    ("Adaeze", "Chiamaka", "Tolulope", "Ifeoma", "Temitope"),
    ("Chinedu", "Tobi", "Emeka", "Damilare", "Kelechi"),
    _same("Okafor", "Adeyemi", "Eze", "Balogun", "Adebayo", "Nwosu"),
    ("Ngozi", "Funmilayo", "Chioma", "Blessing", "Yetunde"),
    ("Olumide", "Babatunde", "Ikenna", "Chukwuemeka", "Segun"),
    eal=False, weight=2,
)  # fmt: skip
IRISH_TRAVELLER = Culture(
    "White - Traveller of Irish heritage", "English", ("Roman Catholic",),
    ("Bridget", "Mary-Kate", "Kathleen", "Margaret", "Nora"),
    ("Patrick", "Michael", "John-Joe", "Martin", "Christy"),
    _same("McDonagh", "Ward", "Connors", "Joyce", "Maughan", "Doran"),
    ("Bridie", "Ellen", "Winnie", "Nell"),
    ("Paddy", "Tom", "Johnny", "Mick"),
    eal=False,
)  # fmt: skip
CULTURES = (
    ENGLISH, POLISH, VIETNAMESE, TURKISH, GREEK, UKRAINIAN, ARABIC, SOMALI,
    PUNJABI, ROMANIAN, NIGERIAN, IRISH_TRAVELLER,
)  # fmt: skip


# Surnames of the families in the hand-written stories: template children never reuse them, so two
# unrelated families in the demo never share a name.
_STORY_SURNAMES = frozenset(
    {
        "Ashworth", "Barton", "Draper", "Fenwick", "Fletcher", "Garside", "Hedley", "Holloway", "Marsh", "Okafor",
        "Warsame", "Jama", "Wiśniewski", "Wiśniewska", "Παπαδόπουλος", "Παπαδοπούλου", "Οικονόμου", "Popescu",
        "McDonagh", "Коваленко", "Шевчук", "حداد", "الخطيب", "Yılmaz", "Nguyễn", "Trần", "Dhillon", "Sandhu",
    }
)  # fmt: skip


def weighted_culture(rng: random.Random) -> Culture:
    """One of the communities, weighted towards the local majority."""
    return rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]


def template_surnames(culture: Culture) -> list[tuple[str, str]]:
    """The culture's surnames not used by a story family."""
    return [pair for pair in culture.surnames if not set(pair) & _STORY_SURNAMES] or list(culture.surnames)
