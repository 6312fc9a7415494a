"""Texts that only Microsoft Teams needs (dialogs opened from a card, screenshots sent in the chat).
Everything else in Teams uses the same keys as Slack (texts/uhka.py, texts/kohu.py)."""

FI = {
    "uhka.teams.start": (
        "*Uhkaava viesti?* Avaa ilmoituslomake alta. Välittömässä vaarassa soita aina ensin hätänumeroon *112*."
    ),
    "uhka.teams.open": "Tee ilmoitus",
    "uhka.teams.posted_date": "Milloin viesti lähetettiin: päivä",
    "uhka.teams.posted_time": "Milloin viesti lähetettiin: kellonaika",
    "uhka.teams.no_supervisor": "En tiedä",
    "uhka.teams.files_later": "Kuvakaappaukset: lähetä ne tähän keskusteluun heti ilmoituksen jälkeen.",
    "uhka.teams.fix_errors": "Tarkista merkityt kohdat.",
    "uhka.teams.stored": "Ilmoitus {ref} on tallessa.",
    "uhka.teams.send_screenshots": (
        "*Kuvakaappaukset:* lähetä ne tähän keskusteluun (liitä kuva tai tiedosto). "
        "Ne tallennetaan ilmoituksen {ref} todisteiksi tarkistussummineen (SHA-256)."
    ),
    "uhka.teams.evidence_added": "Tallennetaan ilmoituksen {ref} todisteiksi: {names}.",
    "uhka.teams.no_open_report": (
        "Sinulla ei ole avointa uhkailmoitusta, johon kuvan voisi liittää. Tee ensin ilmoitus: kirjoita *uhka*."
    ),
    "uhka.teams.refused": "Ei onnistunut",
    "uhka.teams.done": "Tallennettu.",
    "kohu.teams.start": "*Somekohu?* Avaa hälytyslomake alta: markkinointi- ja viestintätiimi (mavi) saa tiedon heti.",
    "kohu.teams.open": "Hälytä somekohusta",
    "kohu.teams.stored": "Hälytys {ref} on lähetetty mavi-tiimille.",
    "kohu.teams.added": "Sama kohu on jo hälytetty ({ref}): ilmoituksesi lisättiin siihen.",
    "kohu.teams.fix_errors": "Tarkista merkityt kohdat.",
    "kohu.teams.done": "Tallennettu.",
    "kohu.teams.tag": "mavi",
}

SV = {
    "uhka.teams.start": (
        "*Ett hotfullt meddelande?* Öppna rapportformuläret nedan. Vid omedelbar fara ring alltid först *112*."
    ),
    "uhka.teams.open": "Gör en rapport",
    "uhka.teams.posted_date": "När meddelandet skickades: dag",
    "uhka.teams.posted_time": "När meddelandet skickades: klockslag",
    "uhka.teams.no_supervisor": "Jag vet inte",
    "uhka.teams.files_later": "Skärmdumpar: skicka dem i den här chatten direkt efter rapporten.",
    "uhka.teams.fix_errors": "Kontrollera de markerade fälten.",
    "uhka.teams.stored": "Rapporten {ref} har sparats.",
    "uhka.teams.send_screenshots": (
        "*Skärmdumpar:* skicka dem i den här chatten (klistra in en bild eller bifoga en fil). "
        "De sparas som bevis till rapporten {ref} med kontrollsumma (SHA-256)."
    ),
    "uhka.teams.evidence_added": "Sparas som bevis till rapporten {ref}: {names}.",
    "uhka.teams.no_open_report": (
        "Du har ingen öppen hotrapport som bilden kan bifogas till. Gör först en rapport: skriv *uhka*."
    ),
    "uhka.teams.refused": "Det gick inte",
    "uhka.teams.done": "Sparat.",
    "kohu.teams.start": "*Ett drev?* Öppna larmformuläret nedan: marknadsförings- och kommunikationsteamet (mavi) får veta genast.",
    "kohu.teams.open": "Larma om ett drev",
    "kohu.teams.stored": "Larmet {ref} har skickats till mavi-teamet.",
    "kohu.teams.added": "Samma drev har redan larmats ({ref}): din rapport lades till.",
    "kohu.teams.fix_errors": "Kontrollera de markerade fälten.",
    "kohu.teams.done": "Sparat.",
    "kohu.teams.tag": "mavi",
}
