"""Plausible values for generated orders: places per market, people, products, instructions.

Data only, no logic. Every place is a real city with its real country code, a postal
code in the local shape, coordinates near the city centre and the languages spoken there,
so a generated order reads like one a partner would send. The EU table holds one city for
each of the 27 member states, so the country rule is exercised for all of them.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """A delivery area: what a generated address, phone number and language are built from."""

    country: str
    city: str
    region: str | None
    postal_code: str
    latitude: float
    longitude: float
    languages: tuple[str, ...]
    calling_code: str
    national_digits: int
    streets: tuple[str, ...]
    number_first: bool


# market | country | city | region | postal code | latitude | longitude | languages |
# calling code | national digits | streets ("-": the market's usual ones) | house number first?
_PLACE_TABLE = """
US|US|Springfield|IL|62701|39.7817|-89.6501|en-us en|1|10|-|yes
US|US|Austin|TX|78701|30.2672|-97.7431|en-us es-us|1|10|-|yes
US|US|Seattle|WA|98101|47.6062|-122.3321|en-us en|1|10|-|yes
US|US|Boston|MA|02108|42.3601|-71.0589|en-us|1|10|-|yes
US|US|Miami|FL|33130|25.7617|-80.1918|en-us es-us|1|10|-|yes
US|US|Honolulu|HI|96813|21.3069|-157.8583|en-us haw|1|10|-|yes
US|US|Anchorage|AK|99501|61.2181|-149.9003|en-us|1|10|-|yes
UK|GB|London|Greater London|NW1 6XE|51.5238|-0.1586|en-gb en|44|10|-|yes
UK|GB|Manchester|Greater Manchester|M1 1AE|53.4808|-2.2426|en-gb|44|10|-|yes
UK|GB|Cardiff|Wales|CF10 1EP|51.4816|-3.1791|en-gb cy-gb|44|10|-|yes
UK|GB|Edinburgh|Scotland|EH1 1YZ|55.9533|-3.1883|en-gb gd|44|10|-|yes
UK|GB|Belfast|Northern Ireland|BT1 5GS|54.5973|-5.9301|en-gb ga|44|10|-|yes
EU|AT|Wien|Wien|1010|48.2082|16.3738|de-at de|43|10|Kärntner Straße;Graben|no
EU|BE|Bruxelles|Bruxelles-Capitale|1000|50.8503|4.3517|fr-be nl-be|32|9|Rue Neuve;Avenue Louise|no
EU|BG|Sofia|Sofia-grad|1000|42.6977|23.3219|bg-bg|359|9|bul. Vitosha|no
EU|HR|Zagreb|Grad Zagreb|10000|45.815|15.9819|hr-hr|385|9|Ilica|no
EU|CY|Nicosia|Lefkosia|1010|35.1856|33.3823|el-cy tr-cy|357|8|Ledra Street|no
EU|CZ|Praha||110 00|50.0755|14.4378|cs-cz cs|420|9|Národní;Vodičkova|no
EU|DK|København|Hovedstaden|1050|55.6761|12.5683|da-dk|45|8|Strøget;Nørregade|no
EU|EE|Tallinn|Harju|10111|59.437|24.7536|et-ee|372|8|Viru|no
EU|FI|Helsinki|Uusimaa|00100|60.1699|24.9384|fi-fi sv-fi|358|9|Mannerheimintie|no
EU|FR|Paris|Île-de-France|75004|48.8559|2.3601|fr-fr fr|33|9|rue de Rivoli;boulevard Voltaire|yes
EU|DE|Berlin|Berlin|10115|52.52|13.405|de-de de|49|10|Invalidenstraße;Torstraße|no
EU|GR|Athina|Attiki|105 57|37.9838|23.7275|el-gr|30|10|Ermou|no
EU|HU|Budapest||1051|47.4979|19.0402|hu-hu|36|9|Váci utca|no
EU|IE|Dublin|Leinster|D02 X285|53.3498|-6.2603|en-ie ga-ie|353|9|Grafton Street|yes
EU|IT|Roma|Lazio|00184|41.9028|12.4964|it-it|39|10|Via Nazionale;Via del Corso|no
EU|LV|Riga||LV-1050|56.9496|24.1052|lv-lv|371|8|Brīvības iela|no
EU|LT|Vilnius||01108|54.6872|25.2797|lt-lt|370|8|Gedimino pr.|no
EU|LU|Luxembourg||L-1111|49.6116|6.1319|fr-lu lb de-lu|352|9|Grand-Rue|yes
EU|MT|Valletta||VLT 1010|35.8989|14.5146|mt-mt en-mt|356|8|Republic Street|no
EU|NL|Amsterdam|Noord-Holland|1012 AB|52.3676|4.9041|nl-nl nl|31|9|Damrak;Prinsengracht|no
EU|PL|Warszawa|Mazowieckie|00-001|52.2297|21.0122|pl-pl|48|9|ul. Marszałkowska|no
EU|PT|Lisboa||1100-148|38.7223|-9.1393|pt-pt|351|9|Rua Augusta|no
EU|RO|București||030167|44.4268|26.1025|ro-ro|40|9|Calea Victoriei|no
EU|SK|Bratislava||811 01|48.1486|17.1077|sk-sk|421|9|Obchodná|no
EU|SI|Ljubljana||1000|46.0569|14.5058|sl-si|386|8|Slovenska cesta|no
EU|ES|Madrid|Comunidad de Madrid|28013|40.4168|-3.7038|es-es ca-es|34|9|Calle Mayor;Gran Vía|no
EU|SE|Stockholm||111 20|59.3293|18.0686|sv-se|46|9|Drottninggatan|no
"""
_USUAL_STREETS = {
    "US": ("Main St", "Oak Avenue", "Maple Drive", "2nd Street", "Elm St", "Park Blvd"),
    "UK": ("High Street", "Station Road", "Church Lane", "Baker Street", "Mill Road"),
}


def _places(market: str) -> tuple[Place, ...]:
    places = []
    for row in _PLACE_TABLE.strip().splitlines():
        (
            row_market,
            country,
            city,
            region,
            postal,
            lat,
            lon,
            languages,
            calling,
            digits,
            streets,
            first,
        ) = row.split("|")
        if row_market == market:
            places.append(
                Place(
                    country,
                    city,
                    region or None,
                    postal,
                    float(lat),
                    float(lon),
                    tuple(languages.split()),
                    calling,
                    int(digits),
                    _USUAL_STREETS[market] if streets == "-" else tuple(streets.split(";")),
                    first == "yes",
                )
            )
    return tuple(places)


US_PLACES = _places("US")
UK_PLACES = _places("UK")
EU_PLACES = _places("EU")
PLACES: dict[str, tuple[Place, ...]] = {"US": US_PLACES, "UK": UK_PLACES, "EU": EU_PLACES}
CURRENCY: dict[str, str] = {"US": "USD", "UK": "GBP", "EU": "EUR"}
# Countries that lie outside each market, for the country_market_mismatch defect.
FOREIGN_COUNTRIES: dict[str, tuple[str, ...]] = {
    "US": ("CA", "MX", "GB", "DE"),
    "UK": ("IE", "FR", "US", "JE"),
    "EU": ("GB", "CH", "NO", "US", "IS"),
}

FIRST_NAMES = (
    "Ada",
    "Grace",
    "Alan",
    "Marie",
    "José",
    "Zoë",
    "Łukasz",
    "Søren",
    "Aoife",
    "Chloé",
    "Mohammed",
    "Priya",
    "Wei",
    "Anne-Marie",
    "Björn",
    "Nnamdi",
    "Ελένη",
    "Jürgen",
    "Siobhán",
)
LAST_NAMES = (
    "Lovelace",
    "Hopper",
    "Turing",
    "Curie",
    "García",
    "O'Brien",
    "Müller",
    "Kowalski",
    "Nguyen",
    "van der Berg",
    "Smith-Jones",
    "Rossi",
    "Dubois",
    "Papadopoulou",
    "Nakamura",
)
# ASCII local parts for e-mail addresses (names above may hold letters outside ASCII).
EMAIL_NAMES = ("ada", "grace", "alan", "marie", "jose", "zoe", "lukasz", "soren", "priya", "wei")
EMAIL_DOMAINS = (
    "example.com",
    "mail.example.org",
    "example.co.uk",
    "example.fr",
    "post.example.de",
)
CARRIERS = ("EXPRESS-ONE", "CITY-COURIER", "SWIFT-LOCAL", "PARCEL PRO", "BIKE-12")
TRACKING_HOSTS = (
    "https://track.example.com/d/",
    "http://t.example.net/?id=",
    "HTTPS://Track.Example.org/p/",
)


class Product(NamedTuple):
    """A shelf product: how it is sold decides its unit of measure and quantity shape."""

    name: str
    sold_by: str  # "each", "weight" (LB/KG, two decimals) or "small" (G/OZ, whole numbers)
    min_cents: int
    max_cents: int


PRODUCTS: tuple[Product, ...] = (
    Product("Whole milk, 1 gallon", "each", 249, 549),
    Product("Sourdough loaf", "each", 299, 699),
    Product("Sparkling water 1L", "each", 59, 189),
    Product("Free-range eggs, dozen", "each", 299, 799),
    Product("Coffret cadeau", "each", 1999, 8999),
    Product("Crème fraîche 200 g", "each", 149, 399),
    Product("Gala apples", "weight", 99, 499),
    Product("Cheddar", "weight", 899, 2499),
    Product("Bananas", "weight", 49, 199),
    Product("Salmon fillet", "weight", 1299, 3499),
    Product("Loose green tea", "small", 2, 25),
    Product("Saffron threads", "small", 99, 999),
)

INSTRUCTIONS: dict[str, tuple[str, ...]] = {
    "DROPOFF": (
        "Leave with the concierge.",
        "Please knock, the bell is broken.",
        "Hand to reception.",
    ),
    "ACCESS": ("Gate code 4512.", "Use the side entrance on Elm St.", "Buzz flat 3 twice."),
    "PARKING": ("Loading bay behind the building.", "Visitor spaces on level -1."),
    "GENERAL": ("Fragile items, handle with care.", "Call on arrival."),
}
INSTRUCTION_TYPES = ("DROPOFF", "ACCESS", "PARKING", "GENERAL")
CANCEL_REASONS = (
    "CUSTOMER_REQUEST",
    "OUT_OF_STOCK",
    "STORE_CLOSED",
    "DELIVERY_UNAVAILABLE",
    "PAYMENT_FAILED",
    "FRAUD_SUSPECTED",
    "OTHER",
)
CANCEL_TEXTS = (
    "Customer moved house before delivery.",
    "Duplicate order.",
    "Storm warning in the area.",
)
CANCELLED_BY = ("CUSTOMER", "STORE", "CARRIER", "SYSTEM")
SPECIAL_HANDLING = (
    "ALCOHOL",
    "TOBACCO",
    "PHARMACY",
    "FROZEN",
    "REFRIGERATED",
    "FRAGILE",
    "HEAVY",
    "HAZMAT",
)
BARCODE_TYPES = ("EAN13", "CODE39", "CODE128", "QR", "PDF417", "UPC_A")
ADDRESS_EXTRAS = ("Apt 4B", "Flat 2", "3rd floor", "Bâtiment C", "c/o Reception")
