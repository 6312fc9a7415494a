"""Texts shared by every flow: help, errors, refusals."""

FI = {
    "help.title": "Somevahti – somepäivittäjän apuri",
    "help.intro": "Näillä komennoilla saat apua Kokkolan kaupungin sosiaalisen median ohjeesta ja ilmoitat tilanteista:",
    "help.ohje": "*/ohje &lt;kysymys&gt;* – vastaus sosiaalisen median ohjeesta sen omin sanoin, esim. `/ohje saako asiattoman kommentin poistaa`",
    "help.uhka": "*/uhka* – ilmoita uhkaavasta viestistä: todisteet talteen ja tieto esihenkilölle. `/uhka omat` näyttää omat ilmoituksesi, `/uhka tila UHKA-…` yhden tilanteen",
    "help.kohu": "*/kohu* – hälytä somekohusta markkinointi- ja viestintätiimille (mavi). `/kohu lista` näyttää avoimet kohut",
    "help.some": "*/some* – tämä ohje",
    "help.shortcut": "Viestin pikatoiminnoista (⋯) löydät myös *Ilmoita uhkaavasta viestistä* ja *Hälytä somekohusta*.",
    "help.danger": "Välittömässä vaarassa soita aina ensin hätänumeroon *112*.",
    "error.generic": "Jokin meni vikaan, eikä pyyntöäsi voitu käsitellä. Yritä hetken päästä uudelleen. Jos ongelma jatkuu, ota yhteyttä ylläpitäjään.",
    "error.not_allowed": "Sinulla ei ole oikeutta tähän toimintoon. Mitään ei muutettu.",
    "error.modal_failed": "Lomaketta ei saatu auki, koska Slack ei vastannut ajoissa. Mitään ei tallennettu – yritä uudelleen.",
    "error.not_found": "Tapausta {ref} ei löytynyt.",
    "error.already_resolved": "Tapaus {ref} on jo suljettu.",
    "fallback.unknown_command": "Tuntematon komento. Kirjoita `/some` nähdäksesi komennot.",
}

SV = {
    "help.title": "Somevahti – hjälpreda för dem som uppdaterar sociala medier",
    "help.intro": "Med de här kommandona får du hjälp ur Karleby stads anvisning för sociala medier och kan rapportera situationer:",
    "help.ohje": "*/ohje &lt;fråga&gt;* – svar ur anvisningen för sociala medier med dess egna ord (anvisningen finns på finska), t.ex. `/ohje får man ta bort en osaklig kommentar`",
    "help.uhka": "*/uhka* – rapportera ett hotfullt meddelande: bevisen sparas och din förman informeras. `/uhka omat` visar dina rapporter, `/uhka tila UHKA-…` ett ärende",
    "help.kohu": "*/kohu* – larma marknadsförings- och kommunikationsteamet (mavi) om en social medie-storm. `/kohu lista` visar öppna ärenden",
    "help.some": "*/some* – den här hjälpen",
    "help.shortcut": "Bland meddelandegenvägarna (⋯) finns också *Ilmoita uhkaavasta viestistä* och *Hälytä somekohusta*.",
    "help.danger": "Vid omedelbar fara ring alltid först nödnumret *112*.",
    "error.generic": "Något gick fel och din begäran kunde inte behandlas. Försök igen om en stund. Om problemet kvarstår, kontakta administratören.",
    "error.not_allowed": "Du har inte behörighet till den här funktionen. Ingenting ändrades.",
    "error.modal_failed": "Formuläret kunde inte öppnas eftersom Slack inte svarade i tid. Ingenting sparades – försök igen.",
    "error.not_found": "Ärendet {ref} hittades inte.",
    "error.already_resolved": "Ärendet {ref} är redan stängt.",
    "fallback.unknown_command": "Okänt kommando. Skriv `/some` för att se kommandona.",
}
