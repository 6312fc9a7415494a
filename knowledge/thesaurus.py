"""A small hand-made concept thesaurus for queries: Finnish, Swedish and English.

Per-passage wording lives in the passages' aids. This is for words that name
the same concept anywhere in this domain, across passages and languages: a
query word brings the other members of its concepts as synonyms (weaker than
the word itself). So "seurata" also looks for "valvoa", "virallinen" for
"asiallinen", and a Swedish "mäta" or an English "rumour" for the Finnish
words of the passage text itself, not only for its aids.

One concept per line: `lang: word word ...`, languages separated by "|"; an
indented line continues the concept above.
Words are single base forms; the index maps each to its lemma. Keep a concept
tight: a word here is treated as meaning the same as every other word in it.
"""

from __future__ import annotations

CONCEPTS_TEXT = """
fi: viestintä tiedottaminen tiedotus kommunikointi | sv: kommunikation informering
    | en: communication communications
fi: valvoa seurata tarkkailla vahtia monitoroida | sv: övervaka bevaka | en: monitor supervise
fi: asiallinen virallinen muodollinen ammattimainen korrekti kohtelias
    | sv: saklig formell professionell artig | en: formal professional polite official
fi: kevyt rento hauska humoristinen huumori leikkisä vitsi vitsailla hassu läppä huulenheitto vitsailu
    | sv: lättsam skämta skämt humor rolig skoja skämtsam | en: casual humour humor funny joke banter
fi: mitata mittari mittaaminen tilasto analytiikka | sv: mäta mätning statistik analys
    | en: measure metrics analytics statistics stats
fi: onnistua onnistuminen menestyä menestys tuloksellisuus hyöty | sv: lyckas framgång fungera funka löna
    | en: succeed success perform performance
fi: seuraaja seuraajamäärä tykkääjä | sv: följare | en: followers follower
fi: tykätä tykkäys peukuttaa peukku peukutus | sv: gilla gillning
fi: huhu juoru kuulopuhe spekulaatio kuulla | sv: rykte skvaller | en: rumour rumor gossip hearsay
fi: kohu somekohu myrsky somemyrsky paskamyrsky raivo suuttumus vastareaktio | sv: drev storm uppståndelse
    | en: backlash outrage shitstorm uproar
fi: uhkaus uhkailla uhata uhkailu tappouhkaus | sv: hot hota hotfull | en: threat threaten threatening
fi: riita riidellä kiistellä kinata tapella tappelu | sv: gräla bråk bråka | en: argue quarrel
fi: virhe moka erehdys kirjoitusvirhe | sv: fel misstag | en: mistake error typo
fi: korjata oikaista oikoa | sv: rätta korrigera | en: correct fix
fi: pahoitella anteeksipyyntö | sv: ursäkt ursäkta | en: apologise apologize apology sorry
fi: huijaus huijauslinkki virus haittaohjelma kalastelu | sv: bedrägeri | en: scam phishing virus malware
fi: tietoturva kyberturvallisuus | sv: informationssäkerhet datasäkerhet | en: security cybersecurity
fi: arkaluontoinen terveystieto sairaus diagnoosi | sv: känslig hälsa sjukdom
    | en: sensitive health medical illness
fi: henkilötieto kotiosoite puhelinnumero henkilötunnus | sv: personuppgift adress | en: address
fi: salainen luottamuksellinen salassapidettävä | sv: hemlig konfidentiell | en: secret confidential
fi: asiakirja dokumentti paperi pöytäkirja esityslista | sv: dokument handling | en: document paperwork agenda
fi: media toimittaja lehdistö tiedotusväline lehti | sv: journalist press tidning
    | en: journalist press reporter newspaper
fi: kohderyhmä yleisö kohdeyleisö | sv: målgrupp publik | en: audience
fi: mainos mainonta mainostaa mainoskampanja sponsoroida | sv: annons reklam marknadsföring
    | en: advertising ads advert sponsored
fi: brändikirja graafinen logo fontti ilme | sv: varumärke logotyp | en: brand logo font
fi: algoritmi uutisvirta feedi | sv: algoritm flöde | en: algorithm feed
fi: näkyvyys tavoittavuus kattavuus | sv: synlighet räckvidd | en: visibility reach
fi: palaute valitus moite | sv: respons klagomål | en: feedback complaint
fi: luottamushenkilö valtuutettu poliitikko päättäjä | sv: förtroendevald politiker
    | en: politician councillor
fi: työnantaja | sv: arbetsgivare | en: employer
fi: kiusata kiusaaminen häiritä häirintä ahdistella ahdistelu | sv: trakassera mobba trakasserier
    | en: harass harassment bully bullying
fi: tili profiili sometili | sv: konto profil | en: account profile
fi: perustaa avata luoda | sv: starta skapa öppna | en: create open launch start
fi: päättää hyväksyä päätös | sv: bestämma besluta godkänna beslut | en: decide approve decision
fi: kuva valokuva | sv: bild foto | en: photo picture image
fi: video | sv: film | en: clip
fi: julkaista postata laittaa | sv: publicera posta | en: post publish
fi: kommentti | sv: kommentar | en: comment
fi: poistaa piilottaa sensuroida | sv: radera dölja | en: delete remove hide
fi: vastata | sv: svara | en: reply respond answer
fi: nopeasti pian viipymättä | sv: snabbt | en: quickly fast
fi: mielipide kanta kannanotto näkemys | sv: åsikt | en: opinion
fi: politiikka poliittinen puolue | sv: politik | en: politics political
fi: asiantuntija ekspertti osaaja | sv: expert sakkunnig | en: expert
fi: asiantuntijuus osaaminen ammattitaito | sv: expertis kompetens | en: expertise
fi: verkosto verkostoitua verkostoituminen | sv: nätverk | en: network networking
fi: koulutus kurssi perehdytys valmennus | sv: utbildning kurs | en: training course
fi: kanava somekanava | sv: kanal plattform | en: channel platform
fi: imago maine mielikuva kaupunkikuva | sv: rykte image | en: reputation image
fi: tavoite päämäärä tarkoitus | sv: mål syfte | en: goal aim purpose
fi: virkamies viranhaltija | sv: tjänsteman | en: officer
fi: provosoitua suuttua hermostua kiihtyä | sv: provocera | en: provoke provoked
fi: trolli häirikkö provosoija | sv: troll | en: troll
fi: työaika työpäivä | sv: arbetstid | en: hours
fi: lojaliteetti lojaalisuus | sv: lojalitet | en: loyalty loyal
fi: salassapitovelvollisuus vaitiolovelvollisuus | sv: tystnadsplikt | en: confidentiality
fi: käytös käyttäytyminen käyttäytyä | sv: uppförande bete | en: behaviour behavior behave conduct
fi: arvo periaate | sv: värde princip | en: value principle
fi: netti verkko internet | sv: nät internet | en: internet online
fi: sisältö materiaali | sv: innehåll material | en: content material
fi: resurssi | sv: resurs | en: resources
fi: mittaaminen seuranta | sv: uppföljning | en: tracking
fi: väärinkäsitys harhaanjohtava virheellinen | sv: missförstånd | en: misinformation misleading
fi: hashtag tunniste asiatunniste aihetunniste tägi hästägi häsä | sv: hashtagg | en: hashtag tag
fi: tägätä tagata taggata | sv: tagga taggar | en: tagging
fi: yhteinen keskitetty | sv: gemensam | en: shared joint
fi: kiellettyä luvaton | sv: förbjuden otillåten | en: forbidden prohibited
fi: lupa suostumus | sv: tillstånd samtycke lov | en: permission consent
fi: esimies esihenkilö pomo | sv: chef | en: manager boss supervisor
fi: valittaa avautua purnata marista napista | sv: klaga gnälla | en: complain vent rant
fi: varmistaa varmistua varma vahvistaa vahvistamaton tarkistaa | sv: kontrollera bekräfta säker
    | en: verify confirm confirmed sure
fi: loma lomailla kesäloma lomakausi tauko | sv: semester | en: holiday holidays vacation
"""


def parse(text: str = CONCEPTS_TEXT) -> list[dict[str, tuple[str, ...]]]:
    concepts = []
    for line in text.strip().replace("\n ", " ").splitlines():
        concept: dict[str, tuple[str, ...]] = {}
        for chunk in line.split("|"):
            lang, _, words = chunk.partition(":")
            concept[lang.strip()] = tuple(words.split())
        concepts.append(concept)
    return concepts


CONCEPTS = parse()
