"""Texts of the /uhka flow (threat reports): Finnish first, Swedish for users whose Slack locale is Swedish.

The guideline's own sentence is not here: it is quoted verbatim from the knowledge package,
always in the Finnish original.
"""

FI = {
    # general
    "uhka.nobody": "ei ketään",
    "uhka.not_given": "_ei kerrottu_",
    "uhka.role.supervisor": "esihenkilö",
    "uhka.role.safety_chief": "työsuojelupäällikkö",
    "uhka.role.admin": "ylläpitäjä",
    "uhka.role.comms_manager": "markkinointi- ja viestintäpäällikkö",
    "uhka.role.mavi_channel": "mavi-kanava",
    "uhka.role.mavi_group": "mavi-ryhmä",
    "uhka.role.usergroup_member": "ryhmän jäsen",
    "uhka.role.chosen_supervisor": "ilmoittajan valitsema esihenkilö",
    "uhka.notify.chosen_only": "Ilmoittaja valitsi sinut esihenkilökseen. Näet ilmoituksen ja voit kirjata rikosilmoituksen; kuittaamisesta ja sulkemisesta vastaavat hakemistoon nimetyt vastuuhenkilöt, jotka ovat myös saaneet tiedon.",
    "uhka.role.other": "vastuuhenkilö",
    "uhka.gone": "Tätä ilmoitusta ei enää ole: se on poistettu säilytysajan päätyttyä.",
    "uhka.usage": (
        "*/uhka* avaa ilmoituslomakkeen uhkaavasta viestistä. Voit kirjoittaa perään viestin tekstin tai "
        "linkin, niin ne ovat valmiina lomakkeella.\n"
        "• `/uhka omat` – omat avoimet ilmoituksesi ja sinua odottavat ilmoitukset\n"
        "• `/uhka tila UHKA-2026-0001` – yhden ilmoituksen tila ja tapahtumat\n"
        "Välittömässä vaarassa soita aina ensin hätänumeroon *112*."
    ),
    "uhka.ask.text": "Mitä tarkoitit?",
    "uhka.ask.body": "Mitä tarkoitit komennolla `/uhka {words}`? Jos se on uhkaavan viestin teksti, tee ilmoitus – lomake avautuu ja sanat ovat siinä valmiina. Omat ilmoituksesi näet napilla Näytä omat.",
    "uhka.ask.hint": "Komennot: `/uhka omat`, `/uhka tila 1` (= UHKA-vuosi-0001), `/uhka ohje`.",
    "uhka.btn.ask_report": "Tee ilmoitus",
    "uhka.btn.ask_own": "Näytä omat",
    "uhka.avoimet.title": "Avoimet uhkailmoitukset ({n})",
    "uhka.avoimet.none": "Avoimia uhkailmoituksia ei ole.",
    "uhka.avoimet.reporter": "ilmoittaja {who}",
    "uhka.avoimet.footer": "Yksittäisen ilmoituksen tiedot: `/uhka tila UHKA-…`. Lista näkyy vain ylläpitäjille.",
    "error.uhka_admins_only": "Kaikkien avointen ilmoitusten lista on vain ylläpitäjille. Omat ilmoituksesi ja sinua odottavat näet komennolla `/uhka omat`.",
    "uhka.status_hint": "Tilanne: `/uhka tila {ref}`",
    # states
    "uhka.state.open": "avoin",
    "uhka.state.acknowledged": "kuitattu",
    "uhka.state.resolved": "suljettu",
    "uhka.status.open": "🔴 *Avoin* – odottaa kuittausta.",
    "uhka.status.next": "Jos kukaan ei kuittaa {at} mennessä, tieto menee: {who}.",
    "uhka.status.acknowledged": "🟡 *Kuitattu* – {who} hoitaa asiaa ({at}).",
    "uhka.status.resolved": "✅ *Suljettu* – {who}, {at}.",
    # fields
    "uhka.f.status": "Tila",
    "uhka.f.text": "Viesti sanasta sanaan",
    "uhka.f.platform": "Palvelu",
    "uhka.f.link": "Linkki viestiin",
    "uhka.f.sender": "Lähettäjä",
    "uhka.f.sender_link": "Lähettäjän profiili",
    "uhka.f.posted_at": "Lähetetty",
    "uhka.f.target": "Kohde",
    "uhka.f.reporter": "Ilmoittaja",
    "uhka.f.files": "Kuvakaappaukset ({n})",
    "uhka.f.timeline": "*Tapahtumat*",
    "uhka.f.notified": "Tiedon saaneet",
    "uhka.file.pending": "tallennetaan…",
    "uhka.file.not_saved": "ei saatu tallennettua",
    "uhka.police.line": "*Rikosilmoitus:* nro {number}, {date} (kirjasi {actor})",
    "uhka.timeline.earlier": "_… {n} aiempaa tapahtumaa_",
    # timeline
    "uhka.ev.created": "{actor} teki ilmoituksen",
    "uhka.ev.escalated": "ei kuitattu määräajassa, tieto meni: {who}",
    "uhka.ev.all_levels_now": "välitön vaara: tieto kaikille heti ({who})",
    "uhka.ev.acknowledged": "{actor} kuittasi",
    "uhka.ev.forwarded": "{actor} välitti työsuojelupäällikölle ({to})",
    "uhka.ev.police_report": "{actor} kirjasi rikosilmoituksen nro {number} ({date})",
    "uhka.ev.resolved": "{actor} sulki ilmoituksen",
    "uhka.ev.unacknowledged": "kukaan ei kuitannut, ylläpitäjille kerrottiin",
    "uhka.ev.delivery_failed": "viestiä ei saatu toimitettua: {to}",
    "uhka.ev.evidence_not_saved": "kuvakaappausta {name} ei saatu tallennettua Slackista",
    "uhka.ev.no_targets": "vastaanottajia ei ollut määritetty",
    # buttons
    "uhka.btn.ack": "Kuittaa",
    "uhka.btn.forward": "Välitä työsuojelupäällikölle",
    "uhka.btn.police": "Kirjaa rikosilmoitus",
    "uhka.btn.resolve": "Sulje",
    # the responders' message
    "uhka.notify.text": "Uhkaava viesti ilmoitettu: {ref}. Avaa Somevahti nähdäksesi tiedot ja kuitataksesi.",
    "uhka.notify.text_danger": "VÄLITÖN VAARA – uhkaava viesti ilmoitettu: {ref}. Avaa Somevahti heti.",
    "uhka.notify.header": "Uhkaava viesti – {ref}",
    "uhka.notify.header_danger": "🚨 VÄLITÖN VAARA – uhkaava viesti {ref}",
    "uhka.notify.danger": (
        "*Ilmoittaja kertoo välittömästä vaarasta.* Varmista, että hätänumeroon *112* on soitettu, ja ota "
        "yhteys ilmoittajaan heti."
    ),
    "uhka.notify.intro": "{reporter} ilmoitti uhkaavasta viestistä. {why}",
    "uhka.notify.why": "Saat tämän tiedon: {role}.",
    "uhka.notify.why_forwarded": "{who} välitti ilmoituksen sinulle.",
    "uhka.notify.footer": (
        "Kuittaa, kun otat asian hoitaaksesi: kuittaus pysäyttää eteenpäin hälyttämisen, ja ilmoittaja saa "
        "tiedon. Älä jaa viestiä kanavalle; vain ilmoittaja, tiedon saaneet ja ylläpitäjät näkevät {ref}:n."
    ),
    "uhka.notify.footer_done": "Älä jaa viestiä kanavalle; vain ilmoittaja, tiedon saaneet ja ylläpitäjät näkevät {ref}:n.",
    "uhka.reminder.text": "Muistutus: uhkailmoitus {ref} odottaa yhä kuittausta.",
    "uhka.reminder.handled": "Muistutus uhkailmoituksesta *{ref}* ({since}): asia on jo otettu hoitoon.",
    "uhka.reminder.body": (
        "⏰ *Muistutus:* uhkailmoitus *{ref}* ({since}) odottaa yhä kuittausta. Tieto on nyt viety myös: {who}."
    ),
    "uhka.already_acknowledged": "{ref} on jo kuitattu ({who}).",
    "uhka.forwarded": "{ref} välitettiin työsuojelupäällikölle ({who}). Ilmoittaja saa tiedon.",
    "uhka.already_forwarded": "Työsuojelupäällikkö ({who}) on jo saanut tiedon ilmoituksesta {ref}.",
    # the reporter's confirmation
    "uhka.confirm.text": "Ilmoituksesi {ref} on tallessa. Katso ohjeet, mitä tehdä nyt.",
    "uhka.confirm.text_danger": "Soita hätänumeroon 112, jos joku on välittömässä vaarassa. Ilmoituksesi {ref} on tallessa.",
    "uhka.confirm.call112": "🚨 *Soita hätänumeroon 112*, jos joku on välittömässä vaarassa. Kaikki vastuuhenkilöt ovat saaneet tiedon heti.",
    "uhka.confirm.header": "Ilmoituksesi on tallessa: {ref}",
    "uhka.confirm.stored": (
        "Kiitos, että ilmoitit. Ilmoituksen tunnus on *{ref}*. Viesti ja todisteet on tallennettu, eikä "
        "niiden katoaminen muualta enää haittaa."
    ),
    "uhka.confirm.guideline_label": "Näin sanoo *Sosiaalisen median ohje* ({owner} {year}):",
    "uhka.confirm.steps": "Näin toimit nyt:",
    "uhka.step.112": "*Soita hätänumeroon 112.*",
    "uhka.step.dont_answer": "Älä vastaa viestin lähettäjälle.",
    "uhka.step.save": (
        "Tallenna todisteet ennen kuin mitään poistetaan: kuvakaappaus, linkki ja aika. Piilota viesti "
        "tarvittaessa, mutta älä poista sitä ennen kuin todisteet ovat tallessa."
    ),
    "uhka.step.platform": "Ilmoita viestistä palveluun sen omalla ilmoitustoiminnolla.",
    "uhka.step.supervisor": "Esihenkilösi on saanut tiedon ja ottaa sinuun yhteyttä.",
    "uhka.step.responsible": "Vastuuhenkilö on saanut tiedon ja ottaa sinuun yhteyttä.",
    "uhka.confirm.told": "*Tiedon saivat:* {who}",
    "uhka.confirm.nobody": (
        "⚠️ *Kukaan ei saanut ilmoitusta automaattisesti*, koska vastaanottajia ei ole määritetty. Ota yhteys "
        "esihenkilöösi suoraan. Ylläpitäjille on kerrottu."
    ),
    "uhka.missing.supervisor": (
        "⚠️ Esihenkilöäsi ei löytynyt Somevahdin hakemistosta, eikä lomakkeella valittu esihenkilöä. "
        "Ilmoitus on silti tallessa ja meni muille vastuuhenkilöille. Ylläpitäjille on kerrottu puuttuvasta tiedosta."
    ),
    "uhka.missing.safety_chief": (
        "⚠️ Työsuojelupäällikköä ei ole määritetty Somevahtiin, joten ilmoitus ei voi edetä hänelle. "
        "Ylläpitäjille on kerrottu puuttuvasta tiedosta."
    ),
    "uhka.missing.other": "⚠️ Vastuuhenkilöä ({role}) ei ole määritetty. Ylläpitäjille on kerrottu.",
    "uhka.confirm.kept": "Tallennettu: viestin teksti ja tiedot.",
    "uhka.confirm.kept_files": "Tallennettu: viestin teksti ja tiedot sekä kuvakaappaukset ({n}).",
    # later notes to the reporter
    "uhka.reporter.acknowledged": "✅ {actor} kuittasi ilmoituksesi *{ref}* ja hoitaa asiaa.",
    "uhka.reporter.forwarded": "ℹ️ Ilmoituksesi *{ref}* välitettiin työsuojelupäällikölle ({to}).",
    "uhka.reporter.police_report": "ℹ️ Ilmoitukseesi *{ref}* kirjattiin rikosilmoitus nro {number} ({date}, {actor}).",
    "uhka.reporter.resolved": "Ilmoituksesi *{ref}* on suljettu ({actor}).",
    "uhka.reporter.other": "Ilmoituksesi *{ref}* tilanne muuttui.",
    "uhka.reporter.evidence_not_saved": "⚠️ Ilmoituksesi *{ref}* kuvakaappausta {name} ei saatu tallennettua. Tallenna kuva itse (esim. omalle koneellesi) ennen kuin poistat sen Slackista; ylläpito on saanut tiedon.",
    # admins
    "uhka.admin.text": "Somevahti: uhkailmoitus {ref} tarvitsee ylläpitäjän huomiota.",
    "uhka.admin.missing_roles": (
        "⚙️ *Puuttuva asetus:* uhkailmoitukselle *{ref}* (ilmoittaja {reporter}) ei löytynyt: {roles}. "
        "Ilmoitus on tallessa ja meni: {who}."
    ),
    "uhka.admin.missing_fix": (
        "Lisää tieto hakemistotiedostoon (`supervisors:` ilmoittajalle, `roles.safety_chief`) ja käynnistä "
        "Somevahti uudelleen."
    ),
    "uhka.admin.unacknowledged": (
        "⚠️ Uhkailmoitusta *{ref}* ({since}) ei ole kuitattu, vaikka tieto on mennyt kaikille: {who}. "
        "Varmista, että joku hoitaa asian."
    ),
    "uhka.admin.other": "Uhkailmoitus *{ref}*: {reason}.",
    "uhka.admin.evidence_not_saved": "Uhkailmoituksen *{ref}* kuvakaappausta {name} ei saatu tallennettua Slackista ({error}). Pyydä ilmoittajaa tallentamaan kuva itse, ennen kuin se poistetaan.",
    "uhka.failed.text": "Somevahti: viestiä uhkailmoituksesta {ref} ei saatu perille.",
    "uhka.failed.reporter": (
        "⚠️ Ilmoituksestasi *{ref}* ei saatu viestiä perille henkilölle {who} ({error}). Ilmoitus on tallessa "
        "ja ylläpitäjille on kerrottu. Ota yhteys esihenkilöösi myös suoraan."
    ),
    "uhka.failed.admin": (
        "⚠️ Viestiä uhkailmoituksesta *{ref}* ei saatu perille: {who} ({error}). Tarkista hakemisto ja "
        "varmista, että joku hoitaa asian."
    ),
    # /uhka tila and /uhka omat
    "uhka.tila.text": "Uhkailmoitus {ref}",
    "uhka.tila.footer": "Vain sinä näet tämän. Poliisille: ylläpitäjä voi tulostaa todisteraportin (`somevahti export`).",
    "uhka.omat.text": "Uhkailmoitukset",
    "uhka.omat.own": "Omat avoimet ilmoituksesi ({n})",
    "uhka.omat.assigned": "Sinua odottavat ilmoitukset ({n})",
    "uhka.omat.none": "Sinulla ei ole avoimia uhkailmoituksia.",
    "uhka.omat.footer": "Yksityiskohdat: `/uhka tila UHKA-…`. Uusi ilmoitus: `/uhka`.",
    # the report modal
    "uhka.modal.title": "Uhkaava viesti",
    "uhka.modal.submit": "Lähetä ilmoitus",
    "uhka.modal.close": "Peruuta",
    "uhka.modal.intro": (
        "Välittömässä vaarassa soita ensin hätänumeroon *112*.\n"
        "Vain viestin teksti on pakollinen; kerro muut tiedot, jos tiedät ne. Ilmoitus menee esihenkilöllesi "
        "ja tarvittaessa työsuojelupäällikölle."
    ),
    "uhka.modal.danger_label": "Välitön vaara",
    "uhka.modal.danger_option": "*Joku on välittömässä vaarassa*",
    "uhka.modal.danger_desc": "Kaikki vastuuhenkilöt saavat tiedon heti. Soita myös 112.",
    "uhka.modal.text": "Viestin teksti sanasta sanaan",
    "uhka.modal.text_placeholder": "Kopioi tai kirjoita viesti täsmälleen sellaisenaan",
    "uhka.modal.text_hint": "Älä korjaa kirjoitusvirheitä: todisteeksi tarvitaan alkuperäinen teksti.",
    "uhka.modal.platform": "Palvelu",
    "uhka.modal.platform_placeholder": "Valitse palvelu",
    "uhka.modal.link": "Linkki viestiin",
    "uhka.modal.link_hint": "Verkko-osoite, joka alkaa https:// tai http://",
    "uhka.modal.sender_name": "Lähettäjän nimi tai käyttäjätunnus",
    "uhka.modal.sender_link": "Lähettäjän profiilin linkki",
    "uhka.modal.posted_at": "Milloin viesti lähetettiin",
    "uhka.modal.posted_at_hint": "Suunnilleen riittää, jos et tiedä tarkkaa aikaa.",
    "uhka.modal.target": "Keneen viesti kohdistuu",
    "uhka.modal.target_placeholder": "esim. minuun, kirjaston henkilökuntaan, päättäjään",
    "uhka.modal.files": "Kuvakaappaukset",
    "uhka.modal.files_hint": "Kuvat tallennetaan todisteiksi tarkistussummineen (SHA-256).",
    "uhka.modal.supervisor": "Esihenkilösi",
    "uhka.modal.supervisor_placeholder": "Valitse esihenkilö",
    "uhka.modal.supervisor_hint": "Ilmoitus menee hänelle. Jos et tiedä, jätä tyhjäksi: ilmoitus menee työsuojelupäällikölle.",
    "uhka.modal.supervisor_hint_dir": (
        "Esihenkilösi on valittu hakemistosta. Jos valitset jonkun muun (esim. sijaisen), tieto menee molemmille."
    ),
    "uhka.modal.attached": "Viestin {n} kuvaliitettä tallennetaan todisteiksi.",
    "uhka.modal.privacy": (
        "Ilmoituksen näkevät vain sinä, sen saaneet vastuuhenkilöt ja Somevahdin ylläpitäjät. Suljetut "
        "ilmoitukset poistetaan säilytysajan jälkeen."
    ),
    # field errors
    "uhka.err.required": "Tämä tieto tarvitaan.",
    "uhka.err.too_long": "Liian pitkä: enintään {max} merkkiä (nyt {length}).",
    "uhka.err.bad_link": "Tämä ei ole verkko-osoite. Anna osoite, joka alkaa https:// tai http://.",
    "uhka.err.bad_choice": "Valitse jokin vaihtoehdoista.",
    "uhka.err.bad_time": "Aika ei kelpaa.",
    "uhka.err.future": "Aika on tulevaisuudessa. Tarkista päivä ja kellonaika.",
    "uhka.err.self_supervisor": "Valitse esihenkilöksi joku muu kuin itsesi.",
    "uhka.err.not_image": "Vain kuvat käyvät kuvakaappauksiksi ({name}).",
    "uhka.err.too_many_files": "Enintään {max} kuvaa.",
    # police report and resolve modals
    "uhka.police.title": "Kirjaa rikosilmoitus",
    "uhka.police.submit": "Tallenna",
    "uhka.police.intro": "Kirjaa ilmoitukseen *{ref}* poliisille tehty rikosilmoitus. Ilmoittaja saa tiedon.",
    "uhka.police.number": "Rikosilmoituksen numero",
    "uhka.police.number_hint": "Poliisin antama ilmoitusnumero tai diaarinumero.",
    "uhka.police.date": "Ilmoituksen päivä",
    "uhka.resolve.title": "Sulje ilmoitus",
    "uhka.resolve.submit": "Sulje",
    "uhka.resolve.intro": "Sulje ilmoitus *{ref}*. Ilmoittaja saa tiedon ja näkee merkintäsi.",
    "uhka.resolve.note": "Merkintä",
    "uhka.resolve.note_hint": 'Mitä tehtiin, esim. "Keskusteltu ilmoittajan kanssa, rikosilmoitus tehty."',
    # errors (shared error handler: error.<code>)
    "error.uhka_no_safety_chief": (
        "Työsuojelupäällikköä ei ole määritetty Somevahtiin, joten välittäminen ei onnistu. Kerro asiasta "
        "ylläpitäjälle."
    ),
}

SV = {
    # general
    "uhka.nobody": "ingen",
    "uhka.not_given": "_inte angivet_",
    "uhka.role.supervisor": "förman",
    "uhka.role.safety_chief": "arbetarskyddschef",
    "uhka.role.admin": "administratör",
    "uhka.role.comms_manager": "marknadsförings- och kommunikationschef",
    "uhka.role.mavi_channel": "mavi-kanalen",
    "uhka.role.mavi_group": "mavi-gruppen",
    "uhka.role.usergroup_member": "gruppmedlem",
    "uhka.role.chosen_supervisor": "förman som rapportören valde",
    "uhka.notify.chosen_only": "Rapportören valde dig som sin förman. Du ser rapporten och kan registrera en polisanmälan; att kvittera och stänga den sköts av de ansvariga som katalogen anger, och de har också informerats.",
    "uhka.role.other": "ansvarsperson",
    "uhka.gone": "Den här rapporten finns inte längre: den raderades när lagringstiden gick ut.",
    "uhka.usage": (
        "*/uhka* öppnar formuläret för att rapportera ett hotfullt meddelande. Skriv meddelandets text eller "
        "en länk efter kommandot så är de ifyllda i formuläret.\n"
        "• `/uhka omat` – dina öppna rapporter och rapporter som väntar på dig\n"
        "• `/uhka tila UHKA-2026-0001` – status och händelser för en rapport\n"
        "Vid omedelbar fara ring alltid först nödnumret *112*."
    ),
    "uhka.ask.text": "Vad menade du?",
    "uhka.ask.body": "Vad menade du med `/uhka {words}`? Om det är texten i ett hotfullt meddelande, gör en rapport – formuläret öppnas med orden ifyllda. Dina egna rapporter ser du med knappen Visa mina.",
    "uhka.ask.hint": "Kommandon: `/uhka egna`, `/uhka läge 1` (= UHKA-år-0001), `/uhka hjälp`.",
    "uhka.btn.ask_report": "Gör en rapport",
    "uhka.btn.ask_own": "Visa mina",
    "uhka.avoimet.title": "Öppna hotrapporter ({n})",
    "uhka.avoimet.none": "Det finns inga öppna hotrapporter.",
    "uhka.avoimet.reporter": "rapportör {who}",
    "uhka.avoimet.footer": "En rapports uppgifter: `/uhka läge UHKA-…`. Listan syns bara för administratörerna.",
    "error.uhka_admins_only": "Listan över alla öppna rapporter är bara för administratörerna. Dina egna rapporter och de som väntar på dig ser du med `/uhka egna`.",
    "uhka.status_hint": "Status: `/uhka tila {ref}`",
    # states
    "uhka.state.open": "öppen",
    "uhka.state.acknowledged": "kvitterad",
    "uhka.state.resolved": "stängd",
    "uhka.status.open": "🔴 *Öppen* – väntar på kvittering.",
    "uhka.status.next": "Om ingen kvitterar senast {at} går informationen till: {who}.",
    "uhka.status.acknowledged": "🟡 *Kvitterad* – {who} sköter ärendet ({at}).",
    "uhka.status.resolved": "✅ *Stängd* – {who}, {at}.",
    # fields
    "uhka.f.status": "Status",
    "uhka.f.text": "Meddelandet ordagrant",
    "uhka.f.platform": "Tjänst",
    "uhka.f.link": "Länk till meddelandet",
    "uhka.f.sender": "Avsändare",
    "uhka.f.sender_link": "Avsändarens profil",
    "uhka.f.posted_at": "Skickat",
    "uhka.f.target": "Riktat mot",
    "uhka.f.reporter": "Rapporterat av",
    "uhka.f.files": "Skärmdumpar ({n})",
    "uhka.f.timeline": "*Händelser*",
    "uhka.f.notified": "Informerade",
    "uhka.file.pending": "sparas…",
    "uhka.file.not_saved": "kunde inte sparas",
    "uhka.police.line": "*Polisanmälan:* nr {number}, {date} (registrerad av {actor})",
    "uhka.timeline.earlier": "_… {n} tidigare händelser_",
    # timeline
    "uhka.ev.created": "{actor} gjorde rapporten",
    "uhka.ev.escalated": "inte kvitterad i tid, informationen gick till: {who}",
    "uhka.ev.all_levels_now": "omedelbar fara: alla informerades genast ({who})",
    "uhka.ev.acknowledged": "{actor} kvitterade",
    "uhka.ev.forwarded": "{actor} skickade till arbetarskyddschefen ({to})",
    "uhka.ev.police_report": "{actor} registrerade polisanmälan nr {number} ({date})",
    "uhka.ev.resolved": "{actor} stängde rapporten",
    "uhka.ev.unacknowledged": "ingen kvitterade, administratörerna informerades",
    "uhka.ev.delivery_failed": "meddelandet kunde inte levereras: {to}",
    "uhka.ev.evidence_not_saved": "skärmdumpen {name} kunde inte sparas från Slack",
    "uhka.ev.no_targets": "inga mottagare var angivna",
    # buttons
    "uhka.btn.ack": "Kvittera",
    "uhka.btn.forward": "Skicka till arbetarskyddschefen",
    "uhka.btn.police": "Registrera polisanmälan",
    "uhka.btn.resolve": "Stäng",
    # the responders' message
    "uhka.notify.text": "Ett hotfullt meddelande har rapporterats: {ref}. Öppna Somevahti för att se och kvittera.",
    "uhka.notify.text_danger": "OMEDELBAR FARA – ett hotfullt meddelande har rapporterats: {ref}. Öppna Somevahti genast.",
    "uhka.notify.header": "Hotfullt meddelande – {ref}",
    "uhka.notify.header_danger": "🚨 OMEDELBAR FARA – hotfullt meddelande {ref}",
    "uhka.notify.danger": (
        "*Den som rapporterade uppger omedelbar fara.* Säkerställ att nödnumret *112* har ringts och kontakta "
        "personen genast."
    ),
    "uhka.notify.intro": "{reporter} rapporterade ett hotfullt meddelande. {why}",
    "uhka.notify.why": "Du får informationen som {role}.",
    "uhka.notify.why_forwarded": "{who} skickade rapporten till dig.",
    "uhka.notify.footer": (
        "Kvittera när du tar hand om ärendet: kvitteringen stoppar vidare larm och den som rapporterade "
        "informeras. Dela inte till en kanal; bara den som rapporterade, de informerade och administratörerna "
        "ser {ref}."
    ),
    "uhka.notify.footer_done": (
        "Dela inte till en kanal; bara den som rapporterade, de informerade och administratörerna ser {ref}."
    ),
    "uhka.reminder.text": "Påminnelse: hotrapporten {ref} väntar fortfarande på kvittering.",
    "uhka.reminder.handled": "Påminnelse om hotrapporten *{ref}* ({since}): ärendet har redan tagits om hand.",
    "uhka.reminder.body": (
        "⏰ *Påminnelse:* hotrapporten *{ref}* ({since}) väntar fortfarande på kvittering. Informationen har nu "
        "också gått till: {who}."
    ),
    "uhka.already_acknowledged": "{ref} är redan kvitterad ({who}).",
    "uhka.forwarded": "{ref} skickades till arbetarskyddschefen ({who}). Den som rapporterade informeras.",
    "uhka.already_forwarded": "Arbetarskyddschefen ({who}) har redan informerats om {ref}.",
    # the reporter's confirmation
    "uhka.confirm.text": "Din rapport {ref} är sparad. Se anvisningarna om vad du gör nu.",
    "uhka.confirm.text_danger": "Ring nödnumret 112 om någon är i omedelbar fara. Din rapport {ref} är sparad.",
    "uhka.confirm.call112": "🚨 *Ring nödnumret 112* om någon är i omedelbar fara. Alla ansvarspersoner har informerats genast.",
    "uhka.confirm.header": "Din rapport är sparad: {ref}",
    "uhka.confirm.stored": (
        "Tack för att du rapporterade. Rapportens id är *{ref}*. Meddelandet och bevisen är sparade, så det "
        "gör inget om de försvinner på annat håll."
    ),
    "uhka.confirm.guideline_label": "Så här säger *Sosiaalisen median ohje* (finskt original, {owner} {year}):",
    "uhka.confirm.steps": "Gör så här nu:",
    "uhka.step.112": "*Ring nödnumret 112.*",
    "uhka.step.dont_answer": "Svara inte avsändaren.",
    "uhka.step.save": (
        "Spara bevisen innan något raderas: skärmdump, länk och tidpunkt. Dölj meddelandet vid behov, men "
        "radera det inte förrän bevisen är sparade."
    ),
    "uhka.step.platform": "Anmäl meddelandet till tjänsten med dess egen anmälningsfunktion.",
    "uhka.step.supervisor": "Din förman har informerats och kontaktar dig.",
    "uhka.step.responsible": "En ansvarsperson har informerats och kontaktar dig.",
    "uhka.confirm.told": "*Informerade:* {who}",
    "uhka.confirm.nobody": (
        "⚠️ *Ingen informerades automatiskt*, eftersom inga mottagare är angivna. Kontakta din förman "
        "direkt. Administratörerna har informerats."
    ),
    "uhka.missing.supervisor": (
        "⚠️ Din förman finns inte i Somevahtis katalog och ingen förman valdes i formuläret. Rapporten är "
        "ändå sparad och gick till andra ansvarspersoner. Administratörerna har informerats om uppgiften som saknas."
    ),
    "uhka.missing.safety_chief": (
        "⚠️ Ingen arbetarskyddschef är angiven i Somevahti, så rapporten kan inte gå vidare till hen. "
        "Administratörerna har informerats om uppgiften som saknas."
    ),
    "uhka.missing.other": "⚠️ Ansvarspersonen ({role}) är inte angiven. Administratörerna har informerats.",
    "uhka.confirm.kept": "Sparat: meddelandets text och uppgifter.",
    "uhka.confirm.kept_files": "Sparat: meddelandets text och uppgifter samt skärmdumpar ({n}).",
    # later notes to the reporter
    "uhka.reporter.acknowledged": "✅ {actor} kvitterade din rapport *{ref}* och sköter ärendet.",
    "uhka.reporter.forwarded": "ℹ️ Din rapport *{ref}* skickades till arbetarskyddschefen ({to}).",
    "uhka.reporter.police_report": "ℹ️ En polisanmälan nr {number} ({date}, {actor}) registrerades för din rapport *{ref}*.",
    "uhka.reporter.resolved": "Din rapport *{ref}* har stängts ({actor}).",
    "uhka.reporter.other": "Läget för din rapport *{ref}* har ändrats.",
    "uhka.reporter.evidence_not_saved": "⚠️ Skärmdumpen {name} i din rapport *{ref}* kunde inte sparas. Spara bilden själv (t.ex. på din dator) innan du raderar den i Slack; administratörerna har informerats.",
    # admins
    "uhka.admin.text": "Somevahti: hotrapporten {ref} behöver en administratörs uppmärksamhet.",
    "uhka.admin.missing_roles": (
        "⚙️ *Inställning saknas:* för hotrapporten *{ref}* (rapporterad av {reporter}) hittades inte: {roles}. "
        "Rapporten är sparad och gick till: {who}."
    ),
    "uhka.admin.missing_fix": (
        "Lägg till uppgiften i katalogfilen (`supervisors:` för personen, `roles.safety_chief`) och starta om "
        "Somevahti."
    ),
    "uhka.admin.unacknowledged": (
        "⚠️ Hotrapporten *{ref}* ({since}) har inte kvitterats fast alla har informerats: {who}. "
        "Säkerställ att någon sköter ärendet."
    ),
    "uhka.admin.other": "Hotrapporten *{ref}*: {reason}.",
    "uhka.admin.evidence_not_saved": "Skärmdumpen {name} i hotrapporten *{ref}* kunde inte sparas från Slack ({error}). Be rapportören spara bilden själv innan den raderas.",
    "uhka.failed.text": "Somevahti: ett meddelande om hotrapporten {ref} kunde inte levereras.",
    "uhka.failed.reporter": (
        "⚠️ Ett meddelande om din rapport *{ref}* kunde inte levereras till {who} ({error}). Rapporten är "
        "sparad och administratörerna har informerats. Kontakta också din förman direkt."
    ),
    "uhka.failed.admin": (
        "⚠️ Ett meddelande om hotrapporten *{ref}* kunde inte levereras: {who} ({error}). Kontrollera "
        "katalogen och säkerställ att någon sköter ärendet."
    ),
    # /uhka tila and /uhka omat
    "uhka.tila.text": "Hotrapport {ref}",
    "uhka.tila.footer": "Bara du ser detta. För polisen: en administratör kan ta ut en bevisrapport (`somevahti export`).",
    "uhka.omat.text": "Hotrapporter",
    "uhka.omat.own": "Dina öppna rapporter ({n})",
    "uhka.omat.assigned": "Rapporter som väntar på dig ({n})",
    "uhka.omat.none": "Du har inga öppna hotrapporter.",
    "uhka.omat.footer": "Detaljer: `/uhka tila UHKA-…`. Ny rapport: `/uhka`.",
    # the report modal
    "uhka.modal.title": "Hotfullt meddelande",
    "uhka.modal.submit": "Skicka rapporten",
    "uhka.modal.close": "Avbryt",
    "uhka.modal.intro": (
        "Vid omedelbar fara ring först nödnumret *112*.\n"
        "Bara meddelandets text är obligatorisk; fyll i resten om du vet. Rapporten går till din förman och "
        "vid behov till arbetarskyddschefen."
    ),
    "uhka.modal.danger_label": "Omedelbar fara",
    "uhka.modal.danger_option": "*Någon är i omedelbar fara*",
    "uhka.modal.danger_desc": "Alla ansvarspersoner informeras genast. Ring också 112.",
    "uhka.modal.text": "Meddelandets text ordagrant",
    "uhka.modal.text_placeholder": "Kopiera eller skriv meddelandet exakt som det är",
    "uhka.modal.text_hint": "Rätta inte stavfel: som bevis behövs originaltexten.",
    "uhka.modal.platform": "Tjänst",
    "uhka.modal.platform_placeholder": "Välj tjänst",
    "uhka.modal.link": "Länk till meddelandet",
    "uhka.modal.link_hint": "En webbadress som börjar med https:// eller http://",
    "uhka.modal.sender_name": "Avsändarens namn eller användarnamn",
    "uhka.modal.sender_link": "Länk till avsändarens profil",
    "uhka.modal.posted_at": "När meddelandet skickades",
    "uhka.modal.posted_at_hint": "Ungefär räcker om du inte vet exakt.",
    "uhka.modal.target": "Vem meddelandet riktar sig mot",
    "uhka.modal.target_placeholder": "t.ex. mig, bibliotekets personal, en beslutsfattare",
    "uhka.modal.files": "Skärmdumpar",
    "uhka.modal.files_hint": "Bilderna sparas som bevis med kontrollsumma (SHA-256).",
    "uhka.modal.supervisor": "Din förman",
    "uhka.modal.supervisor_placeholder": "Välj förman",
    "uhka.modal.supervisor_hint": "Rapporten går till hen. Om du inte vet, lämna tomt: rapporten går till arbetarskyddschefen.",
    "uhka.modal.supervisor_hint_dir": (
        "Din förman är vald ur katalogen. Om du väljer någon annan (t.ex. en vikarie) informeras båda."
    ),
    "uhka.modal.attached": "Meddelandets {n} bildbilagor sparas som bevis.",
    "uhka.modal.privacy": (
        "Rapporten ses bara av dig, de ansvarspersoner som får den och Somevahtis administratörer. Stängda "
        "rapporter raderas efter lagringstiden."
    ),
    # field errors
    "uhka.err.required": "Den här uppgiften behövs.",
    "uhka.err.too_long": "För långt: högst {max} tecken (nu {length}).",
    "uhka.err.bad_link": "Det här är ingen webbadress. Ange en adress som börjar med https:// eller http://.",
    "uhka.err.bad_choice": "Välj ett av alternativen.",
    "uhka.err.bad_time": "Tidpunkten duger inte.",
    "uhka.err.future": "Tidpunkten ligger i framtiden. Kontrollera datum och klockslag.",
    "uhka.err.self_supervisor": "Välj någon annan än dig själv som förman.",
    "uhka.err.not_image": "Bara bilder duger som skärmdumpar ({name}).",
    "uhka.err.too_many_files": "Högst {max} bilder.",
    # police report and resolve modals
    "uhka.police.title": "Registrera polisanmälan",
    "uhka.police.submit": "Spara",
    "uhka.police.intro": "Registrera en polisanmälan för rapporten *{ref}*. Den som rapporterade informeras.",
    "uhka.police.number": "Polisanmälans nummer",
    "uhka.police.number_hint": "Anmälningsnumret eller diarienumret från polisen.",
    "uhka.police.date": "Anmälningsdatum",
    "uhka.resolve.title": "Stäng rapporten",
    "uhka.resolve.submit": "Stäng",
    "uhka.resolve.intro": "Stäng rapporten *{ref}*. Den som rapporterade informeras och ser din anteckning.",
    "uhka.resolve.note": "Anteckning",
    "uhka.resolve.note_hint": 'Vad som gjordes, t.ex. "Pratat med personen, polisanmälan gjord."',
    # errors
    "error.uhka_no_safety_chief": (
        "Ingen arbetarskyddschef är angiven i Somevahti, så rapporten kan inte skickas vidare. Meddela administratören."
    ),
}
