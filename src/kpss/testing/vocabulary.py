"""Word banks of the synthetic register: streets, people, name words and the long texts.

Everything here is invented for test data. The people are made up and stand for personal
data (statutární orgány, vedoucí zařízení) that kpss must never publish.
"""

from __future__ import annotations

STREETS = (
    "Nádražní",
    "Školní",
    "Zahradní",
    "Husova",
    "Palackého",
    "Komenského",
    "Masarykova",
    "Jiráskova",
    "Tyršova",
    "Sokolská",
    "Smetanova",
    "Havlíčkova",
    "Žižkova",
    "Nerudova",
    "Polní",
    "Lesní",
    "Luční",
    "Krátká",
    "Dlouhá",
    "Družstevní",
    "Revoluční",
    "Zámecká",
    "Kostelní",
    "Nemocniční",
    "Lidická",
    "Pražská",
    "Brněnská",
    "Okružní",
    "Sadová",
    "Horní",
    "Dolní",
    "Hlavní",
    "Tovární",
    "Spojovací",
    "Vrchlického",
    "Bezručova",
    "Dvořákova",
    "Fügnerova",
    "Riegrova",
    "Mánesova",
    "Purkyňova",
    "Wolkerova",
    "Boženy Němcové",
    "Karla Čapka",
    "Jana Ámose Komenského",
    "Kpt. Jaroše",
    "Čs. armády",
    "Legionářů",
    "17. listopadu",
    "28. října",
    "9. května",
    "náměstí Míru",
    "Masarykovo náměstí",
    "Mírové náměstí",
    "náměstí Republiky",
    "třída Svobody",
    "U Nemocnice",
    "U Stadionu",
    "U Pošty",
    "Na Výsluní",
    "Na Příkopě",
    "Za Humny",
    "K Nádraží",
    "Pod Lesem",
    "V Zahradách",
)

#: (first name, surname) of men and of women, surnames in the matching form.
MEN = (
    ("Jan", "Novák"),
    ("Petr", "Svoboda"),
    ("Josef", "Dvořák"),
    ("Pavel", "Černý"),
    ("Martin", "Procházka"),
    ("Tomáš", "Kučera"),
    ("Jiří", "Veselý"),
    ("Jaroslav", "Horák"),
    ("Miroslav", "Němec"),
    ("Zdeněk", "Pokorný"),
    ("Václav", "Marek"),
    ("Michal", "Pospíšil"),
    ("Karel", "Hájek"),
    ("Lukáš", "Jelínek"),
    ("Jakub", "Král"),
    ("David", "Růžička"),
    ("Milan", "Beneš"),
    ("Ondřej", "Fiala"),
    ("Radek", "Sedláček"),
    ("Roman", "Doležal"),
    ("Aleš", "Zeman"),
    ("Vojtěch", "Kolář"),
    ("Daniel", "Navrátil"),
    ("Libor", "Čermák"),
    ("Filip", "Urban"),
    ("Adam", "Vaněk"),
    ("Stanislav", "Blažek"),
    ("Ivan", "Kříž"),
)
WOMEN = (
    ("Jana", "Nováková"),
    ("Marie", "Svobodová"),
    ("Eva", "Dvořáková"),
    ("Hana", "Černá"),
    ("Anna", "Procházková"),
    ("Lenka", "Kučerová"),
    ("Kateřina", "Veselá"),
    ("Lucie", "Horáková"),
    ("Věra", "Němcová"),
    ("Alena", "Pokorná"),
    ("Petra", "Marková"),
    ("Martina", "Pospíšilová"),
    ("Veronika", "Hájková"),
    ("Jitka", "Jelínková"),
    ("Helena", "Králová"),
    ("Ludmila", "Růžičková"),
    ("Zdeňka", "Benešová"),
    ("Michaela", "Fialová"),
    ("Ivana", "Sedláčková"),
    ("Monika", "Doležalová"),
    ("Zuzana", "Zemanová"),
    ("Markéta", "Kolářová"),
    ("Tereza", "Navrátilová"),
    ("Barbora", "Čermáková"),
    ("Dana", "Urbanová"),
    ("Radka", "Vaňková"),
    ("Simona", "Blažková"),
    ("Olga", "Křížová"),
    ("Šárka", "Malá"),
    ("Blanka", "Šťastná"),
)
TITLES_BEFORE = (
    "Mgr.",
    "Bc.",
    "Ing.",
    "PhDr.",
    "MUDr.",
    "JUDr.",
    "PaedDr.",
    "Mgr. et Mgr.",
    "Ing. Bc.",
    "doc. PhDr.",
)
TITLES_AFTER = ("Ph.D.", "DiS.", "MBA", "LL.M.", "CSc.")
ROLES_NEXT = ("místopředseda", "člen správní rady", "zástupkyně ředitele", "jednatel", "člen")

#: Words for names of providers and facilities (some need XML escaping: & and quotes).
NAME_WORDS = (
    "Naděje",
    "Pohoda",
    "Úsměv",
    "Harmonie",
    "Domino",
    "Slunce",
    "Klíček",
    "Archa",
    "Tandem",
    "Paprsek",
    "Duha",
    "Jasmín",
    "Horizont",
    "Kopretina",
    "Šance",
    "Maják",
    "Rovnováha",
    "Letokruh",
    "Vlaštovka",
    "Pramen",
    "Kompas",
    "Sedmikráska",
    "Oáza",
    "Akord",
    "Srdce",
    "Ruka v ruce",
    "Lipka",
    "Zvonek",
    "Most k domovu",
    "Barevný svět",
    "Jitřenka",
    "Podané ruce",
    "Péče & domov",
    "„Na Vršku“",
    "Život 90",
    "Bílý kruh",
)
TLDS = (".cz", ".cz", ".cz", ".cz", ".cz", ".org", ".eu", ".info")
MAILBOXES = (
    "info",
    "reditel",
    "reditelka",
    "socialni",
    "kancelar",
    "sluzba",
    "poradna",
    "vedouci",
    "podatelna",
    "recepce",
)
CONTACT_NOTES = (
    "ředitelka",
    "ředitel",
    "sociální pracovnice",
    "vedoucí služby",
    "recepce",
    "kancelář",
    "krizová linka",
    "Po–Pá 7:30–15:30",
    "mobil",
    "koordinátorka",
    "pohotovost",
)
WEB_PATHS = ("sluzby", "socialni-sluzby", "kontakty", "nase-sluzby", "o-nas")
ADDRESS_SUPPLEMENTS = ("budova B", "3. patro", "vchod ze dvora", "areál nemocnice", "přízemí")
#: Names of the parts of an obec (část obce) other than the main one.
PART_NAMES = (
    "Lhota",
    "Nová Ves",
    "Podhradí",
    "Předměstí",
    "Újezd",
    "Zahrádky",
    "Dolní Ves",
    "Horka",
    "Zálesí",
    "Dvorce",
)

# -- long texts: doplnkoveUdaje popis ------------------------------------------------------
MISSION = (
    "Posláním služby „{kind}“ je pomáhat lidem v nepříznivé sociální situaci, aby mohli žít "
    "co nejvíce obvyklým způsobem a zůstat ve svém domácím prostředí.",
    "Služba „{kind}“ nabízí podporu lidem, kteří ji pro svůj věk, zdravotní stav nebo životní "
    "situaci potřebují, a respektuje přitom jejich vůli a soukromí.",
    "Chceme být spolehlivým partnerem obyvatel obce {town} a okolí a doplňovat síť "
    "sociálních a zdravotních služeb v regionu.",
    "Poskytujeme bezpečné zázemí, odbornou pomoc a lidský přístup; každý uživatel je pro nás "
    "rovnocenný partner.",
)
GOALS = (
    "Uživatel si udrží co nejvyšší míru samostatnosti v péči o sebe i o domácnost.",
    "Uživatel zná svá práva a ví, jak podat stížnost na kvalitu nebo způsob poskytování služby.",
    "Uživatel je v pravidelném kontaktu s rodinou, přáteli a se svým okolím.",
    "Uživatel s podporou služby zvládá řešit svou nepříznivou sociální situaci.",
    "Pečující mají informace, oporu a čas na odpočinek.",
    "Služba snižuje rizika spojená se způsobem života uživatelů a předchází jejich vyloučení.",
    "Uživatel se orientuje v síti návazných služeb a ví, kam se obrátit.",
)
PRINCIPLES = (
    "Individuální přístup – postup volíme podle osobních cílů a přání uživatele.",
    "Respekt – chráníme důstojnost, soukromí a svobodnou volbu každého uživatele.",
    "Podpora samostatnosti – neděláme za uživatele to, co zvládne sám.",
    "Mlčenlivost – s informacemi o uživatelích zacházíme podle zákona a vnitřních pravidel.",
    "Týmová práce – na službě spolupracují sociální pracovníci a pracovníci v sociálních službách.",
    "Dostupnost – služba se řídí zákonem č. 108/2006 Sb., o sociálních službách, a vyhláškou "
    "č. 505/2006 Sb.",
    "Pružnost – průběh služby s uživatelem pravidelně vyhodnocujeme a upravujeme.",
)
WAY = (
    "Zájemce se může obrátit na sociální pracovnici osobně, telefonicky nebo e-mailem; po "
    "úvodním jednání s ním uzavíráme písemnou smlouvu o poskytování sociální služby.",
    "Při prvním jednání zjišťujeme, co zájemce od služby očekává, a seznámíme ho s podmínkami "
    "a s cenou úkonů.",
    "S každým uživatelem sestavujeme individuální plán, který společně hodnotíme nejméně "
    "jednou za šest měsíců.",
    "Služba se poskytuje v rozsahu uvedeném v registru; mimo tuto dobu po předchozí dohodě.",
    "Úhrada za úkony se řídí ceníkem podle vyhlášky č. 505/2006 Sb.; ceník je vyvěšen v sídle "
    "poskytovatele a zveřejněn na jeho webu.",
    "Stížnost lze podat ústně, písemně i anonymně do schránky v zařízení; vyřizujeme ji do 30 dnů.",
    "Spolupracujeme s obecním úřadem, praktickými lékaři, školami a dalšími poskytovateli "
    "sociálních služeb.",
    "Dokumentaci o průběhu služby vedeme elektronicky i v listinné podobě a chráníme ji podle "
    "nařízení GDPR.",
    "Pracovníci se řídí standardy kvality sociálních služeb a vnitřními metodikami, které "
    "pravidelně aktualizujeme.",
    "Pokud službu nelze poskytnout pro naplněnou kapacitu, zapíšeme zájemce do evidence "
    "žadatelů a doporučíme mu jiného poskytovatele.",
    "Součástí služby je pomoc při uplatňování práv a oprávněných zájmů a při vyřizování "
    "osobních záležitostí.",
    "Pracovníci dodržují etický kodex a pravidelně se vzdělávají v oblasti práv uživatelů.",
    "V průměru méně než <5 % zájemců odmítáme; důvody vždy písemně zdůvodníme.",
)
EXCLUSIONS = (
    "Službu nelze poskytnout osobám, jejichž zdravotní stav vyžaduje péči lůžkového "
    "zdravotnického zařízení.",
    "Služba není určena osobám pod vlivem alkoholu nebo jiných návykových látek, pokud "
    "ohrožují ostatní.",
    "Služba není určena osobám mimo vymezenou cílovou skupinu ani mimo území působnosti.",
    "Službu nelze poskytnout osobě, která opakovaně hrubě porušuje pravidla služby.",
)
STAFF = (
    "Sociální pracovník: {n} úvazku.",
    "Pracovník v sociálních službách: {n} úvazku.",
    "Vedoucí služby: {n} úvazku.",
    "Všeobecná sestra: {n} úvazku.",
    "Psycholog: {n} úvazku.",
    "Administrativa a provoz: {n} úvazku.",
    "Pracovníci splňují kvalifikaci podle § 110 a § 116 zákona o sociálních službách.",
    "Každý pracovník absolvuje ročně nejméně 24 hodin dalšího vzdělávání.",
    "Nové kolegy zaškoluje zkušený pracovník podle adaptačního plánu.",
    "Tým má pravidelnou supervizi s externím supervizorem.",
)
AGE_NOTES = (
    "od 18 let",
    "od 65 let",
    "Služba je určena osobám starším 60 let.",
    "děti a mládež od 6 do 26 let",
    "Rodiny s dětmi do 7 let věku.",
    "od 15 let věku",
)
DOCUMENT_TITLES = {
    "realizacePoskytovani": "Popis realizace poskytování sociální služby.pdf",
    "personalniZajisteni": "Personální zajištění.pdf",
    "planyFinancnihoZajisteni": "Plán finančního zajištění {year}.pdf",
}
