"""Situations: a question that describes a threat or a controversy, not one that asks about rules.

"joku uhkas mua facessa", "han skrev att han vet var jag bor", "our post went
viral and there is a shitstorm": whatever else the words match, the asker is in
a situation the guideline has a passage for (and Somevahti a report flow), so
that passage comes first and the answer offers the report.

Recognition is by general vocabulary, per language, as base forms: a query
word matches through its lemma (the lexicon holds every form of these words,
see build_lexicon.py), after spoken-Finnish normalisation, through its compound
parts ("tappouhkaus", "kommenttimyrsky") or, for a word the lexicon does not
know, through its stem ("uhkaillaanko"). Some meanings need two words together
(`PAIRS`): knowing where someone lives, wishing death, publishing a home
address, a journalist calling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .analysis import CLITIC_END, PLATFORMS, POSSESSIVE_END, VERBISH_FI, Analyzer, PerWord, stem_keys

THREAT, CONTROVERSY = "threat", "controversy"

# Words that alone say the question describes the situation.
WORDS: dict[str, dict[str, str]] = {
    THREAT: {
        "fi": """
            uhata uhkailla uhkaus uhkailu uhkaava uhkaaja tappouhkaus pommiuhka väkivaltauhka uhkaviesti
            tappaa tappo murhata murha väkivalta väkivaltainen pahoinpidellä pahoinpitely hakata
            puukottaa puukko veitsi ase pyssy kivääri haulikko ampua ampuminen ampuja pommi räjäyttää
            räjähde tuhopoltto vainota vainoaminen vainoaja stalkata stalkkeri kostaa kosto kidnapata
            raiskata raiskaus tappolista uhka tähtäin
            turpa turpasauna mukiloida kuristaa väijyä vaania tuhopolttaja pommittaa
            hengiltä hirttää hirsipuu lyhtypylväs teloittaa giljotiini puukotus ampumavälikohtaus
            kouluampuja satuttaa nitistää listiä lahdata teurastaa murhaaja tappaja
            pistooli revolveri konepistooli rynnäkkökivääri hukuttaa myrkyttää maalittaa maalittaminen
        """,
        "sv": """
            hot hota hotelse hotfull döda mörda mord dödshot våld våldsam misshandla misshandel kniv
            vapen pistol gevär bomb bombhot spränga förfölja stalka hämnas hämnd våldta
            mordbrand mordbrännare ihjäl knivhugga strypa galge galgen
            bössa hagelbössa hagelgevär revolver skjutvapen sikte dränka förgifta
        """,
        "en": """
            threat threaten threatening kill murder violence violent assault stab knife gun weapon rifle
            gunman bomb stalk stalker stalking revenge dox doxx doxxing doxing rape
            arson arsonist lurk stab stabbing shooter noose gallows strangle slaughter
            pistol shotgun revolver firearm crosshair crosshairs
        """,
    },
    CONTROVERSY: {
        "fi": """
            kohu somekohu kohista paskamyrsky somemyrsky kommenttimyrsky vihamyrsky someraivo raivo
            raivota raivostua suuttumus närkästys paheksunta paheksua viraali viraalistua
            boikotti boikotoida lynkkaus kritiikkiryöppy ryöpytys lokakampanja vihakampanja
            lööppi skandaali kohuta vastareaktio kommenttitulva kritiikkivyöry
            tuohtumus närkästyä kohahtaa kohahdus äläkkä
        """,
        "sv": """
            drev mediedrev shitstorm bojkott bojkotta viral uppståndelse upprörd ilska rasande
            kritikstorm skandal löpsedel förbannad ursinnig ramaskri rabalder
        """,
        "en": """
            shitstorm backlash outrage outraged viral boycott uproar firestorm furious
            pile-on pileon blowback scandal livid enraged fuming outcry
        """,
    },
}
# A person's private life: what a menace names ("tietää missä lapsesi ovat", "pidä lapsiasi silmällä").
PRIVATE = {
    # a home as its own word, not a part ("päiväkoti", "kotisivu")
    "fi": "asua kotiosoite =koti =kotona =kotiin =kotoa =kodin =kotisi =kotinne =kotini =kotias kotiovi auto lapsi "
    "perhe vaimo puoliso mies kotimatka",
    "sv": "bo hem bil barn familj fru make man",
    "en": "live home car kid kids child children family wife husband",
}
# Someone as the object of a verb, as typed ("lyön sua", "löydän sut", "slår dig"); "=" marks a form
# matched as typed, not through its lemma (the lemma "minä" is in most questions).
PERSON = {
    "fi": "=minut =mut =minua =mua =sinut =sut =sinua =sua =hänet =häntä =teidät =teitä =työntekijää",
    "sv": "=mig =dig =honom =henne =er",
    "en": "=me =you =him =her =us =them",
}
YOU = {"fi": "=sinut =sut =teidät", "sv": "=dig =er", "en": "=you"}
# Put online by someone else, as typed: "julkaisi", "laitettiin nettiin" (not "saanko julkaista mun
# numeron", "postasin kuvan jossa näkyy mun kotiosoite": the asker's own doing)
PUT_ONLINE = {
    "fi": "=julkaisi =julkaisee =julkaisivat =julkaisevat =julkaissut =julkaisseet =julkaistiin "
    "=julkaistaan =julkaistu =levitti =levittävät =levittivät =levittänyt =levitetään =levitetty "
    "=levitettiin =jakoi =jakavat =jakoivat =jakanut =jakaneet =jaetaan =jaettu =jaettiin =postasi "
    "=postas =postaa =postaavat =postannut =postattiin =postattu =vuoti =vuotanut =vuodettu "
    "=vuodettiin =paljasti =paljastanut =paljastettiin =laitettiin =laitettu =laittoi =laitto",
    "sv": "publicera sprida dela posta",
    "en": "post publish share leak spread reveal",
}
# Many: a number from 100 up is read as "sata" ("300 vihaista kommenttia")
MANY = {
    "fi": "sata tuhat satoja tuhansia kymmeniä",
    "sv": "hundra tusen hundratals tusentals",
    "en": "hundred thousand hundreds thousands",
}
MANY_FROM = 100
# a numeral of hundreds or thousands written as one word: "kaksisataa", "parituhatta", "tvåhundra"
_HUNDREDS = {
    "fi": re.compile(r"(?:kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän|pari|muutama)(?:sata|tuha)"),
    "sv": re.compile(r"(?:ett|två|tre|fyra|fem|sex|sju|åtta|nio|par)(?:hundra|tusen)"),
}
# The press, by name where Kokkola reads it (Keskipohjanmaa, Österbottens Tidning)
MEDIA = {
    "fi": "toimittaja lehti iltalehti iltasanomat iltapäivälehti sanomalehti paikallislehti uutiset "
    "toimitus yle radio tv televisio mtv keskipohjanmaa =kp",
    "sv": "journalist reporter tidning press radio tv =öt österbottens",
    "en": "journalist reporter newspaper paper press radio tv",
}

# Ridicule, scorn or anger (the pile-on pairs' first side)
RIDICULE = {
    "fi": "haukkua pilkata pilkka naureskella nauraa lytätä mollata ivata arvostella kritisoida "
    "vihata vihainen suuttua raivo meemi spämmätä spammata kiukku kiukkuinen kiukustua valehdella",
    "sv": "håna hån skratta kritisera hata arg ilska rasa skälla",
    "en": "mock ridicule laugh hate angry attack criticise meme memes",
}
# ...aimed at us ("meitä", "meille": not "meidän", which is only whose page it is)
RIDICULE_AT_US = (RIDICULE, {"fi": "meitä meille meistä", "sv": "oss", "en": "us we"})
# One person, as typed, named as the one who scorns: "asukas haukku meitä", "en invånare hånar oss",
# "a resident keeps mocking us" is feedback to answer, not a storm. A person named just before the
# scorn, or just after it ("vihainen asiakas", "angry customer"); "someone" only before it (after it,
# "kiukkua, joku teki meemin", it starts the next clause).
ONE_PERSON = {
    "fi": frozenset(
        "asukas kuntalainen kommentoija tyyppi henkilö käyttäjä trolli mies nainen äiti isä asiakas kaveri ukko "
        "akka äijä jäbä heppu mummo pappa setä täti".split()
    ),
    # (not "man": "man hånar oss" is everyone)
    "sv": frozenset("invånare kommentator person användare troll gubbe kille tjej kvinna dam kund".split()),
    "en": frozenset("resident commenter person user troll guy man woman customer".split()),
}
SOMEONE = {
    "fi": frozenset("joku jonkun eräs".split()),
    "sv": frozenset({"någon", "nån"}),
    "en": frozenset({"someone", "somebody"}),
}
ONE_PERSON_REACH = 3  # words before the scorn ("vihainen kuntalainen haukkuu")
# (a meme is made to spread, whoever made it: "joku teki siitä meemin joka leviää")
_MEMES = frozenset({"meemi", "meme", "memes"})

# A word of each set together: the meaning needs them all.
PAIRS: dict[str, list[tuple[dict[str, str], ...]]] = {
    THREAT: [
        # a person made a target: "kasvot maalitauluna", "kuvassa maalitaulu otsassa" (not a shooting
        # range's targets, nor a campaign's target group); "maalittaa" itself is in WORDS
        ({"fi": "maalitaulu"}, {"fi": "kasvot naama otsa kuva valokuva =mun =miun =minun =sun =sinun"}),
        # "tietää missä asut", "vet var du bor", "knows where I live"
        # ...or another private detail: the car, the children, the family, the way home
        ({"fi": "tietää", "sv": "veta", "en": "know"}, PRIVATE),
        # "lapsia kannattaa pitää silmällä", "watch your back", "varo illalla kotimatkalla"
        ({"fi": "silmällä"}, PRIVATE),
        # ("varo" as typed: the lexicon reads the imperative as a noun; not a warning of a thing,
        # "varokaa liukkaita teitä pimeällä", see `Recognizer._hazard_warned`)
        (
            {"fi": "varoa =varo", "sv": "akta", "en": "watch"},
            {
                "fi": "selkä kotimatka kotiin pimeällä",
                "sv": "rygg hem kväll =natten =mörkt =mörkret =mörker",
                "en": "home night dark",
            },
        ),
        # ...someone's back, in English (not "clap back at a rude comment, everyone's watching")
        ({"en": "watch"}, {"en": "=my =your =his =her =their =yer"}, {"en": "=back"}),
        (
            {"fi": "katsoa katsella vilkuilla =katso =kato =katella =kattella =kattoa"},
            {"fi": "selkä =olan =olkasi =olkas"},
        ),
        # "jos sille sattuisi jotain": harm to someone hinted at, in the conditional
        (
            {"fi": "=sattuisi =sattuis", "en": "=happen =happened", "sv": "=hände =händer"},
            {"fi": "=jotain =jotakin =ikävää =pahaa", "en": "=something", "sv": "=något"},
            # ...to someone: "sille", "sulle", "your kids" (not "julkaisuun": a mistake is no menace)
            {
                "fi": "=sille =hänelle =sulle =sinulle =teille =lapsille =perheelle =miehelle =vaimolle",
                "en": "=you =your",
                "sv": "=dig =din",
            },
        ),
        # harm that "may happen" unless we do as told: "voi kohta sattua jotain ikävää jos ...",
        # "saattaa käydä huonosti jos ..." (not "mitä teen jos somessa sattuu jotain ikävää")
        (
            {"fi": "=voi =saattaa =saattais =saattaisi =voisi =vois"},
            {"fi": "=sattua =käydä =tapahtua"},
            {"fi": "=ikävää =pahaa =huonosti =ikävästi"},
            {"fi": "=jos =ellei =elleivät =ellette"},
        ),
        # "ois ikävä jos jotain sattuis", "vore synd om något hände", "would be a shame if something happened"
        (
            {"fi": "ikävä harmi sääli kurja", "sv": "synd tråkigt", "en": "shame pity"},
            {
                "fi": "=sattuisi =sattuis =tapahtuisi =tapahtuis =kävisi =kävis",
                "sv": "=hände =händer =hända =skulle",
                "en": "=happen =happened =happens",
            },
            {"fi": "=jotain =jotakin =mitään", "sv": "=något =nåt", "en": "=something =anything"},
        ),
        # violence with someone as its object: "lyön sua", "slår dig", "beat you up", "hurt you"
        (
            {"fi": "lyödä", "sv": "slå", "en": "hurt harm beat"},
            PERSON,
        ),
        # watching someone ("kyttää mua", not "toimittajat kyttää keskusteluja")
        ({"fi": "kytätä"}, PERSON),
        ({"en": "shoot"}, {"en": "=up =me =you =him =her =us =them =people =everyone"}),
        # "mä löydän sut kyllä", "I'll find you", "vi hittar dig"
        (
            {"fi": "löytää", "sv": "hitta", "en": "find"},
            YOU,
            {"fi": "=kyllä =vielä =kotoa", "sv": "=nog =ska =kommer", "en": "=will =ll =gonna"},
        ),
        # "nähdään pian", "odota vaan", "tullaan käymään": a meeting promised as a menace
        (
            {"fi": "=nähdään =nähään =nähhään", "sv": "=ses", "en": "=see"},
            {
                "fi": "pian kohta parkki ulkona illalla kotona työpaikka piha",
                "sv": "snart utanför",
                "en": "=soon =outside",
            },
        ),
        ({"fi": "=odota =odottakaa"}, {"fi": "=vaan =vain"}),
        (
            {"fi": "=tullaan =tullaa =tulemme =tulen"},
            {"fi": "=käymään =hakemaan =etsimään"},
            {"fi": "virasto toimisto koti kotiovi työpaikka kirjasto koulu ovi"},
        ),
        # ...or a fight: "tullaan tappelemaan", "joku lupas tulla tappelemaan pihalle" (a fight in the
        # comments is an argument: "tappelin kommenteissa asukkaan kanssa")
        (
            {"fi": "=tullaan =tullaa =tulemme =tulen =tulee =tuloo =tullee =tulla =tulevat"},
            {"fi": "=tappelemaan =tappeleen =tappelemahan"},
        ),
        # ...someone fetched: "tulee hakemaan mut töistä" (not "tulee hakemaan kuvat toimistolta")
        (
            {"fi": "=tulee =tuloo =tullee =tulen =tullaan"},
            {"fi": "=hakemaan =etsimään =hakee =hakeen =ettimään"},
            {"fi": "=mut =minut =sut =sinut =hänet =meidät =teidät"},
        ),
        # "saatte vielä kärsiä", "rakennusvalvonnan tyypit saa kärsiä": suffering promised
        ({"fi": "=kärsiä =kärsimään"}, {"fi": "=saa =saatte =saat =saavat =tulee =tulette"}),
        # a cold grave: "pistää sen kylmään maahan"
        ({"fi": "=kylmään =kylymään"}, {"fi": "=maahan =multaan"}),
        # "iskän kannattais pysyä hiljaa": silence urged on someone, through their family
        (
            {"fi": "=kannattais =kannattaisi =kannattaa =kandee"},
            {"fi": "=pysyä =olla"},
            {"fi": "=hiljaa =hiljasena =hiljaisena"},
            {"fi": "=sun =sinun =teidän =iskän =isän =äidin =äiskän =hänen =sen =mamman =papan"},
        ),
        # a home address and a picture of the house, sent or posted by someone: "kirje jossa oli kotiosoite
        # ja kuva talosta" (not "postasin kuvan jossa näkyy mun kotiosoite": one's own post)
        (
            {"fi": "kotiosoite", "sv": "hemadress", "en": "=address"},
            {"fi": "kuva valokuva", "sv": "bild foto", "en": "=photo =picture"},
            {"fi": "talo koti asunto", "sv": "hus hem", "en": "=house =home"},
            {
                "fi": "kirje viesti =joku =jonkun =tyyppi =postissa =lähetti =lähettänyt =lähetetty",
                "sv": "brev meddelande =någon =skickade",
                "en": "=someone =somebody =letter =sent",
            },
        ),
        # a petrol can brought along: "tuo bensakanisterin mukana", "bring a jerrycan"
        (
            {
                "fi": "bensakanisteri kanisteri bensa bensiini",
                "sv": "bensindunk dunk bensin",
                "en": "petrol gasoline jerrycan",
            },
            {"fi": "tuoda =mukana =mukaan =mukanaan", "sv": "=med", "en": "=bring =bringing =brings"},
        ),
        # a name with a cross after it: "seinään oli spreijattu ohjaajan nimi ja risti perään"
        ({"fi": "risti"}, {"fi": "nimi"}, {"fi": "=perään =perässä =päälle =yli"}),
        # "näin sut taas kaupassa": being watched, again
        (
            {"fi": "=näin =nähny =nähnyt =näimme"},
            {"fi": "=sut =sinut =sua =teidät"},
            {"fi": "=taas =jälleen =uudestaan"},
        ),
        # "you'll regret this", "kommer att ångra", "saat vielä maksaa tästä": payback promised
        (
            {"fi": "katua", "sv": "ångra", "en": "regret"},
            {"fi": "vielä kyllä", "sv": "kommer ska", "en": "will ll gonna"},
        ),
        ({"fi": "maksaa"}, {"fi": "saada"}, {"fi": "vielä"}),
        # "saat vielä nähdä", "kaikki saa nähä huomenna": you'll see (not "saako kaikki nähdä julkaisun")
        ({"fi": "=nähdä =nähä =nähhä"}, {"fi": "=saa =saat =saatte"}, {"fi": "=vielä =kyllä =huomenna =pian =kohta"}),
        # arson: fire set to a building, a car or a home ("polttaa kirjaston", "burn down")
        (
            {"fi": "polttaa sytyttää syttyä tulipalo", "sv": "bränna tända eld brinna", "en": "burn torch fire"},
            {
                "fi": "talo rakennus kirjasto koulu päiväkoti virasto koti asunto auto toimisto halli tila",
                "sv": "hus byggnad bibliotek skola daghem hem bil kontor hall ner",
                "en": "house building library school office home car hall centre center down",
            },
        ),
        # burnt to ashes or to the ground: "palaa poroksi", "palakoon tuhkaksi", "burn to the ground"
        # (not "kirjasto palaa normaaliin": returning is no fire)
        (
            {
                "fi": "palaa polttaa palaminen =palaa =palais =palaisi =palakoon =paloi =palanut =palavan",
                "sv": "brinna bränna =brinner =brann",
                "en": "burn =burns =burned =burnt",
            },
            {
                "fi": "=poroksi =poroks =porokski =tuhkaksi =tuhkaks =tuhkana =karrelle",
                "sv": "=aska =grunden",
                "en": "=ground =ashes",
            },
        ),
        # stalking: following someone everywhere or home ("seuraa mua joka paikkaan")
        (
            {"fi": "seurata", "sv": "följa", "en": "follow"},
            {
                "fi": "kaikkialle kaikkialla kotiin perässä paikka",
                "sv": "överallt hem efter",
                "en": "everywhere home around",
            },
            {"fi": "minä sinä hän työntekijä kollega", "sv": "mig dig henne honom", "en": "me you her him"},
        ),
        # lying in wait: "odottaa mua parkkipaikalla", "väntar utanför", "waiting outside"
        (
            {"fi": "odottaa odotella", "sv": "vänta", "en": "wait waiting"},
            {
                "fi": "parkki piha ulkona ovi kotiovi portti",
                "sv": "parkering utanför dörr",
                "en": "parking outside door",
            },
            {"fi": "minä sinä hän työntekijä kollega", "sv": "mig dig henne honom", "en": "me you her him"},
        ),
        # ...after work, at home, by the car: "odottaa mua töiden jälkeen", "väntar på mig efter jobbet",
        # "waiting for me after my shift" (someone as the one waited for, as typed: not "odottaa vastausta")
        (
            {"fi": "odottaa odotella vaania väijyä", "sv": "vänta lurpassa", "en": "wait waiting lurk"},
            {
                "fi": "=jälkeen =kotona =kotiin =pihalla =autolla =kotimatkalla =ulkopuolella työvuoro vuoro",
                "sv": "=efter =hemma =hem =bilen =jobbet",
                "en": "=after =home =shift =car =outside",
            },
            {
                "fi": "=mua =minua =mut =sua =sinua =häntä =meitä =työntekijää =kollegaa",
                "sv": "=mig =dig =henne =honom =oss",
                "en": "=me =you =her =him =us",
            },
        ),
        # frightening or intimidating messages: "pelottavia viestejä", "skrämmande meddelanden", "scary DMs"
        # (the asker's own fear is not here: "pelottaa vähän postata", "I'm scared to post")
        (
            {
                "fi": "pelottava =pelotteleva =pelottelevia =pelottelevan =pelottelevaa =pelottelevista",
                "sv": "skrämmande",
                "en": "frightening scary intimidating",
            },
            {
                "fi": "viesti =viestiä kommentti dm yksityisviesti sähköposti soitto puhelu kirje",
                "sv": "meddelande kommentar mejl brev samtal",
                "en": "message =messages comment =comments dm =dms email letter call",
            },
        ),
        # someone intimidated: "jos työntekijää pelotellaan", "pelottelee mua", "skrämmer mig", "is scaring us"
        (
            {
                "fi": "=pelotellaan =pelotteli =pelottelee =pelottelevat =pelotellut =pelotelleet",
                "sv": "=skrämmer =skrämde =skrämd =skrämda",
                "en": "=scaring =intimidating =intimidated =intimidate",
            },
            {**PERSON, "fi": PERSON["fi"] + " =meitä =henkilökuntaa =työntekijöitä"},
        ),
        # a beating promised: "ska få stryk", "får stryk en mörk kväll"
        ({"sv": "=stryk"}, {"sv": "=få =får =fick =ska =ge =ger"}),
        # death wishes: "toivoi mulle kuolemaa", "önskar att jag dör", "wished me dead"
        (
            {
                "fi": "toivoa haluta toivottaa ansaita =toivottavasti =toivottavast =kunpa =kumpa =kunpas",
                "sv": "önska vilja förtjäna hoppas =förhoppningsvis",
                "en": "wish want hope deserve =hopefully",
            },
            {"fi": "kuolla kuolema kuollut", "sv": "dö död", "en": "die =dies =dying death"},
        ),
        # a bullet deserved: "ansaitsette luodin", "förtjänar en kula", "deserve a bullet" (not "I want
        # bullet points in the post")
        ({"fi": "ansaita", "sv": "förtjäna", "en": "deserve"}, {"fi": "luoti", "sv": "kula", "en": "=bullet =bullets"}),
        # "dead" wished on a person ("hope you're dead"), not on a link ("hope the link is not dead")
        (
            {"en": "wish want hope =hopefully"},
            {"en": "=dead"},
            {"en": "=you =he =she =they =him =her =them =ur =re"},
        ),
        # fearing for one's safety: "pelkään henkeni puolesta", "afraid for my life"
        (
            {"fi": "pelätä pelko", "sv": "=rädd ", "en": "=fear =afraid =scared"},
            {
                "fi": "=henkeni =hengen =hengestäni =turvallisuuteni =perheeni =lasteni",
                "sv": "=livet =liv =säkerhet",
                "en": "=life =safety",
            },
            {"fi": "=puolesta =takia =pelkään =pelkäämme", "sv": "=mitt =min =för", "en": "=my =for"},
        ),
        # "mene kuolemaan", "saisit kuolla", "voisit kuolla": told or allowed to die
        ({"fi": "=mene =menkää =menisit =painu =painukaa =menisitte"}, {"fi": "=kuolemaan =kuoleen =kuolee"}),
        (
            {"fi": "=voisit =saisit =voit =saat =pitäis =pitäisi =kannattais =kannattaisi =voisitte =saisitte"},
            {"fi": "=kuolla =kuolla"},
        ),
        ({"sv": "skjuta"}, PERSON),
        # ...or dying addressed to someone: "sun pitäis kuolla", "du ska dö", "you should die"
        (
            {"fi": "kuolla", "sv": "dö =dör", "en": "die =dies"},
            {"fi": "=sinä =sä =sun =sinun =te =teidän", "sv": "=du =ni", "en": "=you"},
        ),
        # fire or explosives set to a place: "tuikkaan tuleen", "pistää palamaan", "blow up the town hall"
        (
            {"fi": "=tuleen =palamaan =liekkeihin =ilmaan =taivaan"},
            {
                "fi": "talo rakennus kirjasto koulu päiväkoti virasto koti asunto auto toimisto halli kirkko "
                "asema museo teatteri tila =tuuliin =tuuleen",
            },
        ),
        # payback: "saat mitä ansaitset", "får vad han förtjänar", "get what's coming", "göra upp med dig"
        ({"fi": "ansaita", "sv": "förtjäna", "en": "deserve"}, {"fi": "saada", "sv": "få =får", "en": "=get =gets"}),
        ({"en": "=coming"}, {"en": "=get =gets =getting =got"}, {"en": "=what"}),
        (
            {"sv": "göra =gör"},
            {"sv": "=upp"},
            {"sv": "=med"},
            {"sv": "=dig =er =honom =henne =mig =oss =dem =dej =mej"},
        ),
        ({"en": "pay"}, {"en": "=for"}, {"en": "=this =that =it"}, {"en": "=ll =will =gonna =going"}),
        ({"en": "settle"}, {"en": "=score =scores"}),
        (
            {"fi": "tili"},
            {"fi": "=selviksi =selväksi =selvitetään =selvittää"},
            {"fi": "=kanssasi =sinun =sun =teidän"},
        ),
        # a warning: "pidä varasi", "varo vaan", "akta dig", "you better watch out"
        ({"fi": "=pidä =pidäpä =pidäppä =pitäkää =pidäkin"}, {"fi": "=varasi =varas =varanne =varaasi"}),
        ({"fi": "=varo =varokaa =varopa =varoppa"}, {"fi": "=vaan =vain =sinä =sä =te =nyt"}),
        ({"sv": "akta =se"}, {"sv": "=dig =er =upp"}, {"sv": "=dig =er"}),
        ({"en": "=better"}, {"en": "=watch =careful"}),
        # being there: someone standing, waiting or filming at one's home ("joku seisoo mun pihalla")
        (
            {
                "fi": "seistä seisoskella notkua päivystää kytätä pyöriä kuvata odottaa odotella =seisoo =seisoi "
                "=seisovat =kuvaa =kuvasi =kuvaavat =seissy =seissyt =seisonut =seisonu =seisoskellut "
                "=notkunut =notkunu",
                "sv": "stå filma fotografera vänta",
                "en": "stand standing stood film filming photograph photographing hang waiting",
            },
            {
                "fi": "piha ovi kotiovi ikkuna koti talo asunto rappu porraskäytävä",
                "sv": "hus dörr fönster gård hem",
                "en": "house door window yard home driveway",
            },
            {
                "fi": "=mun =minun =meitä =meidän =meiän =meijän",
                "sv": "=min =mitt =mina =oss =vår =vårt",
                "en": "=my =us =our",
            },
            {
                "fi": "=joku =jonkun =tyyppi =mies =nainen =asiakas =kommentoija =sama =se",
                "sv": "=någon =en =man =kvinna",
                "en": "=someone =somebody =guy =man =woman =person",
            },
        ),
        # ...or at one's own: "kirjoitti mun osoitteen ja käski mennä käymään", "la ut min adress ... hälsa på"
        (
            {
                "fi": "=käykää =menkää =mennään =käydään =käymään =vierailemaan =kylään",
                "sv": "=besök =besöka =hälsa =knacka",
            },
            {"fi": "osoite kotiosoite kotiovi =kotona =kotiin", "sv": "adress hemadress"},
            {
                "fi": "=mun =minun =hänen =heidän =kollegan =työntekijän",
                "sv": "=min =mitt =hans =hennes =deras",
                "en": "=my =his =her =their",
            },
        ),
        # a visit urged at someone's home: "käydään sen kotona", "pay him a visit", "hälsa på honom"
        (
            {
                "fi": "=käykää =menkää =mennään =käydään =käymään =vierailemaan",
                "sv": "=besök =besöka =hälsa =knacka",
                "en": "=visit =visiting =pay",
            },
            {"fi": "=hänen =sen =sitä =häntä =heidän", "sv": "=honom =henne =dem", "en": "=him =her =them"},
            {"fi": "osoite kotiosoite koti asua ovi", "sv": "adress hem bo dörr", "en": "=visit =home =address =house"},
        ),
        # a place blowing up, said of what is to come: "kirjasto räjähtää perjantaina", "koulu lentää
        # ilmaan" (not "postaus räjähti käsiin": what already happened to a post is a storm)
        (
            {"fi": "=räjähtää =räjähtäis =räjähtäisi =räjähtävät =räjähtämään =räjähtäkööt"},
            # ...the place itself, as typed ("kirjaston insta räjähtää" is a post going viral)
            {
                "fi": "=talo =rakennus =kirjasto =koulu =päiväkoti =virasto =toimisto =halli =kirkko =asema =museo "
                "=teatteri =kaupungintalo =valtuustotalo =uimahalli =nuorisotila =nuorisotalo =terveyskeskus",
            },
        ),
        # harm promised to whoever it hits: "kohta sattuu jollekin", "nyt käy jollekin huonosti"
        (
            {"fi": "=sattuu =sattuis =sattuisi =käy =kävis =kävisi"},
            {"fi": "=jollekin =jolleki =jollekkin =jollekulle =kenellekään =jonkun =sulle =sinulle =teille =hänelle"},
            {"fi": "=kohta =pian =vielä =huonosti"},
        ),
        # run over, wished: "toivottavasti jäät rekan alle", "hope you get hit by a bus"
        (
            {"fi": "toivoa =toivottavasti =toivottavast =kunpa", "en": "hope =hopefully wish"},
            {"fi": "=alle", "en": "=hit =run"},
            {"fi": "=jäät =jäisit =jäätte =jää =jäis =jäisi", "en": "=bus =truck =car =train =over"},
        ),
        # not coming home alive: "du kommer int hem levande", "et pääse hengissä", "won't see christmas"
        ({"sv": "=levande"}, {"sv": "=inte =int =aldrig"}),
        ({"fi": "=hengissä =elävänä =hengisä"}, {"fi": "=et =ette =ei =eivät"}),
        ({"en": "=won"}, {"en": "=see"}, {"en": "=christmas =tomorrow =summer =spring =morning =monday =friday"}),
        # asking where someone lives or when their shift ends: "kyselee missä mää asun"
        ({"fi": "kysellä kysyä =kyselee =kyseli"}, {"fi": "asua =asun =asut =asuu"}, {"fi": "=missä =mis"}),
        # "kiva talo sulla", "nice house you've got": admiration as a menace
        (
            {"fi": "=kiva =hieno =nätti =söpö", "en": "=nice =lovely =pretty"},
            {"fi": "talo koti auto asunto", "en": "=house =home =car"},
            {"fi": "=sulla =teillä =sinulla =teil =sul", "en": "=you've =youve =got"},
        ),
        # "seuraavaks sä", "you're next": a name on a list
        # (spoken, as scrawled: not "seuraavaksi sinä voit julkaista")
        ({"fi": "=seuraavaks =seuraavana"}, {"fi": "=sä =sää =sie"}),
        ({"en": "=you =youre"}, {"en": "=re =youre"}, {"en": "=next"}),
        # "he will come to my work and finish this" (not "can we finish this post when we come back")
        (
            {"en": "=finish =end"},
            {"en": "=this =you =it =him =her =them"},
            {"en": "=come =coming =comes"},
            {"en": "=will =ll =gonna"},
            {"en": "=work =office =home =library =school =house =pool"},
        ),
        # "kato ettei sun autolle käy mitään", "pidä huoli ettei lapsille satu mitään": a veiled menace
        (
            {"fi": "=ettei =ettet =ettette =ettei"},
            {"fi": "=käy =satu =sattuis =kävis"},
            {"fi": "=mitään =mittään =mitää"},
        ),
        # "ensi kerralla ei jää sanoihin", "it won't stay words": more than words promised
        ({"fi": "=jää =jäädä =jäisi =jäis"}, {"fi": "=sanoihin =sanoiks =sanoiksi =puheisiin =puheiksi"}),
        # walking home alone dared: "kauanko se uskaltaa kävellä yksin kotiin", "dare to walk home alone"
        (
            {"fi": "uskaltaa", "sv": "våga =vågar", "en": "dare =dares"},
            {"fi": "=yksin =kotiin =pimeällä", "sv": "=ensam =hem", "en": "=alone =home"},
        ),
        # someone's own not safe: "teidän pikku enkelit ei oo turvassa", "your kids are not safe"
        # (not "eivät lasten kuvat ole turvassa somessa": whose, said to whom)
        (
            {"fi": "=turvassa", "sv": "=säkra =säker =trygga =trygg", "en": "=safe"},
            {"fi": "=ei =eivät =eikä", "sv": "=inte =int", "en": "=not =isn't =aren't =won't"},
            {"fi": "=teidän =sun =sinun =teiän =teijän", "sv": "=din =dina =era =ert", "en": "=your"},
        ),
        # a rope and a tree: hanging wished on someone ("pitäis hankkia köysi ja sopiva puu")
        (
            {"fi": "köysi hirttoköysi", "sv": "rep", "en": "rope"},
            {"fi": "puu oksa lyhtypylväs", "sv": "träd gren lyktstolpe", "en": "tree branch lamppost"},
        ),
        # doxxing, of oneself or a colleague: "mun kotiosoite julkaistiin", "posted my home address"
        (
            {"fi": "kotiosoite puhelinnumero henkilötunnus", "sv": "adress hemadress personnummer", "en": "address"},
            PUT_ONLINE,
            {
                "fi": "minä minun meidän työntekijä kollega työkaveri hän",
                "sv": "min mitt vår kollega anställd",
                "en": "my our his her employee colleague staff",
            },
        ),
        # stalking: someone's home and the times they keep, put online ("kotitalon ilmakuva ja kellonajat
        # milloin se lähtee töihin laitettiin X:ään"; not "kaupungintalon remontin aikataulu julkaistiin")
        (
            {
                "fi": "kotiosoite kotitalo kotiovi =koti =kodin =kotia =kotona =kotiin =kotoa",
                "sv": "hemadress =hem =hemma =huset",
                "en": "=home =house",
            },
            {
                "fi": "kellonaika aikataulu rutiini =kellonajat =liikkeet =menemiset",
                "sv": "tider tidtabell schema rutiner",
                "en": "schedule routine routines =times =movements",
            },
            PUT_ONLINE,
        ),
        # doxxing too: one's home or children put out by someone, somewhere: "joku julkaisi mun kotiosoitteen ja
        # kuvan talosta telegramissa", "någon har lagt ut bilder på mina barn på ett forum"
        # (not "saanko julkaista kuvan lapsistani": the asker's own post, nobody else's)
        (
            {
                "fi": "kotiosoite osoite koti talo asunto lapsi perhe puhelinnumero",
                "sv": "hemadress adress hem hus barn familj",
                "en": "address home house kid kids child children family",
            },
            {
                "fi": "julkaista julkaisu levittää jakaa postata laittaa vuotaa paljastaa =jaettu =jaettiin =levitetty "
                "=levitettiin =julkaistu =julkaistiin",
                "sv": "lägga publicera sprida dela posta",
                "en": "post posted publish share leak spread",
            },
            {"fi": "=mun =minun =mulla", "sv": "=min =mitt =mina", "en": "=my"},
            {
                "fi": "=joku =jonkun =jotkut =joku =tyyppi =kaveri telegram ryhmä foorumi palsta keskustelupalsta "
                "=jossain =nettiin",
                "sv": "=någon =några forum grupp =nätet telegram",
                "en": "=someone =somebody =guy =they forum group telegram chat reddit",
            },
        ),
        # a vehicle driven at people: "ajaa autolla porukkaan", "ajaa kuskin päälle", "kör in i folkmassan"
        # (not "ajaa autolla torille": a place is no one to run over)
        (
            {"fi": "ajaa ajella", "sv": "köra", "en": "drive ram =run"},
            {
                "fi": "=porukkaan =väkijoukkoon =ihmisjoukkoon =ihmisiin =yleisöön =jonoon =päälle",
                "sv": "=folkmassan =folkmassa =människor",
                "en": "=crowd =crowds =pedestrians",
            },
        ),
        # lined up against a wall, to be shot: "pitäis laittaa jonoon seinää vasten", "line them up against
        # the wall" (not "laitetaan juliste seinää vasten"; Swedish "ställa mot väggen" is to press
        # someone for answers)
        (
            {"fi": "=seinää", "en": "=wall"},
            {"fi": "=vasten", "en": "=against"},
            # ...or wished to be ("pitäis laittaa seinää vasten")
            {"fi": "=jonoon =riviin =rivissä =jonossa =pitäis =pitäisi =kuuluis =kuuluisi", "en": "=line =lined"},
        ),
        # a visit promised with a bat or an axe: "suunnitellaan käyntiä toimistolle pesäpallomailojen kanssa"
        # (not "kävin ostamassa uudet mailat": a visit as typed, not any going)
        (
            # (not in English "bat": a bat is also an animal)
            {
                "fi": "pesäpallomaila maila kirves sorkkarauta rautakanki nyrkkirauta",
                "sv": "basebollträ slagträ yxa kofot",
                "en": "axe crowbar",
            },
            {"fi": "=käyntiä =käynnille =käymään =visiitille =vierailulle", "sv": "=besök =hälsa", "en": "=visit"},
        ),
        # "perheesi saa kuulla sinusta pian": you, talked of to your family (not "saatte kuulla tuloksista")
        ({"fi": "=kuulla =kuulemaan =kuulee"}, {"fi": "=saa =saat =saatte =saavat"}, {"fi": "=sinusta =susta =teistä"}),
        # a death notice or a gravestone with someone's name: "mun nimellä tehty kuolinilmoitus",
        # "dödsannons med mitt namn", "a gravestone with her name on it"
        (
            {
                "fi": "kuolinilmoitus hautakivi muistokirjoitus",
                "sv": "dödsannons gravsten minnesord",
                "en": "obituary gravestone tombstone headstone",
            },
            # ...made in it, or someone's ("nimellä", "med mitt namn"; not "hautakiven nimi on väärin")
            {
                "fi": "=nimellä =nimelläni =nimellään =nimelläsi =nimeni =nimesi =nimensä",
                "sv": "=mitt =ditt =hennes =hans",
                "en": "=my =your =her =his",
            },
        ),
    ],
    CONTROVERSY: [
        # the media calling: "toimittaja soitti", "iltalehti kysyy kommenttia", "a reporter is asking"
        # ("media" alone is not here: "sosiaalinen media" is in every other question)
        (
            MEDIA,
            {
                # a comment asked for ("pyysi kommenttia"), not one written ("kirjotin lehden juttuun kommentin")
                "fi": "soittaa kysyä kysellä haastatella uutisoida pyytää =kommenttia =kommentteja sähköposti",
                "sv": "ringa fråga kontakta kommentar",
                "en": "call ask contact comment statement",
            },
        ),
        # ...or its story about us (not "voiko lehden juttua jakaa meidän sivulla": sharing news is no storm)
        (
            MEDIA,
            {"fi": "juttu artikkeli", "sv": "artikel reportage", "en": "story article"},
            {"fi": "=meistä", "sv": "=oss", "en": "=us"},
        ),
        # "media soitti", "the media is calling" (not "media" asking: "kysyn sosiaalisesta mediasta")
        (
            {"fi": "media", "sv": "media medierna", "en": "media"},
            {"fi": "soittaa uutisoida", "sv": "ringa", "en": "call calling"},
        ),
        # a paper writing about us: "lehti kirjoittaa meistä", "the paper is writing about our tweet"
        # (in English, not "press" or "tv": "can I write a press release for our page")
        (
            {**MEDIA, "en": "newspaper paper journalist reporter"},
            {"fi": "kirjoittaa", "sv": "skriva", "en": "write writing"},
            {"fi": "=meistä =meidän =meiän =meijän =meitä", "sv": "=oss =vår =vårt =våra", "en": "=us =our"},
        ),
        # a storm or a din of comments, not of weather or a ventilation unit: "kommenttimyrsky",
        # "storm i kommentarerna", "somessa on kova meteli"
        (
            {"fi": "myrsky meteli hälinä haloo kohina", "sv": "storm", "en": "storm"},
            {
                "fi": "kommentti kommentoida kommentoija palaute kritiikki viha some =sivulla =sivullamme "
                "=sivuilla =tilillä =tilillämme =seinällä",
                "sv": "kommentar kritik hat sociala",
                "en": "comment criticism hate social",
            },
        ),
        # followers set on us: "sen seuraajat hyökkää meiän tilille", "her followers are attacking us"
        (
            {
                "fi": "seuraaja =seuraajat =seuraajansa fani =fanit =faneja =faninsa",
                "sv": "följare =följarna =fans =fansen",
                "en": "=followers =fans",
            },
            {
                "fi": "hyökätä rynnätä vyöryä haukkua lytätä mollata spämmätä rynniä =hyökkää =hyökkäävät =hyökkäs "
                "=haukkumassa =spämmää =spammaa =rynnii",
                "sv": "attackera =angriper =attackerar =vällde =sågar =hånar",
                "en": "attack =attacking =swarming =flood =floods =flooding =brigading =trashing =bashing =mocking",
            },
        ),
        # a meme of ours everyone shares: "alla delar memen" (not "får vi dela en meme")
        ({"sv": "meme =memes =memen =memet"}, {"sv": "dela =delar =delas =sprids"}, {"sv": "=alla =överallt =hela"}),
        # a flood of comments: "kommentteja tulee satoja", "600 vihaista kommenttia", "3000 nimeä"
        # ("viestiä" as typed: the lexicon reads it as the verb "to communicate", not the partitive)
        (
            MANY,
            {
                "fi": "kommentti viesti =viestiä jako reaktio nimi allekirjoitus katselu näyttökerta",
                "sv": "kommentar meddelande svar visning",
                "en": "comment message share reply replies response =views",
            },
        ),
        # "paljon vihaisia kommentteja": many, and angry (many comments alone may be good news)
        (
            {"fi": "paljon valtavasti", "sv": "massor mängder", "en": "lots many tons"},
            {"fi": "vihainen raivoisa kiukkuinen", "sv": "arg ilsken", "en": "angry furious hateful"},
            {"fi": "kommentti viesti =viestiä", "sv": "kommentar meddelande", "en": "comment message reply replies"},
        ),
        (
            {"fi": "tulva tulvia vyöry vyöryä sataa ryöppy", "sv": "flod forsa strömma", "en": "flood pour pouring"},
            {
                "fi": "kommentti viesti =viestiä palaute",
                "sv": "kommentar meddelande",
                "en": "comment message reply replies",
            },
        ),
        # out of hand: "räjähti käsiin", "lähti käsistä", "blew up", "meni ihan överiksi"
        (
            {"fi": "räjähtää lähteä karata riistäytyä paisua mennä levitä"},
            {"fi": "käsi =käsiin =käsistä"},
        ),
        ({"en": "blow =blew"}, {"en": "=up"}, {"en": "post tweet comment page video story our"}),
        # the comments exploding: "kommenttikenttä räjähti", "the comments exploded"
        (
            {"fi": "räjähtää", "sv": "=exploderade =exploderat =exploderar", "en": "=exploded =exploding =explode"},
            {
                "fi": "kommentti kommenttikenttä kommentointi palaute some =kommenttiosio",
                "sv": "kommentar =kommentarerna =kommentarsfältet",
                "en": "comment =comments =mentions =replies",
            },
        ),
        # a fuss: "iso haloo", "hirveä meteli", "nosti metelin" (not "haloo" on the phone)
        (
            {"fi": "haloo meteli hälinä häly hässäkkä kuohunta rähinä"},
            {"fi": "iso nousta nostaa syntyä alkaa =alko =alkoi hirveä kauhea valtava"},
        ),
        # spreading everywhere: "leviää joka paikkaan", "it's all over the local groups"
        (
            # what happened, not what is wished for ("miten saan julkaisun leviämään kaikkialle")
            {"fi": "=levisi =levis =leviää =levinnyt =levinny =leviämässä", "sv": "spridas", "en": "spread"},
            {
                "fi": "kaikkialle kaikkialla =paikkaan =paikassa =puolella =puolelle ryhmä =koko =nettiin",
                "sv": "överallt",
                "en": "everywhere",
            },
        ),
        # what is ours is everywhere now: "kuvakaappauksia joka puolella", "memes everywhere",
        # "skärmdumpar överallt", "now it's everywhere" (not "how do we get our posts everywhere")
        (
            {
                "fi": "meemi kuvakaappaus =nyt =levisi =levis =leviää =levinnyt =levinny =leviämässä =kiertää",
                "sv": "meme skärmdump =nu =sprids =spreds =spridits",
                "en": "meme memes screenshot screenshots =now =spreading",
            },
            {
                "fi": "kaikkialla =joka",
                "sv": "=överallt",
                "en": "=everywhere",
            },
            {
                "fi": "kaikkialla =paikassa =puolella =puolelle =paikkaan =mediassa",
                "sv": "=överallt",
                "en": "=everywhere",
            },
        ),
        ({"en": "=all"}, {"en": "=over"}, {"en": "group groups facebook internet town news twitter"}),
        # a pile-on or ridicule by many: "kaikki haukkuu", "folk hånar oss"
        (RIDICULE, {"fi": "kaikki ihmiset porukka =täyteen", "sv": "alla folk", "en": "everyone people"}),
        # ...or at us: "meitä lytätään", "koko kylä nauraa meille" (not when one person does it, see
        # `Recognizer.one_scorns`)
        RIDICULE_AT_US,
        # people angered, in our post or page: "suututti kesäasukkaat, jotka kirjoittaa meidän postaukseen"
        # (not the asker's own annoyance: "mua suututtaa", "saako päivittäjä suuttua takaisin")
        (
            {"fi": "=suututti =suututtanut =suututtaneet =suututtivat =suuttuivat =suuttuneet =suuttuneita"},
            {
                "fi": "postaus julkaisu päivitys kommentti kommentoida some sivu tili =kommenteissa =kommentteihin "
                "=postaukseen =postauksen =päivitykseen =sivulle =sivulla =somessa",
            },
        ),
        # what we posted trending, or a petition against it
        (
            {
                "fi": "trendata adressi vetoomus nimienkeruu",
                "sv": "trenda namninsamling upprop",
                "en": "trending petition",
            },
            {"fi": "me meidän meitä meille", "sv": "oss vår vårt vi", "en": "us our we"},
            {
                "fi": "julkaisu postaus päivitys kirjoitus video kuva some",
                "sv": "inlägg post video bild",
                "en": "post video picture tweet",
            },
        ),
        # a petition against something of ours, or raised and spread: "adressi meidän logoa vastaan",
        # "keräävät adressia ja spämmää sitä meidän postauksiin"
        (
            {"fi": "adressi vetoomus nimienkeruu", "sv": "namninsamling upprop", "en": "petition"},
            {
                "fi": "kerätä spämmätä levittää =vastaan =allekirjoittanut =allekirjoittaneet",
                "sv": "samla =mot =spammar",
                "en": "=against =started =signed =spamming",
            },
            {
                "fi": "=me =meidän =meiän =meijän =meitä =meille =kaupungin",
                "sv": "=oss =vår =vårt =våra",
                "en": "=us =our",
            },
        ),
        # a quarrel that spreads: "riita leviää meidän sivulle", "bråket sprider sig till våra kanaler"
        (
            {
                "fi": "riita kiista vääntö raivo",
                "sv": "bråk gräl",
                "en": "row quarrel uproar fight",
            },
            {
                "fi": "levitä levittää =leviää =levisi =levis =levinnyt =levinny",
                "sv": "sprida =sprider =spred =spridit",
                "en": "spread =spreading =spreads",
            },
        ),
        # baited into a fight: "kommentoija yrittää vetää mua riitaan", "a troll keeps provoking me"
        (
            {
                "fi": "riita riidellä kinata provosoida provosoitua provo yllyttää lietsoa",
                "sv": "bråk bråka gräl gräla provocera",
                "en": "fight argument provoke provoking bait baiting",
            },
            {
                "fi": "kommentoija trolli kommentti kommentoida =mua =minua =mut =meitä",
                "sv": "kommentator troll kommentar =mig =oss",
                "en": "commenter troll comment =me =us",
            },
        ),
        # a politician (or anyone public) sharing our post and slamming it: "valtuutettu jakoi meidän
        # päivityksen ja lyttäsi sen", "a local politician shared our post and slammed it" (a share
        # alone is good news, criticism alone is feedback)
        (
            {
                "fi": "valtuutettu poliitikko kansanedustaja luottamushenkilö kunnanvaltuutettu vaikuttaja "
                "julkkis kuntapoliitikko",
                "sv": "politiker ledamot fullmäktigeledamot influencer kändis",
                "en": "politician councillor councilor influencer celebrity =mp",
            },
            {
                "fi": "jakaa =jakoi =jakanut =jakoivat =jakaa =jakaneet =uudelleenjakoi",
                "sv": "dela =delade =delat",
                "en": "share =shared =reposted =retweeted =quoted",
            },
            {
                "fi": "lytätä haukkua tyrmätä kritisoida mollata arvostella teilata pilkata ivata nälviä "
                "=lyttäsi =lyttäs =haukkui =tyrmäsi =teilasi =pilkkasi",
                "sv": "såga =sågade kritisera =kritiserade håna =hånade",
                "en": "slam =slammed =slamming trash =trashed bash =bashed criticise criticize =criticised "
                "=criticized mock =mocked =ridiculed attack =attacked",
            },
        ),
        # chaos in the comments: "kommenttikenttä on ihan kaaos", "kaos i kommentarerna",
        # "the replies are a mess"
        (
            {"fi": "kaaos sekasorto kaaottinen", "sv": "kaos kaotisk", "en": "chaos chaotic =mess =warzone"},
            {
                "fi": "kommentti kommenttikenttä kommentointi vastaus =kommenttiosio keskustelu",
                "sv": "kommentar =kommentarerna =kommentarsfältet svar =svaren",
                "en": "comment =comments =replies =reply =mentions",
            },
        ),
        # a group founded against us: "perusti fb-ryhmän meidän kaavaa vastaan", "started a group against"
        (
            {"fi": "ryhmä facebookryhmä", "sv": "grupp", "en": "group"},
            {"fi": "perustaa", "sv": "starta grunda =startade", "en": "=started =set =created"},
            {"fi": "=vastaan =vastustamaan", "sv": "=mot", "en": "=against"},
        ),
        # people screenshotting what we posted: "now people screenshot it"
        (
            {"en": "=screenshot =screenshotting =screenshotted =screenshots"},
            {"en": "=people =everyone =they"},
            {"en": "=now =it"},
        ),
        # screenshots going round
        (
            {"fi": "kuvakaappaus", "sv": "skärmdump", "en": "screenshot"},
            {"fi": "levitä kiertää", "sv": "sprida spridas cirkulera", "en": "spread spreading circulate"},
        ),
        # what we posted, shared on by others: "kuvakaappaus meidän vastauksesta on jaettu ryhmiin"
        (
            {
                "fi": "kuvakaappaus julkaisu postaus päivitys vastaus kommentti video",
                "sv": "skärmdump inlägg svar kommentar video",
                "en": "screenshot screenshots post reply tweet comment video",
            },
            {
                "fi": "=jaettu =jaettiin =jakavat =jakaneet =jakanut =jakoi =jakoivat =kiertävät =levitetään "
                "=levitettiin =levittävät =levittänyt",
                "sv": "=delas =delats =delades =sprids =spreds =spridits =cirkulerar",
                "en": "=shared =circulating =spreading =reposted",
            },
            {
                "fi": "ryhmä facebookryhmä kaikkialla =ryhmissä =ryhmiin =nettiin =puskaradio",
                "sv": "grupp =grupper =grupperna =överallt",
                "en": "group =groups =everywhere",
            },
        ),
        # screenshots being passed round now: "siitä otetaan kuvakaappauksia ja jaetaan joka ryhmässä"
        # (not "miten julkaisuja jaetaan ryhmissä": a how-to has no screenshots, and no "now")
        (
            {"fi": "kuvakaappaus =kuvakaappauksia =screenshotteja =skriinejä"},
            {"fi": "=jaetaan =jaellaan =levitetään =levitellään =kierrätetään"},
            {"fi": "=nyt =joka =kaikissa =kaikkialla =kaikkialle =ympäriinsä"},
        ),
        # ...in every group: "kuvakaappauksia kaikissa ryhmissä", "screenshots in all the groups"
        (
            {
                "fi": "kuvakaappaus meemi",
                "sv": "skärmdump =skärmdumpar meme",
                "en": "screenshot =screenshots meme =memes",
            },
            {"fi": "=kaikissa =kaikkiin =monissa =useissa =joka", "sv": "=alla =flera", "en": "=all =every"},
            {"fi": "ryhmä =ryhmissä =ryhmiin", "sv": "grupp =grupper =grupperna", "en": "group =groups"},
            {"fi": "=meidän =meiän =meijän =mun =minun =meistä", "sv": "=vårt =vår =mitt =min =våra", "en": "=our =my"},
        ),
        # snowballing and escalating: "lähti lumipalloefektinä", "eskaloitui", "spårade ur", "escalated"
        ({"en": "snowball =snowballed =snowballing", "fi": "lumipalloefekti"},),
        ({"fi": "lumipallo"}, {"fi": "lähteä pyöriä kasvaa vieriä paisua =liikkeelle"}),
        # a thing swelling: "koko juttu paisui", "keskustelu paisui" (not "seuraajamäärä paisui")
        ({"fi": "paisua"}, {"fi": "=juttu =asia =keskustelu =kommentointi =riita =kohu =ketju =soppa"}),
        (
            {
                "fi": "eskaloitua kärjistyä =eskaloitui =kärjistyi =eskaloitunut =kärjistynyt",
                "sv": "=eskalerade =eskalerat =spårade =spårat",
                "en": "=escalated =escalating =spiraled =spiralled =spiralling =spiraling",
            },
            {
                "fi": "keskustelu kommentti ketju kommentointi tilanne kohu julkaisu =täysin =pahasti",
                "sv": "diskussion kommentar tråd =helt =ur",
                "en": "discussion comment comments thread situation post",
            },
        ),
        # many people angry at what is ours: "ihmiset on raivoissaan meidän postauksesta"
        (
            {
                "fi": "vihainen suuttua raivostua kiukustua vihastua tuohtua suuttunut =tulisena =tulisina =tulisia",
                "sv": "arg förbannad upprörd ursinnig galen =galna",
                "en": "angry mad furious upset livid",
            },
            {
                "fi": "=meidän =meiän =meijän =mun =minun julkaisu vastaus postaus päivitys tiedote =meihin =meille",
                "sv": "=vår =vårt =mitt =min inlägg svar =oss =postade =postat",
                "en": "=our =my post reply tweet =us",
            },
            {
                "fi": "ihminen porukka =kaikki =asukkaat =kuntalaiset =monet =moni",
                "sv": "folk =alla =många =halva =hela",
                "en": "people everyone =many",
            },
        ),
    ],
}
# The imperative of dying is a death wish on its own ("kuole", "dö", "go die").
DEATH_WISH_FORMS = frozenset("kuole kuolkaa kuolkoon kuolisit kuolisitte dö die".split())
# "uhka" as a risk, not a threat to a person: "tietoturvauhka" is no situation, nor gambling ("uhkapeli")
RISK_MODIFIERS = frozenset("tietoturva kyber virus haittaohjelma tietosuoja terveys ilmasto peli".split())
_RISK_WORDS = frozenset({"uhka"})
STORM = frozenset({"myrsky", "storm"})
# Known to the lexicon, so that they are not read by stem as a situation word: giving an interview
# ("antaa haastattelu") is no media storm, though "toimittaja haluaa haastatella meistä" may be.
# ...a list is no "listiä" (to kill), clearing fallen trees ("puut raivataan") no rage ("raivota")
KNOWN_ONLY = frozenset({"haastattelu", "lista", "raivata", "raivaus"})
# ...and in English: a "killer app" is no killing
KNOWN_ONLY_EN = frozenset({"killer"})


# --- Finnish verb forms the dictionary lacks -----------------------------------
#
# simplemma's dictionary holds some forms of a verb, not all: "polttavansa", "tappavat",
# "kuolet" are missing. Every situation verb's personal, conditional, imperative,
# passive, participle and infinitive forms are generated from its two stems here
# (strong "poltta-", weak "polta-"), so that any inflection maps back to the verb.

_GRADE = (("tt", "t"), ("pp", "p"), ("kk", "k"), ("nt", "nn"), ("mp", "mm"), ("lt", "ll"), ("rt", "rr"))
_BACK = set("aou")


def _harmony(word: str, ending: str) -> str:
    return ending if _BACK & set(word) else ending.translate(str.maketrans("aou", "äöy"))


def _strong(body: str) -> str:
    """The strong grade of a type-4 verb's body: "kytä" (kytätä) -> "kyttä", "haka" -> "hakka"."""
    if len(body) > 2 and body[-2] in "kpt" and body[-3] in _VOWELS_FI:
        return body[:-1] + body[-2] + body[-1]
    return body


_VOWELS_FI = "aeiouyäö"


def _weak(stem: str) -> str:
    """The weak grade of a verb stem: "poltta" -> "polta", "ampu" -> "ammu", "satutta" -> "satuta"."""
    body, vowel = stem[:-1], stem[-1]
    for strong, weak in _GRADE:
        if body.endswith(strong):
            return body[: -len(strong)] + weak + vowel
    return stem


# after the strong stem ("poltta|vansa"), after the weak one ("polta|n"), after the root ("polt|ettiin")
_STRONG_ENDINGS = (  # not the bare participle: "polttava kysymys" is an adjective's
    "vat vansa vamme vanne maan massa masta malla matta maton mansa kaa koon kaamme "
    "isi isin isit isimme isitte isivat is isiin".split()
)
_WEAK_ENDINGS = "n t mme tte".split()
_WEAK_ROOT_ENDINGS = "etaan ettiin ettu ettava ettaisiin ettiin ettuna etaa".split()
_PAST = "i in it imme itte ivat".split()
# second person: a verb addressed to "you" ("kuolet", "kuolisit", "kuolkaa")
_YOU_ENDINGS = frozenset({"t", "tte", "isit", "isitte", "kaa"})


def verb_forms(lemma: str) -> dict[str, bool]:
    """Generated forms of a Finnish verb -> whether the form addresses "you"."""
    out: dict[str, bool] = {}

    def add(form: str, you: bool = False) -> None:
        out[form] = out.get(form, False) or you

    h = lambda e: _harmony(lemma, e)  # noqa: E731
    if re.search(r"(?:ll|rr|nn|st)[aä]$", lemma):  # kuolla, purra, nousta: e-stem and consonant root
        root, stem = lemma[:-2], lemma[:-2] + "e"
        for e in [*_STRONG_ENDINGS, *_WEAK_ENDINGS, "e"]:
            e = h(e)
            add((root + e) if e.startswith("i") else (stem + e), e in _YOU_ENDINGS)
        for e in ("kaa", "koon", "kaamme"):
            add(root + h(e), e == "kaa")
        add(lemma + h("an"))  # the passive "kuollaan"
        for e in ("ut", "eet", "utta", "ee"):
            add(root + ("s" if lemma.endswith(("sta", "stä")) else lemma[-2]) + h(e))
        for e in _PAST:
            add(root + h(e), e in ("it", "itte"))
        add(stem, True)  # the imperative "kuole"
    elif re.search(r"[aeiouyäö]t[aä]$", lemma):  # murhata, hakata, kytätä, vainota: strong stem + a
        body = lemma[:-2]
        strong = _strong(body)
        stem = strong + h("a")
        long = stem[-1] == stem[-2]  # "murhaa" is its own 3rd person; "vainoa|a" is not
        for e in ("n", "t", "mme", "tte", "vat", "vansa", "vamme", "vanne", "maan", "massa", "malla", "matta"):
            add(stem + h(e), e in _YOU_ENDINGS)
        add(stem if long else stem + stem[-1])
        for e in ("si", "sin", "sit", "simme", "sitte", "sivat"):  # the past "murhasi"
            add(strong + h(e), e in ("sit", "sitte"))
        for e in ("isi", "isin", "isit", "isimme", "isitte", "isivat", "is"):  # the conditional "murhaisi"
            add((strong if long else stem) + h(e), e in ("isit", "isitte"))
        for e in ("an", "kaa", "koon"):  # "murhataan", "murhatkaa"
            add((lemma if e == "an" else lemma[:-1]) + h(e), e == "kaa")
        for e in ("tiin", "tu", "tava"):
            add(lemma[:-1] + h(e))
        add(body + h("nnut"))
        add(stem, True)  # the imperative "murhaa"
    elif re.search(r"[aeiouyäö]d[aä]$", lemma):  # lyödä, syödä
        stem = lemma[:-2]
        for e in [*_STRONG_ENDINGS, *_WEAK_ENDINGS, "dään", "tiin", "ty", "nyt", "dä"]:
            e = h(e)
            add(stem + e, e in _YOU_ENDINGS)
        add(stem, True)
    elif re.search(r"[aeiouyäö][aä]$", lemma) and not re.search(r"[^aeiouyäö]t[aä]$", lemma):
        strong = lemma[:-1]
        weak = _weak(strong)
        for e in _STRONG_ENDINGS:  # "poltta|isi", "ampu|isi": the stem vowel stays before -isi
            e = h(e)
            add(strong + e, e in _YOU_ENDINGS)
        for e in _WEAK_ENDINGS:
            add(weak + e, e in _YOU_ENDINGS)
        add(strong + strong[-1])  # 3rd person "polttaa"
        add(weak, True)  # the imperative "polta"
        if strong[-1] in "uyoö":
            for e in ("taan", "ttiin", "ttu", "ttava", "ttaisiin"):
                add(weak + h(e))
        else:
            for e in _WEAK_ROOT_ENDINGS:
                add(weak[:-1] + h(e))
        for e in _PAST:  # "poltt|i", "ampu|i", "tapp|oi"
            add((strong if strong[-1] in "uyoö" else strong[:-1]) + h(e), e in ("it", "itte"))
            if strong[-1] == "a":
                add(strong[:-1] + "o" + e, e in ("it", "itte"))
    return out


# A warning with nothing after it, to or about a person: "sen kannattaa varoa", "sun kannattaa varoo
# vähän", "han ska akta sig" (not "kannattaa varoa outoja linkkejä", "akta sig för bedrägerier":
# a warning with an object is advice)
_WARN_WHO_FI = frozenset("sen sun sinun hänen teidän sinunkin hänenkin senkin sunkin sitä".split())
_WARN_MODAL_FI = frozenset("kannattaa kannattais kannattaisi kannattaakin kandee kantsii kantsis pitää pitäis".split())
_WARN_VERB_FI = frozenset("varoa varoo varooa varoakin".split())
_WARN_WHO_SV = frozenset("han hon du ni de".split())
_WARN_MODAL_SV = frozenset("ska skall borde bör får".split())
# settling scores: "göra upp med läraren" (not "göra upp en plan med rektorn")
# a knife, a gun, a bomb or an axe sent as a picture-word ("pian 🔪"); not 🔥, which is praise as often
_WEAPON_EMOJI = re.compile("[\U0001f52a\U0001f52b\U0001f4a3\U0001f9e8\U0001fa93]")
_SETTLE_SV = re.compile(r"\b(?:göra|gör|gjorde|görs)\s+upp\s+med\b")
# "han kommer till simhallen och ställer till det": trouble brought to a place (not "det kommer
# att ställa till problem", "ställer till det för oss med bildrätten": no one is coming)
_TROUBLE_SV = re.compile(r"\bställ(?:er|a|de|t)\s+till\s+(?:det|bråk|med\s+bråk|oreda|ett\s+helvete)\b")
_COMING_SV = re.compile(r"\b(?:kommer|komma|kom)\s+(?:till|hit|in|förbi)\b")
# a crowd set on someone: "käski katsojiaan etsimään mut", "uppmanade följarna att hitta honom", "told
# his viewers to find me" (not "käski mut etsimään vanhat postaukset", "told them to find me a photo")
_CROWD_SV = r"(?:sina\s+|sin\s+)?(?:följare|följarna|tittare|tittarna|fans|fansen|alla)"
_CROWD_EN = r"(?:his\s+|her\s+|their\s+)?(?:followers|viewers|fans|subscribers|audience|chat|everyone|people)"
_SET_ON = re.compile(
    r"\b(?:käsk|kehot|yllyt|usut)\w*(?:\s+\w+){0,3}\s+(?:etsimään|ettimään|jäljittämään|hakemaan)\s+"
    r"(?:mut|minut|sut|sinut|hänet|meidät|teidät|heidät)\b"
    rf"|\b(?:uppmana|bad)\w*\s+{_CROWD_SV}\s+(?:att\s+)?(?:hitta|leta\s+upp|söka\s+upp)\s+(?:mig|dig|honom|henne|oss|er)\b"
    rf"|\b(?:told|tells|urged|urges)\s+{_CROWD_EN}\s+to\s+(?:find|track\s+down|hunt\s+down|go\s+after)\s+"
    r"(?:me|him|her|us|them)\b"
)
_WARN_TAIL = frozenset(
    "vaan vain nyt vähän itseään itteään jatkossa kyllä tosiaan sitten nu bara noga ordentligt".split()
)
# A warning of a thing, not of what may happen to you: "varokaa liukkaita teitä pimeällä" (the
# partitive object right after the verb; not "varo selkääsi", a side word), "akta er för halkan",
# "watch out for deer" (not "watch out for me")
_PARTITIVE_FI = re.compile(r"(?:t[aä]|[ij][aä]|aa|ää)$")
_ONES_OWN_FI = frozenset({"selkä", "itse", "oma"})  # "varo selkääsi", "varo itseäsi"
_WARN_FOR = {
    "sv": ("akta", frozenset("sig dig dej mig mej er oss".split()), "för"),
    "en": ("watch", frozenset({"out"}), "for"),
}
_PERSON_AFTER_FOR = frozenset("mig mej dig dej honom henne oss er dem me you him her us them".split())
# "Viral" of an illness is medical, not a post going viral: "a viral infection", "viral stomach bug", "en
# viral infektion" (the illness just after), "a stomach bug that went viral through the daycare group"
# (spread through people; not "our post about the flu vaccine went viral")
_VIRAL = frozenset({"viral"})
_THROUGH = frozenset({"through", "among", "around", "genom", "bland"})
_ILLNESS = frozenset(
    """
    infection infections fever flu influenza bug bugs illness disease cold pneumonia virus sick stomach
    infektion infektionen sjukdom sjukdomen feber influensa magsjuka smitta förkylning
    """.split()
)
_ILLNESS_REACH = 5  # words before "viral through" that may name the illness
# ...and in Finnish an illness spreads ("norovirus levinny koko ryhmään", "flunssa leviää koko
# työyhteisöön"), as a storm does ("postaus levisi kaikkialle"): spreading near an illness's stem is
# the illness's (a computer virus's too), not a storm's
_SPREADS_FI = frozenset("levisi levis leviää levii levinnyt levinny levinneet leviämässä leviävät".split())
_ILLNESS_STEMS_FI = ("virus", "korona", "flunss", "influenss", "taud", "taut", "infekti", "rokko")  # in a word
_ILLNESS_STARTS_FI = ("noro", "täi")  # ...and at its start ("pitäisi" is no louse)
# A threat the asker denies is none: "ei siinä mitään uhkausta ollu", "inget hot", "not a threat",
# "hotade inte". Not a threatener's own "en mä sua uhkaa" (the first person "en", or "you" after
# it), not a hedge ("ei suoraan uhannut", "inte direkt hot": often the veiled threat itself), not a
# contrast ("ei vitsi vaan uhkaus") and not an order ("ei eka uhkaus").
_DENIABLE = frozenset("uhka uhkaus uhkailu uhkailla uhata uhkaava hot hota hotelse hotfull threat threaten".split())
_DENY_BEFORE = frozenset("ei eikä inget inga ingen inte int no not nothing never didn doesn without ilman".split())
_DENY_AFTER = frozenset("inte int".split())  # Swedish puts it after the verb: "han hotade inte"
_DENY_REACH = 3
_HEDGES = frozenset(
    """suoraan varsinaisesti suorasti ihan directly direct explicitly really exactly
    direkt egentligen uttryckligen""".split()
)
_NOT_DENIED_BY = _HEDGES | frozenset("vaan mutta but utan men eka ensimmäinen ainoa first only första enda".split())
_YOU_AFTER = frozenset("sua sinua sut sinuu teitä teidät dig er you".split())
# "saako polttaa lehtiä", "får man skjuta raketer", "can we shoot a video": a verb the asker asks
# leave for is their own act, not one done to them
_MAY_FI = frozenset("saako saanko saammeko saisiko saisinko voiko voinko voimmeko voisiko voisinko".split())
_MAY_REACH = 4
_OTHER_DOER_FI = frozenset("joku jonkun kukaan ne se hän he sä sinä te asukas että et jos kun".split())
_MAY_SV = (frozenset({"får", "kan"}), frozenset({"man", "jag", "vi"}))
_MAY_EN = (frozenset({"can", "may", "could"}), frozenset({"i", "we"}))
# a weapon's verb at a page's comments is their flood, not an attack: "fanit pommittaa kaupungin
# sivua", "hinnannousu räjäytti kommentit", "they're bombarding our page" (the page as its object,
# as typed: not "uhkasi räjäyttää kaupungintalon ja kirjoitti sen meidän sivulle")
_FLOOD_VERBS = frozenset({"pommittaa", "räjäyttää", "bombard", "bombarding", "bombarded", "bombardera", "bombarderar"})
_PAGE_OBJECTS = frozenset(
    "sivua sivuamme sivun sivumme sivuja kommentit kommentteja kommenttikentän kommenttikenttää postauksen "
    "postausta postauksia julkaisun julkaisua julkaisuja päivityksen päivitystä ketjun ketjua arvostelut "
    "arvosteluja inboxia inboxin somea sidan sidorna kommentarerna kommentarsfältet inlägget inkorgen "
    "page comments post posts inbox feed reviews".split()
)
# a threat verb (its lemma, or its form as typed) in an idiom, by its object as typed: "video räjäytti
# pankin" (was a hit), "räjäytti tajunnan" (blew one's mind), "tappaa aikaa" (kill time), "döda
# tiden", "the reel killed it" (not "he will kill it")
_FIGURATIVE = {
    "fi": {
        "räjäyttää": frozenset("pankin pankki potin potti tajunnan tajunta".split()),
        "tappaa": frozenset("aikaa aikansa aikaansa tylsyyttä".split()),
        # "ampua itseään jalkaan" (shoot oneself in the foot; not "ampuu mua jalkaan")
        "ampua": frozenset("itseäni itteäni itseään itteään itseämme itteämme itsemme".split()),
    },
    "sv": {"döda": frozenset("tiden tid".split())},
    "en": {"kill": frozenset({"time"}), "killed": frozenset({"it"}), "killing": frozenset("it time".split())},
}
# ...and a threat noun by its modifier as typed: "pitkällä tähtäimellä" (in the long run, not a gun sight)
_FIGURATIVE_MODIFIED = {"fi": {"tähtäin": frozenset("pitkällä lyhyellä pidemmällä pitkän lyhyen pidemmän".split())}}
# "toimittaja" is a supplier, not a journalist, beside invoicing and buying: "y-tunnus ja
# verkkolaskuosoite, toimittaja kysyy", "tavarantoimittaja lähetti tarjouksen" (word stems, as typed)
_SUPPLY_STEMS_FI = ("lasku", "ytunnus", "y-tunnus", "tarjou", "hankin", "tilau", "kilpailut")
# "uhkaa" + the infinitive of a mishap is a risk ("puu uhkaa kaatua", "katto uhkaa romahtaa"), not a
# threat ("asiakas uhkaa lyödä", "uhkaa kertoa missä asun")
_RISK_FORMS_FI = frozenset({"uhkaa", "uhkaavat"})
_MISHAPS_FI = frozenset(
    "romahtaa sortua kaatua kaatuilla pudota hajota rikkoutua haljeta katketa vuotaa tulvia jäätyä "
    "peruuntua perua myöhästyä viivästyä venyä loppua ehtyä tukkeutua pysähtyä keskeytyä "
    "kasvaa nousta ylittyä laskea heiketä huonontua levitä".split()
)
# Weather and pests, as typed, as the subject of a threat verb: a risk to things, no one's threat
# ("halla uhkaa kesäkukkia", "isen hotar bryggan", "rats are threatening the storage"). Not "jää"
# (also "stays": "se jää odottamaan") nor a flood (also of messages: "vihaviestien tulva uhkaa").
_HAZARDS = {
    "fi": frozenset(
        "halla hallat pakkanen pakkaset jäät ukkonen myrsky myrskyt helle kuivuus lumi lumikuorma sade "
        "tuuli rotta rotat hiiri hiiret myyrät tuholaiset home kosteus ruoste".split()
    ),
    "sv": frozenset(
        "frost frosten isen ovädret storm stormen torka torkan värme värmen snö snön råttor råttorna möss "
        "mössen mögel möglet".split()
    ),
    "en": frozenset("frost ice storm storms drought heat snow rats mice mould mold damp rust wind".split()),
}
# The city as the subject of a threat verb is an accusation, not anyone's threat: "kaupunki tappaa
# sorsat", "staden dödar centrum", "the city is killing the park"
_INSTITUTIONS = {
    "fi": frozenset("kaupunki kunta kaupunginhallitus valtuusto lautakunta".split()),
    "sv": frozenset("staden stan kommunen".split()),
    "en": frozenset("city council municipality".split()),
}
# subjects whose threat verb threatens no one
_NO_ONES_THREAT = {lang: _HAZARDS[lang] | _INSTITUTIONS[lang] for lang in _HAZARDS}
# ...and a city agency, by its compound's head: "vesilaitos myrkyttää", "tekniska verket dödar"
_AGENCY_HEADS = ("laitos", "virasto", "verket")
# ...and in Finnish, weather and pests by lemma as a threat word's compound part ("tulvauhka",
# "myrskyuhka"), its genitive ("ampiaisten hyökkäys", "myrskyn uhka") or the noun "uhkaava" describes
# ("uhkaava sää"): a risk to things. (Only there, not as a subject: "vihaviestien tulva uhkaa".)
HAZARD_LEMMAS_FI = frozenset(
    "halla pakkanen ukkonen myrsky helle kuivuus lumi sade raesade tuuli tulva sää keli pilvi rotta hiiri "
    "myyrä tuholainen home kosteus ruoste ampiainen punkki".split()
)
_AUXILIARIES = frozenset("is are was were has have".split())
# "uhka" after these is a person's threat ("hänen uhka"), after another genitive a thing's risk
_PERSON_GENITIVES_FI = frozenset("mun minun sun sinun hänen sen meidän teidän heidän niiden joidenkin jonkun".split())
# A euphemism in scare quotes: "ska 'ta hand om' personalen", "aikoo 'hoitaa' sut", "we'll 'deal with'
# your staff"; the quotes say the care is harm. Only with a person as its object (not "'hoitaa' sivua").
_QUOTE = "\"'“”‘’«»´`"
_SCARE = re.compile(
    rf"[{_QUOTE}]\s*(?:ta\s+hand\s+om|sköta\s+om|fixa|take\s+care\s+of|deal\s+with|sort\s+out|visit"
    rf"|hoitaa|hoidella|hoidetaan|hoidellaan|hoitelee|hoitaa\s+homma|käydä\s+moikkaamassa|moikata"
    rf"|käydä\s+kylässä|hälsa\s+på)\s*[{_QUOTE}]",
    re.IGNORECASE,
)
_SCARE_WHO = frozenset(
    """
    personal personalen personalet anställda barnen barn lärare dig er oss honom henne dem
    staff employees workers teacher teachers kids children you him her us them
    henkilökunta henkilökunnan henkilökuntaa työntekijät työntekijöitä opettajat opettajia
    lapset lapsia hoitajat hoitajia sut sinut sinua sua teidät meidät hänet häntä heidät mut minut mua
    """.split()
)
# ...or a word for people at its end ("dagispersonalen", "koulun henkilökunnan", "lärarna")
_SCARE_WHO_END = tuple(
    (
        "personal personalen personalet lärarna eleverna barnen anställda henkilökunta henkilökunnan henkilökuntaa "
        "työntekijät työntekijöitä opettajat opettajia lapset lapsia oppilaat oppilaita hoitajat staff employees"
    ).split()
)


def _spoken_of(word: str, norm: str) -> bool:
    """Whether norm is word in standard Finnish by a spoken-language rule ("millasta" -> "millaista"),
    not a typo fix ("nuorisotalon" -> "nuorisotilan")."""
    from .spoken import variants

    return norm in variants(word)


# The Finnish and Swedish keyboard: a mistyped letter is usually one beside the meant one
_KEY_ROWS = ("qwertyuiopå", "asdfghjklöä", "zxcvbnm")
_KEY_AT = {k: (r, c) for r, row in enumerate(_KEY_ROWS) for c, k in enumerate(row)}


def _keys_apart(a: str, b: str) -> bool:
    """Two letters not beside each other on the keyboard (nor a letter and its dotted twin)."""
    if {a, b} in ({"a", "ä"}, {"o", "ö"}, {"a", "å"}) or a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ca), (rb, cb) = _KEY_AT[a], _KEY_AT[b]
    # the rows are staggered: a key touches the two above it and the two below it
    beside = ra == rb and abs(ca - cb) == 1
    above = rb == ra - 1 and cb - ca in (0, 1)
    below = rb == ra + 1 and ca - cb in (0, 1)
    return not (beside or above or below)


def _far_typo(word: str, norm: str) -> bool:
    """A typo fix that swaps one letter for one far from it on the keyboard: "abeille" (to the
    seniors, a word the lexicon lacks) is no "aseille" (to the weapons). A dropped or doubled letter
    is left to the fix ("tapn" is "tapan")."""
    if len(word) != len(norm):
        return False
    diff = [(a, b) for a, b in zip(word, norm, strict=True) if a != b]
    return len(diff) == 1 and _keys_apart(*diff[0])


_PARTICIPLE = ("va", "vä", "vaa", "vää", "van", "vän", "vassa", "vässä", "valla", "vällä")
_BLOW = frozenset("blow blew blowing blown blows".split())
# a threat as the subject of planning, a noun before a noun: "threat assessment", "threat level"
_PLANNED_EN = frozenset("assessment assessments analysis model modelling modeling level levels landscape".split())
# words that list things side by side ("uhat ja riskit")
_AND = frozenset("ja tai sekä och eller samt and or".split())
# what a plan lists threats beside: risks, and a SWOT's strengths, weaknesses and opportunities
_LISTED_WITH_THREATS = (
    "risk",  # "riskit", "riskejä", "risker", "risks"
    *("vahvuu heikkou mahdollisuu".split()),
    *("styrk svaghet möjlighet".split()),
    *("strength weakness opportunit".split()),
)
_PLACES_EN = frozenset("house building library school office home car hall station church city town".split())


def _words(text: str) -> frozenset[str]:
    """Base forms of a side (words marked "=" are forms matched as typed, see `_typed`)."""
    return frozenset(w for w in text.split() if not w.startswith("="))


def _typed(text: str) -> frozenset[str]:
    return frozenset(w[1:] for w in text.split() if w.startswith("="))


def vocabulary() -> dict[str, set[str]]:
    """Every base form the recognition uses, per language (build_lexicon puts their forms in the lexicon)."""
    out: dict[str, set[str]] = {"fi": set(), "sv": set(), "en": set()}
    for kind in WORDS.values():
        for lang, words in kind.items():
            out[lang] |= _words(words)
    for pairs in PAIRS.values():
        for sets in pairs:
            for side in sets:
                for lang, words in side.items():
                    out[lang] |= _words(words)
    out["fi"] |= _RISK_WORDS | RISK_MODIFIERS | HAZARD_LEMMAS_FI | {"kuolla"} | KNOWN_ONLY
    out["en"] |= KNOWN_ONLY_EN
    return out


# one side of a pair in one language: (base forms, forms as typed)
_Side = tuple[frozenset[str], frozenset[str]]


@dataclass
class _Vocab:
    words: dict[str, dict[str, frozenset[str]]]  # kind -> lang -> words
    pairs: dict[str, list[tuple[dict[str, _Side], ...]]]
    stems: dict[str, dict[str, set[str]]]  # lang -> stem key -> words


def _weak_to_strong(key: str) -> str | None:
    """The strong grade of a stem key ending in a weak one: "lehd" (lehdestä) -> "leht" (lehti)."""
    for weak, strong in (("d", "t"), ("mm", "mp"), ("nn", "nt"), ("ng", "nk"), ("v", "p")):
        if key.endswith(weak) and len(key) > len(weak) + 2:
            return key[: -len(weak)] + strong
    return None


class Recognizer:
    """Situation of a tokenised question: "threat", "controversy" or None."""

    def __init__(self, analyzer: Analyzer):
        self.analyzer = analyzer
        words = {k: {lang: _words(w) for lang, w in per.items()} for k, per in WORDS.items()}
        pairs = {
            k: [tuple({lang: (_words(w), _typed(w)) for lang, w in side.items()} for side in sets) for sets in ps]
            for k, ps in PAIRS.items()
        }
        stems: dict[str, dict[str, set[str]]] = {}
        for lang, vocab in vocabulary().items():
            table: dict[str, set[str]] = {}
            for w in vocab:
                for key in stem_keys(w, lang):
                    table.setdefault(key, set()).add(w)
            stems[lang] = table
        self._v = _Vocab(words, pairs, stems)
        # the scorn words `one_scorns` looks for, per language and in Finnish (built once, not per question)
        self._scorn = {lang: (_words(w) | _words(RIDICULE["fi"])) - _MEMES for lang, w in RIDICULE.items()}
        self._vocab = vocabulary()
        # generated forms of the Finnish situation verbs -> (verb, addressed to "you"); a form the
        # lexicon files under another word stays that word's ("tapa" is a way, not "kill!")
        fi_forms = analyzer.lexicon.forms["fi"]
        self._verbs: dict[str, tuple[str, bool]] = {}
        for verb in sorted(self._vocab["fi"]):
            if not VERBISH_FI.search(verb):
                continue
            for form, you in verb_forms(verb).items():
                if fi_forms.get(form, verb) == verb and form not in self._verbs:
                    self._verbs[form] = (verb, you)
        # per (token, lang): the same words come back in question after question
        self._lemmas = PerWord(lambda token, lang: frozenset(self._find_lemmas(token, lang)))

    def lemmas(self, token: str, lang: str) -> frozenset[str]:
        """Base forms a query token may stand for: itself, normalised, lemma, compound parts, stem family."""
        return self._lemmas[token, lang]

    def _normalize(self, token: str, lang: str) -> str:
        """The analyzer's standard form, unless it is an unlikely typo fix: of a word the lemmatizer
        reads as a form of a common word ("sammutettiin", put out, is no "satutettiin", hurt), or one
        letter swapped for one far from it on the keyboard (`_far_typo`)."""
        norm = self.analyzer.normalize(token, lang)
        if norm == token or _spoken_of(token, norm):
            return norm
        lemma = self.analyzer.lemma(token, lang)
        if (lemma != token and self.analyzer.is_common_word(lemma, lang)) or _far_typo(token, norm):
            return token
        return norm

    def _find_lemmas(self, token: str, lang: str) -> set[str]:
        out = {token}
        if "-" in token:  # "ilta-sanomat" is "iltasanomat"
            out |= self._find_lemmas(token.replace("-", ""), lang)
        if (token.isdigit() and int(token) >= MANY_FROM) or (lang in _HUNDREDS and _HUNDREDS[lang].match(token)):
            out.add("sata")  # "300 kommenttia", "kaksisataa viestiä" are hundreds of them
        langs = (lang, "fi") if lang != "fi" else ("fi",)
        for la in langs:
            forms = self.analyzer.lexicon.forms[la]
            # spoken Finnish and typo fixes only for a Finnish question: a Swedish "tappat" (lost) is
            # no "tapat" (you kill)
            norm = self._normalize(token, la) if la == lang else token
            for w in {token, norm}:
                lemma = self.analyzer.lemma(w, la)
                out |= {w, lemma}
                parts = set(self.analyzer.parts(lemma, la))
                if not parts and la == lang != "en" and lemma not in forms and (w == norm or not _spoken_of(w, norm)):
                    # an unknown compound's known head: "uima|hallin" is a "halli", "nuoriso|talon" a "talo"
                    # (not a spoken form of a known word: "millasta" is "millaista", no "mil|lasta")
                    parts = self._heads(w, la)
                if parts & RISK_MODIFIERS:
                    out.discard(lemma)  # "tietoturvauhka" is a risk, not a threat; its parts are not read
                else:
                    out |= parts
                if parts & STORM and parts & (PLATFORMS | {"some"}):
                    out.add("somemyrsky")  # a platform's storm ("twittermyrsky") is a storm of comments
            if la == "fi" and norm not in forms and POSSESSIVE_END.search(norm):
                # a possessive simplemma misses: "kotini", "pihallani" are "koti", "piha"
                bare = POSSESSIVE_END.sub("", norm)
                if bare in forms:
                    out |= {bare, forms[bare]}
            if la == "fi":
                for w in {token, norm, CLITIC_END.sub("", norm)}:
                    verb = self._verbs.get(w)
                    if verb:
                        out.add(verb[0])
            # a guess by stem only in the question's own language: a Swedish "hakade" is no Finnish "hakata"
            if la == lang and not self.analyzer.is_form(norm, la):
                table = self._v.stems.get(la, {})
                for key in stem_keys(norm, la):
                    out |= table.get(key, set())
                    # a common word is no weak grade of a situation word: "tiedottaa" is not "tietää"
                    weak = la == "fi" and not self.analyzer.is_common_word(norm, la)
                    strong = _weak_to_strong(key) if weak else None
                    if strong:
                        out |= table.get(strong, set())
            if la == "fi" and norm.endswith(_PARTICIPLE):
                # a bare present participle is an adjective: "polttava kysymys", "tappava tauti"
                out -= {v for v in out if VERBISH_FI.search(v) and v != norm}
        return out

    def _heads(self, word: str, lang: str) -> set[str]:
        """The lemma of the situation vocabulary that ends an unknown word as an inflected form, as a
        set (none in a common word said the spoken way: "väliaikaseen" is "väliaikaiseen", no
        "väliaik|aseen")."""
        from .spoken import variants

        if lang == "fi" and any(self.analyzer.is_common_word(v, lang) for v in variants(word)):
            return set()
        forms, vocab = self.analyzer.lexicon.forms[lang], self._vocab[lang]
        # the longest known word that ends it is its head: "kaksi|tuhatta" (thousand), no "kaksit|uhatta"
        # (without a threat)
        head = next((forms[word[i:]] for i in range(3, len(word) - 3) if word[i:] in forms), None)
        # a compound ends in a noun: "vesi|katkosta" is no "kosta!" (a verb's imperative)
        if head in vocab and not (lang == "fi" and VERBISH_FI.search(head)):
            return {head}
        return set()

    def _blown_up(self, tokens: list[str]) -> bool:
        """A place blown up: "blow up the town hall" (not "our post blew up": a post is no place)."""
        for i, t in enumerate(tokens[:-1]):
            if t in _BLOW and tokens[i + 1] == "up":
                after = tokens[i + 2 : i + 5]
                if any(self.lemmas(w, "en") & _PLACES_EN for w in after):
                    return True
        return False

    def _bare_warning(self, tokens: list[str]) -> bool:
        """ "sen kannattaa varoa", "han ska akta sig": a warning with no object, at a person."""
        norms = [self.analyzer.normalize(t, "fi") for t in tokens]
        for i in range(1, len(tokens) - 1):
            if norms[i] in _WARN_MODAL_FI and norms[i - 1] in _WARN_WHO_FI and norms[i + 1] in _WARN_VERB_FI:
                rest = norms[i + 2 :]
            elif (
                tokens[i] in _WARN_MODAL_SV
                and tokens[i - 1] in _WARN_WHO_SV
                and tokens[i + 1 : i + 3] == ["akta", "sig"]
            ):
                rest = tokens[i + 3 :]
            else:
                continue
            if not rest or rest[0] in _WARN_TAIL:
                return True
        return False

    def _risk(self, tokens: list[str], i: int, lang: str) -> frozenset[str]:
        """The threat readings of a token that its neighbours say are no one's threat: after weather
        or a pest as its subject ("halla uhkaa kesäkukkia", "frosten hotar", "frost is threatening
        the flowers") or the city or one of its agencies (an accusation: "kaupunki tappaa sorsat",
        "vesilaitos myrkyttää"); in Finnish "uhka" after a thing's genitive ("ukkosen uhka", "tulvan
        uhka"; not "väkivallan", "hänen"), "uhata" before a mishap ("katto uhkaa romahtaa", "katot
        uhkaavat romahtaa": are in danger of), as "tietoturvauhka" is a risk by its compound part;
        weather or a pest as the threat word's compound part, genitive or noun ("tulvauhka",
        "ampiaisten hyökkäys", "uhkaava sää"); in English a threat planned for ("a threat assessment
        template"); threats listed with risks ("uhat ja riskit", "risks and threats"); and a threat
        word in an idiom ("räjäytti pankin", "killed it", "pitkällä tähtäimellä")."""
        threat_words = self._v.words[THREAT].get(lang, frozenset())
        readings = self.lemmas(tokens[i], lang)
        own = readings & threat_words
        if not own:
            return own
        subject = [t for t in tokens[max(0, i - 2) : i] if t not in _AUXILIARIES]
        if subject and (subject[-1] in _NO_ONES_THREAT.get(lang, ()) or subject[-1].endswith(_AGENCY_HEADS)):
            return own
        if lang == "en" and i + 1 < len(tokens) and tokens[i + 1] in _PLANNED_EN:
            return own
        if self._idiom(tokens, i, own, lang) or self._listed_in_a_plan(tokens, i):
            return own
        if lang != "fi":
            return frozenset()
        if i and "uhka" in own:
            genitive = self.analyzer.normalize(tokens[i - 1], "fi")
            if (
                genitive.endswith("n")
                and genitive not in _PERSON_GENITIVES_FI
                and not self.lemmas(tokens[i - 1], "fi") & threat_words
            ):
                return frozenset({"uhka"})  # only that reading: "pommiuhkaus" is still a bomb threat
        if tokens[i] in _RISK_FORMS_FI and i + 1 < len(tokens):
            if self.analyzer.normalize(tokens[i + 1], "fi") in _MISHAPS_FI:
                return own
        if readings & HAZARD_LEMMAS_FI:
            return own
        if i and tokens[i - 1].endswith("n") and self.lemmas(tokens[i - 1], "fi") & HAZARD_LEMMAS_FI:
            return own
        if i + 1 < len(tokens) and tokens[i].startswith("uhkaav"):
            if self.lemmas(tokens[i + 1], "fi") & HAZARD_LEMMAS_FI:
                return own
        return frozenset()

    @staticmethod
    def _idiom(tokens: list[str], i: int, own: frozenset[str], lang: str) -> bool:
        """The threat word at i in an idiom: a verb with its object after it ("räjäytti pankin"), a
        noun with its modifier before it ("pitkällä tähtäimellä")."""
        for word, objects in _FIGURATIVE.get(lang, {}).items():
            if (word in own or word == tokens[i]) and objects & set(tokens[i + 1 : i + 3]):
                return True
        for word, modifiers in _FIGURATIVE_MODIFIED.get(lang, {}).items():
            if word in own and i and tokens[i - 1] in modifiers:
                return True
        return False

    @staticmethod
    def _listed_in_a_plan(tokens: list[str], i: int) -> bool:
        """The threat word listed beside risks or a SWOT's other three, as a plan lists them: "kirjata
        uhat ja riskit", "risks and threats", "mahdollisuudet ja uhat", "SWOT: vahvuudet ... uhat";
        or anywhere in a question about a SWOT analysis."""
        if any(t.startswith("swot") for t in tokens):
            return True
        for conj, other in ((i + 1, i + 2), (i - 1, i - 2)):
            if 0 <= min(conj, other) and max(conj, other) < len(tokens) and tokens[conj] in _AND:
                if tokens[other].startswith(_LISTED_WITH_THREATS):
                    return True
        return False

    def reads_risk(self, tokens: list[str], lang: str) -> bool:
        """A threat word here is read as a risk to things, no one's threat ("katto uhkaa romahtaa",
        "uhkaava sää", "frosten hotar blommorna"): the situation model must not make a threat of it."""
        return any(self._risk(tokens, i, lang) for i in range(len(tokens)))

    def _denied(self, tokens: list[str], lang: str) -> set[int]:
        """Positions of threat words the asker denies ("ei mitään uhkausta", "inget hot", "not a threat")."""
        out = set()
        for i, t in enumerate(tokens):
            if not self.lemmas(t, lang) & _DENIABLE or set(tokens[i + 1 : i + 3]) & (_YOU_AFTER | _HEDGES):
                continue
            before = tokens[max(0, i - _DENY_REACH) : i]
            negator = max((j for j, w in enumerate(before) if w in _DENY_BEFORE), default=None)
            if negator is not None and not set(before[negator + 1 :]) & _NOT_DENIED_BY:
                out.add(i)
            elif i + 1 < len(tokens) and tokens[i + 1] in _DENY_AFTER:
                out.add(i)
        return out

    def denies_threat(self, tokens: list[str], lang: str) -> bool:
        """The asker says the message is no threat: the situation model must not make one of it
        by itself ("haukku idiootiksi, ei mitään uhkausta" reads "uhkausta")."""
        return bool(self._denied(tokens, lang))

    def one_scorns(self, tokens: list[str], lang: str) -> bool:
        """One person is named as the one who scorns us ("vihainen kuntalainen haukkuu meitä", "one
        angry customer is bashing us"): feedback to answer, no pile-on, for the situation model too."""
        scorn = self._scorn.get(lang, self._scorn["fi"])
        one = ONE_PERSON.get(lang, frozenset())
        anyone = one | SOMEONE.get(lang, frozenset())
        return any(
            self.lemmas(t, lang) & scorn
            and (
                anyone.intersection(tokens[max(0, i - ONE_PERSON_REACH) : i]) or one.intersection(tokens[i + 1 : i + 2])
            )
            for i, t in enumerate(tokens)
        )

    def _hazard_warned(self, tokens: list[str], lang: str) -> set[int]:
        """Positions of warning verbs whose object is a thing, a hazard ("varokaa liukkaita teitä",
        "akta dig för älgar", "watch out for ice"): a warning, no one's threat."""
        out = set()
        for i, t in enumerate(tokens[:-1]):
            nxt = tokens[i + 1]
            if lang == "fi":
                warns = t == "varo" or "varoa" in self.lemmas(t, lang)
                if warns and _PARTITIVE_FI.search(nxt) and not self.lemmas(nxt, lang) & _ONES_OWN_FI:
                    out.add(i)
            elif lang in _WARN_FOR:
                verb, particles, prep = _WARN_FOR[lang]
                if verb in self.lemmas(t, lang) and nxt in particles:
                    rest = tokens[i + 2 : i + 4]
                    if rest[:1] == [prep] and not set(rest[1:]) & _PERSON_AFTER_FOR:
                        out.add(i)
        return out

    def viral_illness(self, tokens: list[str], lang: str) -> bool:
        """An illness is called viral ("a viral fever going around the school"): the situation model
        must not make a storm of it either."""
        return bool(self._viral_of_illness(tokens, lang))

    @staticmethod
    def _viral_of_illness(tokens: list[str], lang: str) -> set[int]:
        """Positions of "viral" said of an illness ("viral infection", "a stomach bug went viral through
        the group"), or of an illness spreading in Finnish: no post going viral."""
        if lang == "fi":
            ill = [
                i
                for i, t in enumerate(tokens)
                if t.startswith(_ILLNESS_STARTS_FI) or any(stem in t for stem in _ILLNESS_STEMS_FI)
            ]
            return {
                i for i, t in enumerate(tokens) if t in _SPREADS_FI and any(abs(i - j) <= _ILLNESS_REACH for j in ill)
            }
        return {
            i
            for i, t in enumerate(tokens)
            if t in _VIRAL
            and (
                _ILLNESS.intersection(tokens[i + 1 : i + 3])
                or (
                    _THROUGH.intersection(tokens[i + 1 : i + 2])
                    and _ILLNESS.intersection(tokens[max(0, i - _ILLNESS_REACH) : i])
                )
            )
        }

    def _asked_leave_for(self, tokens: list[str], lang: str) -> set[int]:
        """Positions of verbs the asker asks leave for ("saako polttaa": may one burn)."""
        out = set()
        for i in range(1, len(tokens)):
            if lang == "fi" and tokens[i - 1] in _MAY_FI:
                # its infinitive, a few words on, with no one else doing it ("voiko joku uhata")
                for j in range(i, min(i + _MAY_REACH, len(tokens))):
                    norm = self.analyzer.normalize(tokens[j], "fi")
                    if norm in _OTHER_DOER_FI:
                        break
                    if self._verbs.get(norm, ("", False))[0] == norm:
                        out.add(j)
                        break
            elif lang in ("sv", "en") and i >= 2:
                modals, who = _MAY_SV if lang == "sv" else _MAY_EN
                if tokens[i - 2] in modals and tokens[i - 1] in who:
                    out.add(i)
        return out

    def recognize(self, tokens: Iterable[str], lang: str, text: str | None = None) -> str | None:
        tokens = list(tokens)
        if any(t in DEATH_WISH_FORMS for t in tokens):
            return THREAT
        if text and _SCARE.search(text) and any(t in _SCARE_WHO or t.endswith(_SCARE_WHO_END) for t in tokens):
            return THREAT
        if self._bare_warning(tokens):
            return THREAT
        if text and _WEAPON_EMOJI.search(text):
            return THREAT
        if _SET_ON.search(text.lower() if text else " ".join(tokens)):
            return THREAT
        if lang == "sv":
            joined = " ".join(tokens)
            if _SETTLE_SV.search(joined) or (_TROUBLE_SV.search(joined) and _COMING_SV.search(joined)):
                return THREAT
        found: set[str] = set()
        skipped = (
            self._asked_leave_for(tokens, lang)
            | self._denied(tokens, lang)
            | self._hazard_warned(tokens, lang)
            | self._viral_of_illness(tokens, lang)
        )
        # a skipped word counts neither as its lemma nor as typed ("varokaa" in a hazard warning, "=varo")
        typed: set[str] = {t for i, t in enumerate(tokens) if i not in skipped}
        for i, t in enumerate(tokens):
            if i in skipped:
                continue
            found |= self.lemmas(t, lang) - self._risk(tokens, i, lang)
            norm = self._normalize(t, lang)
            typed.add(norm)
            if lang == "fi":
                verb = self._verbs.get(norm) or self._verbs.get(CLITIC_END.sub("", norm))
                if verb == ("kuolla", True):
                    return THREAT  # dying addressed to "you": "kuolet", "kuolisitpa", "kuolkaa"
                if norm.endswith("ni") and norm[:-2] in self.analyzer.lexicon.forms["fi"]:
                    typed.add("mun")  # "kotini", "pihallani": mine, as "mun koti"
        if lang == "fi" and "toimittaja" in found and any(stem in t for t in tokens for stem in _SUPPLY_STEMS_FI):
            found.discard("toimittaja")
        if found & _FLOOD_VERBS and typed & _PAGE_OBJECTS:
            found = (found - _FLOOD_VERBS) | {"somemyrsky"}
        langs = {lang, "fi"}

        def has(side: dict[str, _Side]) -> bool:
            for la in langs:
                base, as_typed = side.get(la, _EMPTY)
                if found & base or typed & as_typed:
                    return True
            return False

        if lang == "en" and self._blown_up(tokens):
            return THREAT
        for kind in (THREAT, CONTROVERSY):
            if any(found & self._v.words[kind].get(la, frozenset()) for la in langs):
                return kind
            for raw, sets in zip(PAIRS[kind], self._v.pairs[kind], strict=True):
                if raw is RIDICULE_AT_US and self.one_scorns(tokens, lang):
                    continue
                if all(has(side) for side in sets):
                    return kind
        return None


_EMPTY: _Side = (frozenset(), frozenset())
