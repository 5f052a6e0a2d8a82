"""Synthetic press releases about international cooperation against cybercrime, for benchmarks.

Articles are assembled from sentence templates filled with real names: law-enforcement
agencies with their state, international bodies, companies, named operations, officials with
their posts, and dates from 2010 to 2025. They read like short press releases (11-20
sentences, ~1,100-2,500 characters) so that spaCy and the rules do the same work as on real
news. The facts are invented: use them to measure speed, never as data.

    >>> arts = synthetic_articles(3, seed=1)
    >>> len(arts), len({a.id for a in arts})
    (3, 3)
    >>> all(a.lang == "en" and a.published and a.url for a in arts)
    True

Run ``python -m benchmarks.corpus OUT_DIR N`` to write a corpus to disk.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from graphkit.model import Article

__all__ = ["synthetic_articles", "write_corpus"]


@dataclass(frozen=True)
class Agency:
    name: str
    short: str
    country: str
    adjective: str


AGENCIES = (
    Agency("Federal Bureau of Investigation", "FBI", "the United States", "US"),
    Agency("US Secret Service", "Secret Service", "the United States", "American"),
    Agency("Department of Justice", "DOJ", "the United States", "US"),
    Agency("National Crime Agency", "NCA", "the United Kingdom", "British"),
    Agency("Bundeskriminalamt", "BKA", "Germany", "German"),
    Agency("Ministry of Internal Affairs of Russia", "MVD", "Russia", "Russian"),
    Agency("Investigative Committee of Belarus", "Investigative Committee", "Belarus", "Belarusian"),
    Agency("Cyber Police of Ukraine", "Cyber Police", "Ukraine", "Ukrainian"),
    Agency("Security Service of Ukraine", "SBU", "Ukraine", "Ukrainian"),
    Agency("Dutch National Police", "Politie", "the Netherlands", "Dutch"),
    Agency("Australian Federal Police", "AFP", "Australia", "Australian"),
    Agency("Royal Canadian Mounted Police", "RCMP", "Canada", "Canadian"),
    Agency("French National Gendarmerie", "Gendarmerie", "France", "French"),
    Agency("Guardia Civil", "Guardia Civil", "Spain", "Spanish"),
    Agency("Spanish National Police", "Policía Nacional", "Spain", "Spanish"),
    Agency("Central Cybercrime Bureau", "CBZC", "Poland", "Polish"),
    Agency("Italian Postal Police", "Polizia Postale", "Italy", "Italian"),
    Agency("Romanian Police", "Romanian Police", "Romania", "Romanian"),
    Agency("National Police Agency of Japan", "NPA", "Japan", "Japanese"),
    Agency("Korean National Police Agency", "KNPA", "South Korea", "South Korean"),
    Agency("Singapore Police Force", "SPF", "Singapore", "Singaporean"),
    Agency("Royal Thai Police", "Thai Police", "Thailand", "Thai"),
    Agency("Philippine National Police", "PNP", "the Philippines", "Philippine"),
    Agency("Economic and Financial Crimes Commission", "EFCC", "Nigeria", "Nigerian"),
    Agency("Brazilian Federal Police", "Polícia Federal", "Brazil", "Brazilian"),
    Agency("Federal Office of Police", "fedpol", "Switzerland", "Swiss"),
    Agency("Ministry of Public Security", "MPS", "China", "Chinese"),
    Agency("Central Bureau of Investigation", "CBI", "India", "Indian"),
    Agency("Federal Police of Austria", "Bundespolizei", "Austria", "Austrian"),
    Agency("Estonian Police and Border Guard Board", "PPA", "Estonia", "Estonian"),
)

BODIES = (
    ("Europol", "Europol"),
    ("Interpol", "INTERPOL"),
    ("Eurojust", "Eurojust"),
    ("the European Cybercrime Centre", "EC3"),
    ("the Joint Cybercrime Action Taskforce", "J-CAT"),
    ("the United Nations Office on Drugs and Crime", "UNODC"),
    ("the Council of Europe", "Council of Europe"),
    ("Afripol", "Afripol"),
    ("Ameripol", "Ameripol"),
    ("ASEANAPOL", "ASEANAPOL"),
    ("the Shanghai Cooperation Organisation", "SCO"),
    ("the Commonwealth of Independent States", "CIS"),
)

COMPANIES = (
    "Microsoft",
    "Group-IB",
    "Kaspersky",
    "Trend Micro",
    "Bitdefender",
    "ESET",
    "Chainalysis",
    "the Shadowserver Foundation",
    "Palo Alto Networks",
    "Cisco Talos",
)

OPERATIONS = (
    "Operation Endgame",
    "Operation Cronos",
    "Operation Ladybird",
    "Operation Duck Hunt",
    "Operation First Light",
    "Operation HAECHI",
    "Operation Jackal",
    "Operation Serengeti",
    "Operation Synergia",
    "Operation Magnus",
    "Operation Onymous",
    "Operation Tovar",
    "Operation Power Off",
    "Operation SpecTor",
    "Operation Bayonet",
    "Operation Trojan Shield",
)

OFFICIALS = (
    ("Catherine De Bolle", "Executive Director of Europol", "Europol"),
    ("Jürgen Stock", "Secretary General of Interpol", "Interpol"),
    ("Christopher Wray", "Director of the FBI", "FBI"),
    ("Graeme Biggar", "Director General of the National Crime Agency", "NCA"),
    ("Holger Münch", "President of the Bundeskriminalamt", "BKA"),
    ("Edvardas Šileris", "head of the European Cybercrime Centre", "EC3"),
    ("Dmitry Gora", "Chairman of the Investigative Committee of Belarus", "Investigative Committee"),
    ("Ladislav Hamran", "President of Eurojust", "Eurojust"),
    ("Merrick Garland", "Attorney General of the United States", "DOJ"),
    ("Craig Jones", "Director of Cybercrime at Interpol", "Interpol"),
    ("Yevhen Yenin", "Deputy Minister of Internal Affairs of Ukraine", "Cyber Police"),
)

THREATS = (
    ("the Emotet botnet", "botnet"),
    ("the LockBit ransomware group", "ransomware"),
    ("the Qakbot malware", "malware"),
    ("a phishing-as-a-service platform", "phishing"),
    ("the Hydra darknet market", "darknet market"),
    ("a business email compromise network", "fraud"),
    ("the GozNym banking trojan", "banking malware"),
    ("a DDoS-for-hire service", "DDoS"),
    ("an investment fraud call centre", "fraud"),
    ("the Trickbot operators", "malware"),
    ("a cryptocurrency laundering service", "money laundering"),
    ("a child sexual abuse forum", "online child abuse"),
)

CITIES = (
    "The Hague",
    "Lyon",
    "Minsk",
    "Moscow",
    "Kyiv",
    "London",
    "Wiesbaden",
    "Washington",
    "Singapore",
    "Lagos",
    "Bucharest",
    "Madrid",
    "Warsaw",
    "Canberra",
    "Ottawa",
    "Tokyo",
    "Seoul",
    "Bangkok",
    "Manila",
    "Brasília",
)

LEADS = (
    "{a1} and {a2}, supported by {body}, have dismantled {threat} in {op}.",
    "Law enforcement authorities from {n} countries, coordinated by {body}, took down {threat} on {day}.",
    "In a joint operation with {a2}, officers of {a1} arrested {k} suspects linked to {threat}.",
    "{body} announced on {day} that {op} had disrupted {threat} with the help of {a1} and {a2}.",
    "The {adj1} and {adj2} police have arrested {k} members of {threat} after an investigation lasting {m} months.",
)

BODY = (
    "The investigation was launched in {year} by {a1}, which asked {body} for support.",
    "Investigators from {a2} exchanged information with their colleagues from {a3} through {body}.",
    "{body} set up a virtual command post in {city} to coordinate the action day.",
    "{company} provided technical analysis of the infrastructure used by the criminals.",
    "Searches were carried out at {k} locations in {c1} and {c2}.",
    "Officers seized servers, {k} mobile phones and cryptocurrency worth EUR {money} million.",
    "The suspects are believed to have caused losses of more than USD {money} million to victims across {n} countries.",
    "{a3} took part in the operation under a mutual legal assistance request from {c1}.",
    "A Joint Investigation Team was set up between {a1} and {a2} with the support of {body2}.",
    "{body2} facilitated the information exchange and provided analytical support.",
    "The {adj3} authorities extradited one suspect to {c2} in {month} {year}.",
    '{person}, {post}, said: "This operation shows what we can achieve when we work together across borders."',
    'According to {person}, {post}, the takedown "sends a clear message to cybercriminals".',
    "The memorandum of understanding signed by {a1} and {a3} in {year} made the cooperation possible.",
    "{a2} and {company} shared indicators of compromise with partners in {n} countries.",
    "Both {c1} and {c3} are parties to the Budapest Convention on Cybercrime.",
    "The operation was carried out within the framework of EMPACT, the European multidisciplinary platform against criminal threats.",
    "Prosecutors in {city} charged {k} people with fraud, money laundering and unauthorised access to computer systems.",
    "The main suspect, a {age}-year-old national of {c3}, was detained in {city}.",
    "Liaison officers of {a3} were deployed to the headquarters of {body} for the action day.",
    "The {adj2} delegation met representatives of {body2} in {city} to discuss further cooperation.",
    "Victims were mostly small businesses and hospitals, which lost access to their data for weeks.",
    "The servers were located in {c2} and were taken offline by {a2} on {day}.",
    "{a1} thanked {a2}, {a3} and {body} for their support.",
)

CLOSES = (
    "The investigation is ongoing and further arrests are expected.",
    "Anyone who believes they have been a victim is invited to report it to their national police.",
    "{body} will continue to support its partners in the fight against {kind}.",
    "More information is available on the website of {a1}.",
)

FIRST, LAST = date(2010, 1, 1), date(2025, 12, 31)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _fill(rng: random.Random, when: date) -> dict[str, object]:
    """Values for one article's templates: distinct agencies, bodies, an official, a threat."""
    a1, a2, a3 = rng.sample(AGENCIES, 3)
    (body, _), (body2, _) = rng.sample(BODIES, 2)
    person, post, _ = rng.choice(OFFICIALS)
    threat, kind = rng.choice(THREATS)
    return {
        "a1": rng.choice((f"the {a1.name}", f"the {a1.name} ({a1.short})", f"the {a1.adjective} {a1.short}")),
        "a2": rng.choice((f"the {a2.name}", f"the {a2.adjective} {a2.short}")),
        "a3": f"the {a3.name}",
        "adj1": a1.adjective,
        "adj2": a2.adjective,
        "adj3": a3.adjective,
        "c1": a1.country,
        "c2": a2.country,
        "c3": a3.country,
        "body": body,
        "body2": body2,
        "company": rng.choice(COMPANIES),
        "op": rng.choice(OPERATIONS),
        "person": person,
        "post": post,
        "threat": threat,
        "kind": kind,
        "city": rng.choice(CITIES),
        "n": rng.randint(3, 40),
        "k": rng.randint(2, 120),
        "m": rng.randint(4, 36),
        "age": rng.randint(19, 61),
        "money": rng.randint(1, 900),
        "year": rng.randint(max(2010, when.year - 3), when.year),
        "month": rng.choice(MONTHS),
        "day": f"{when.day} {MONTHS[when.month - 1]} {when.year}",
    }


def _sentence(template: str, values: dict[str, object]) -> str:
    text = template.format(**values)
    return text[:1].upper() + text[1:]


def _english(rng: random.Random, i: int, when: date) -> tuple[str, str]:
    """Title and body of one English article."""
    values = _fill(rng, when)
    body = rng.sample(BODY, rng.randint(9, 18))
    sentences = [rng.choice(LEADS), *body, rng.choice(CLOSES)]
    paragraphs, current = [], []
    for template in sentences:
        current.append(_sentence(template, values))
        if len(current) >= rng.randint(2, 4):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    paragraphs.append(f"Press release {when.year}/{i:06d}, {values['city']}.")
    title = f"{values['op']}: {values['threat']} taken down by {values['adj1']} and {values['adj2']} police"
    return title, "\n\n".join(paragraphs)


_OTHER = {
    "de": (
        "Das {a1} und {body} haben gemeinsam {k} Verdächtige festgenommen.",
        "Die Ermittlungen wurden {year} eingeleitet und von {body2} unterstützt.",
        "{person}, {post}, sagte, die Zusammenarbeit mit {a2} sei hervorragend gewesen.",
        "Bei Durchsuchungen in {c1} wurden Server und Kryptowährung sichergestellt.",
    ),
    "fr": (
        "La police de {c1} et {body} ont démantelé un réseau de cybercriminels.",
        "L'enquête a été ouverte en {year} avec le soutien de {body2}.",
        "{person}, {post}, a salué la coopération avec {a2}.",
        "Des perquisitions ont eu lieu dans {k} endroits.",
    ),
}


def _other(rng: random.Random, i: int, when: date, lang: str) -> tuple[str, str]:
    """Title and body of a short article in German or French (names stay English)."""
    values = _fill(rng, when)
    lines = [_sentence(t, values) for t in rng.sample(_OTHER[lang], len(_OTHER[lang]))]
    lines.append(f"{values['city']}, {when.isoformat()}, Nr. {i:06d}.")
    return f"{values['op']} ({values['city']})", " ".join(lines)


def synthetic_articles(n: int, *, seed: int = 0, langs: tuple[str, ...] = ("en",)) -> list[Article]:
    """``n`` distinct synthetic articles (deterministic for a seed), dated 2010-2025.

    ``langs``: languages to draw from; ``en`` gives full press releases, ``de`` and ``fr``
    shorter notes.
    """
    unknown = set(langs) - {"en", *_OTHER}
    if unknown:
        raise ValueError(f"no templates for {', '.join(sorted(unknown))}")
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    out = []
    for i in range(n):
        when = FIRST + timedelta(days=rng.randrange(span + 1))
        lang = rng.choice(langs)
        title, text = _english(rng, i, when) if lang == "en" else _other(rng, i, when, lang)
        url = f"https://press.example.org/{when.year}/{seed}-{i:06d}"
        out.append(Article(text, title=title, url=url, published=when, lang=lang))
    return out


def write_corpus(
    directory: str | Path, n: int, *, seed: int = 0, langs: tuple[str, ...] = ("en",), jsonl_share: float = 0.5
) -> Path:
    """Write ``n`` synthetic articles under ``directory``: about ``jsonl_share`` of them as
    lines of ``articles.jsonl`` (with title, url, date, lang) and the rest as ``.txt`` files."""
    directory = Path(directory)
    (directory / "txt").mkdir(parents=True, exist_ok=True)
    arts = synthetic_articles(n, seed=seed, langs=langs)
    cut = round(n * jsonl_share)
    with (directory / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for a in arts[:cut]:
            record = {"title": a.title, "url": a.url, "date": a.published.isoformat(), "lang": a.lang, "text": a.text}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    for i, a in enumerate(arts[cut:], start=cut):
        (directory / "txt" / f"article-{i:06d}.txt").write_text(a.text + "\n", encoding="utf-8")
    return directory


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m benchmarks.corpus OUT_DIR N")
    print(write_corpus(sys.argv[1], int(sys.argv[2])))
