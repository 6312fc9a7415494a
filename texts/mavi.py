"""Texts shared by mavi's other duties (/kampanja, /tili, the weekly picture).

The guideline's own words are never here: they are quoted verbatim from knowledge/ and stay
Finnish in the Swedish interface, labelled as the Finnish original.
"""

FI = {
    "mavi.guideline.label": "Sosiaalisen median ohje:",
    "mavi.guideline.source": "Lähde: {title} ({owner} {year})",
    "mavi.none": "–",
    "mavi.date_range": "{start}–{end}",
    # the weekly picture
    "weekly.header": "📊 Viikkokatsaus {week}",
    "weekly.text": "Somevahdin viikkokatsaus {week} ({start}–{end})",
    "weekly.period": "Viikko {week}: {start}–{end}",
    "weekly.kohu": "*Somekohut:* {opened} avattu · {claimed} otettu hoitoon · {resolved} ratkaistu · mediaani ottamiseen {median}",
    "weekly.uhka": "*Uhkailmoitukset:* {count} · mediaani kuittaukseen {median} (vain lukumäärät)",
    "weekly.tili": "*Uudet tilipyynnöt:* {opened} · hyväksytty {approved} · hylätty {rejected} · kesken {pending}",
    "weekly.kampanja": "*Maksulliset kampanjat:* {opened} ilmoitettu · tuloksia jaettu {results}",
    "weekly.ohje": "*/ohje-kysymykset (palautteen antaneet):* {asked} · 👍 {up} · 👎 {down}",
    "weekly.ohje.unanswered": "*Eniten 👎 saaneet aiheet:* {topics}",
    "weekly.chart": "Kaavio: viikoittaiset määrät viimeiseltä 12 viikolta.",
    "weekly.chart.title": "Somevahti: viikoittaiset määrät",
    "weekly.minutes": "{n} min",
    "weekly.hours": "{h} h {m} min",
}

SV = {
    "mavi.guideline.label": "Anvisningen för sociala medier (finskt original):",
    "mavi.guideline.source": "Källa: {title} ({owner} {year})",
    "mavi.none": "–",
    "mavi.date_range": "{start}–{end}",
    "weekly.header": "📊 Veckoöversikt {week}",
    "weekly.text": "Somevahtis veckoöversikt {week} ({start}–{end})",
    "weekly.period": "Vecka {week}: {start}–{end}",
    "weekly.kohu": "*Sociala medie-stormar:* {opened} öppnade · {claimed} tagna · {resolved} lösta · median till tagning {median}",
    "weekly.uhka": "*Rapporter om hot:* {count} · median till kvittering {median} (endast antal)",
    "weekly.tili": "*Begäranden om nya konton:* {opened} · godkända {approved} · avslagna {rejected} · pågående {pending}",
    "weekly.kampanja": "*Betalda kampanjer:* {opened} anmälda · resultat delade {results}",
    "weekly.ohje": "*/ohje-frågor (med respons):* {asked} · 👍 {up} · 👎 {down}",
    "weekly.ohje.unanswered": "*Ämnen med flest 👎:* {topics}",
    "weekly.chart": "Diagram: antal per vecka under de senaste 12 veckorna.",
    "weekly.chart.title": "Somevahti: antal per vecka",
    "weekly.minutes": "{n} min",
    "weekly.hours": "{h} h {m} min",
}
