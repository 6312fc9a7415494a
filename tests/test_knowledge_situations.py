"""Situations: questions that describe a threat or a controversy lead with its passage (knowledge/situations.py)."""

import pytest

from knowledge import get_guideline, get_index
from knowledge.analysis import tokenize
from knowledge.situations import CONTROVERSY, THREAT, vocabulary

THREAT_ID = "turvallisesti-somessa-5"


def situation(query, lang=None):
    index = get_index()
    tokens = tokenize(query)
    return index._situations.recognize(tokens, lang or index.search(query).lang, query)


def assert_no_situation(query):
    """Neither the rules nor the learned model (knowledge/learned.py) take it for a situation."""
    assert situation(query) is None
    assert get_index().search(query).situation is None


def assert_recognised_and_answered(query, kind):
    """The recogniser names the situation, and /ohje answers it as one (never "no match")."""
    assert situation(query) == kind
    ans = get_index().search(query)
    assert ans.situation == kind and not ans.no_match
    return ans


@pytest.mark.parametrize(
    "query",
    [
        # threat verbs in any inflection, spoken forms too
        "joku uhkas mua facessa",
        "asiakas uhkaili työntekijää",
        "meitä uhataan kommenteissa",
        "hän uhkaa tulla virastolle",
        "sain tappouhkauksen",
        "uhkaava yksityisviesti",
        # violence and weapons
        "kommentoija sanoi tulevansa puukon kanssa",
        "viestissä puhuttiin veitsestä",
        "joku kirjoitti aseesta ja koulusta",
        "kirjastoon tulee pommi",
        "dm:ssä luki että mut hakataan",
        # knowing where one lives, death wishes, doxxing
        "asiakas kirjoitti et se tietää missä mä asun",
        "joku toivoi mulle kuolemaa instassa",
        "viestissä luki vaan kuole",
        "mun kotiosoite julkaistiin facebook-ryhmässä",
        # Swedish and English
        "någon hotade mig i kommentarerna",
        "han skrev att han vet var jag bor",
        "ett hotfullt meddelande om en kniv",
        "someone threatened to kill me",
        "he says he has a gun",
        "a user posted my home address",
    ],
)
def test_threats_are_recognised(query):
    assert situation(query) == THREAT
    ans = get_index().search(query)
    assert ans.situation == THREAT and not ans.no_match and ans.confident
    assert ans.hits[0].passage.id == THREAT_ID


@pytest.mark.parametrize(
    "query",
    [
        "meidän postauksesta on tullut ihan paskamyrsky",
        "julkaisustamme syntyi kohu",
        "kommenttimyrsky tiktokissa",
        "twittermyrsky meidän videosta",
        "det blev en storm i kommentarerna",
        "kommentteja tulee satoja",
        "ihmiset raivoaa meidän päivityksestä",
        "toimittaja soitti meidän julkaisusta",
        "iltalehti kysyy kommenttia",
        "päivitys lähti viraaliksi",
        "ihmiset vaativat boikottia",
        "det har blivit ett drev mot vårt inlägg",
        "en journalist ringde om vår kampanj",
        "our post went viral",
        "there is a shitstorm on our page",
        "a reporter is asking about our instagram story",
    ],
)
def test_controversies_are_recognised(query):
    assert situation(query) == CONTROVERSY
    ans = get_index().search(query)
    assert ans.situation == CONTROVERSY and not ans.no_match and ans.confident
    first = ans.hits[0].passage
    assert first.topic == CONTROVERSY and not first.framing  # the advice, not the preamble


@pytest.mark.parametrize(
    "query",
    [
        "saako asiattoman kommentin poistaa",
        "seuraako media somea",  # the media, but nobody is calling
        "voinko kirjoittaa lehteen mielipiteen",
        "onko tietoturvauhka somessa",  # "uhka" as a risk
        "saako asiakkaan kotiosoitteen julkaista",  # privacy, not doxxing of us
        "how do I share a post on social media",
        "får jag dela stadens inlägg",
        "miten saan julkaisun leviämään",
        "mikä on tänään lounaaksi",
        # words that also mean something harmless
        "saako myrskyvaroituksesta postata facebookiin",
        "kan vi skjuta upp inlägget",
        "can we shoot a video for tiktok",
        "milloin julkaisupäivä lyödään lukkoon",
        "hur slår jag på notiser",
    ],
)
def test_questions_about_rules_are_no_situation(query):
    assert_no_situation(query)


def test_a_mistake_in_a_controversy_leads_with_the_mistake_advice():
    ans = get_index().search("mokasin ja nyt on kohu päällä, tein virheen")
    assert ans.situation == CONTROVERSY
    assert ans.hits[0].passage.id == "somekohu-2"


def test_vocabulary_is_in_the_lexicon():
    """Every inflected form of the vocabulary is known (build_lexicon includes it)."""
    analyzer = get_index().analyzer
    for word in ("puukko", "veitsi", "boikotti", "toimittaja"):
        assert word in vocabulary()["fi"]
        assert analyzer.is_form(word, "fi")
    assert analyzer.lemma("puukolla", "fi") == "puukko"
    assert analyzer.lemma("boikottia", "fi") == "boikotti"


def test_threat_passage_is_the_one_tests_know():
    assert get_guideline().passage(THREAT_ID).topic == THREAT


@pytest.mark.parametrize(
    "query, kind",
    [
        # payback promised, arson, private details known, stalking, lying in wait (issue 13 round 2)
        ("hän sanoi että kyllä sinä tätä vielä kadut", THREAT),
        ("you will regret this, he wrote", THREAT),
        ("uhkasi sytyttää koulun tuleen", THREAT),
        ("someone wants to torch the library", THREAT),
        ("tiedän missä sun lapset on päiväkodissa", THREAT),
        ("he follows me home every day", THREAT),
        ("en man väntar utanför dörren på mig varje kväll", THREAT),
        ("joku lupas antaa turpasaunan", THREAT),
        # pile-ons and ridicule, petitions and trending, screenshots going round, radio and TV asking
        ("kaikki pilkkaa meitä instassa", CONTROVERSY),
        ("ihmiset nauraa meille twitterissä", CONTROVERSY),
        ("a screenshot of our post is spreading everywhere", CONTROVERSY),
        ("en fotograf från tv ringde om vårt inlägg", CONTROVERSY),
        ("people started a petition against our video", CONTROVERSY),
    ],
)
def test_round_two_situations_in_general_words(query, kind):
    assert situation(query) == kind


@pytest.mark.parametrize(
    "query",
    [
        "saanko jakaa kuvakaappauksen kaupungin julkaisusta",
        "miten saan meidän videon leviämään",
        "mitkä ovat somen trendit, pitäisikö meidän tehdä videoita",
        "kuka maksaa facebook-mainokset",
        "pitääkö vielä maksaa mainoksesta",
        "kadun julkaisua, voinko poistaa sen",
        "seuraako kaupunki kaikkia tilejä",
        "saako haukkua kaupunkia omalla tilillä",
        "kuinka kauan pitää odottaa vastausta",
        "miten kirjasto voi näkyä paremmin somessa",
    ],
)
def test_round_two_rules_leave_ordinary_questions_alone(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query, kind",
    [
        # threat verbs in new inflections and weak grades ("ammutaan" is "ampua")
        ("kommentoija sanoi et tapetaan teidät kaikki", THREAT),
        ("viestissä luki et ammutaan koko virasto", THREAT),
        ("joku sanoi et hakataan hengiltä", THREAT),
        ("asiakas kirjotti et se lyö mua turpaan", THREAT),
        # a building named in an unknown compound ("nuoriso|talo")
        ("joku aikoo polttaa nuorisotalon", THREAT),
        # veiled menaces: a meeting promised, harm hinted at, a warning, being found
        ("se laitto et nähdään pian", THREAT),
        ("viesti: odota vaan", THREAT),
        ("olis ikävää jos sulle sattuis jotain", THREAT),
        ("kaveri sano et mun kannattaa katsoa selkääni", THREAT),
        ("mä löydän sut kyllä, se kirjoitti", THREAT),
        ("mun kotiosoite ja lasten nimet laitettiin nettiin", THREAT),
        ("han hotar att slå mig", THREAT),
        ("someone said they will stab me after work", THREAT),
        ("they posted that someone will shoot up the festival", THREAT),
        ("got a message telling me to watch my back", THREAT),
        # floods of comments counted in digits, papers and the media, things out of hand
        ("meidän postaukseen tuli 400 vihaista kommenttia", CONTROVERSY),
        ("postauksesta tuli kommenttitulva", CONTROVERSY),
        ("meistä on lööppi iltalehdessä", CONTROVERSY),
        ("lehdestä soitettiin meidän päivityksestä", CONTROVERSY),
        ("ilta-sanomat soitti ja kysyi meidän julkaisusta", CONTROVERSY),
        ("juttu lähti ihan käsistä facebookissa", CONTROVERSY),
        ("meistä tehdään meemejä paikallisryhmissä", CONTROVERSY),
        ("nettiin on tehty adressi meidän uutta logoa vastaan", CONTROVERSY),
        ("the local paper is writing about our post", CONTROVERSY),
        ("our post blew up, hundreds of angry replies", CONTROVERSY),
        ("it's all over the local facebook groups now", CONTROVERSY),
    ],
)
def test_round_three_situations_by_word_family(query, kind):
    ans = get_index().search(query)
    assert ans.situation == kind and not ans.no_match
    assert ans.hits[0].passage.topic == kind
    if kind == THREAT:
        assert ans.hits[0].passage.id == THREAT_ID


@pytest.mark.parametrize(
    "query",
    [
        # comments, the media and numbers in ordinary questions
        "saako kommentteja poistaa",
        "kuinka paljon kommentteja postaus saa",
        "pitääkö meidän vastata kaikkiin kommentteihin",
        "voiko media käyttää meidän kuvia",
        "voiko toimittajalle antaa haastattelun somessa",
        "julkaisu keräsi 200 tykkäystä, onko se hyvä",
        "saako mainostaa 100 euron budjetilla",
        "miten saan julkaisun leviämään kaikkialle",
        # words of the menace rules in harmless use
        "milloin nähdään seuraavassa palaverissa",
        "mistä löydän teidät facebookista",
        "mitä jos julkaisuun sattuisi jotain virheitä",
        "pitääkö varoa julkaisemasta lasten kuvia",
        "saako kuvata lapsia päiväkodissa",
        "voiko kaupunki tehdä meemejä",
        "saanko julkaista tapahtuman osoitteen",
        "can the press use our photos",
    ],
)
def test_round_three_rules_leave_ordinary_questions_alone(query):
    assert_no_situation(query)


def test_a_stray_word_of_the_mistake_passage_does_not_take_a_media_call_from_the_storm_advice():
    """The mistake advice leads a controversy only when the question really is about a mistake."""
    ans = get_index().search("toimittaja soitti ja kyselee meidän postauksesta josta on noussu iso haloo")
    assert ans.situation == CONTROVERSY
    assert ans.hits[0].passage.id != "somekohu-2"


@pytest.mark.parametrize(
    "query, kind",
    [
        # doxxing of a home or children, by someone, somewhere (forum, chat group, Telegram)
        ("joku on julkaissut mun kotiosoitteen jollain keskustelupalstalla", THREAT),
        ("joku laittoi kuvia mun talosta telegramiin", THREAT),
        ("någon har lagt ut bilder på mitt hus i en grupp", THREAT),
        ("someone shared photos of my kids in a chat group", THREAT),
        # veiled menaces: a pity if something happened
        ("se kirjotti et olis harmi jos jotain kävis", THREAT),
        ("det vore tråkigt om något hände", THREAT),
        ("he said it'd be a pity if anything happened", THREAT),
        # lying in wait after work, at home, by the car
        ("asiakas sano et odottaa mua kotona", THREAT),
        ("någon väntar på mig efter skiftet", THREAT),
        ("he keeps saying he'll wait for me outside", THREAT),
        # ours everywhere now: memes, screenshots; baited into a fight
        ("meemejä meidän tiedotteesta on joka paikassa", CONTROVERSY),
        ("mun vastauksesta kiertää kuvakaappauksia joka puolella", CONTROVERSY),
        ("skärmdumpar av vårt inlägg finns överallt", CONTROVERSY),
        ("our tweet is everywhere now", CONTROVERSY),
        ("trolli yrittää provosoida mua kommenteissa", CONTROVERSY),
        ("a commenter keeps baiting me into a fight", CONTROVERSY),
    ],
)
def test_round_four_situations(query, kind):
    ans = get_index().search(query)
    assert ans.situation == kind and not ans.no_match
    assert ans.hits[0].passage.topic == kind
    if kind == THREAT:
        assert ans.hits[0].passage.id == THREAT_ID


@pytest.mark.parametrize(
    "query",
    [
        # one's own photos and addresses, waiting for answers, spreading wished for
        "saanko julkaista kuvan mun lapsista omassa instassa",
        "can I post pictures of my kids on my own instagram",
        "saako kaupungin sivulla julkaista päiväkodin osoitteen",
        "voiko ryhmään laittaa koulun osoitteen",
        "kuntalainen odottaa vastausta viestiinsä, kuinka nopeasti pitää vastata",
        "odotamme kuntalaisten kommentteja kyselyyn",
        "how long can a follower wait for a reply",
        "miten saan meidän julkaisun leviämään joka paikkaan",
        "how do we get our posts everywhere",
        "mitä jos julkaisuun tulee virhe, olisi harmi",
        "saako meemejä käyttää kaupungin tilillä",
        "voiko kuvakaappauksen jakaa",
        "miten vältän riitoja työporukassa",
    ],
)
def test_round_four_rules_leave_ordinary_questions_alone(query):
    assert_no_situation(query)


def test_every_person_and_mood_of_a_situation_verb_maps_back_to_it():
    """Forms simplemma's dictionary lacks are generated from the verb's two stems (situations.verb_forms)."""
    recognizer = get_index()._situations
    forms = {
        "polttaa": "poltan poltat polttavansa polttavat poltetaan polttaisin polttamaan poltti polttakaa",
        "tappaa": "tapan tapat tappavansa tappavat tapetaan tappaisin tappamaan tappoi",
        "kuolla": "kuolet kuolisit kuolette kuolevansa kuolkoon kuolisi kuoli kuollut kuolkaa",
        "räjäyttää": "räjäytän räjäyttävänsä räjäytetään räjäyttäisi räjäytti",
        "sytyttää": "sytytän sytyttävänsä sytytetään sytyttämään sytyttäisi",
        "ampua": "ammun ammutaan ampuvansa ampumaan ampuisi",
        "lyödä": "lyön lyöt lyövänsä lyödään lyömään",
        "hakata": "hakkaan hakkaat hakkaavansa hakataan hakkasi hakkaisi",
        "kytätä": "kyttää kyttäävät kytätään kyttäsi",
    }
    for verb, text in forms.items():
        missed = [f for f in text.split() if verb not in recognizer.lemmas(f, "fi")]
        assert not missed, (verb, missed)
    # ...but a form the lexicon files under another word stays that word's, and a bare participle
    # is an adjective ("paras tapa" is a way, "polttava kysymys" a burning issue)
    assert "tappaa" not in recognizer.lemmas("tapa", "fi")
    assert "polttaa" not in recognizer.lemmas("polttava", "fi")


@pytest.mark.parametrize(
    "query, kind",
    [
        # a death wish: dying hoped for, deserved, or addressed to "you", in any form
        ("kommentoija kirjoitti että toivottavasti kuolet pian", THREAT),
        ("joku vastasi meidän julkaisuun et kuolisitpa", THREAT),
        ("viestissä luki että sun pitäis kuolla", THREAT),
        ("hon skrev att hon hoppas att jag dör", THREAT),
        ("someone wrote that they hope I die", THREAT),
        # fire or explosives set to a place, in any inflection
        ("hän kirjoitti että polttaa nuorisotalon", THREAT),
        ("joku uhosi sytyttävänsä kirjaston tuleen", THREAT),
        ("kommentoija lupasi räjäyttävänsä uimahallin", THREAT),
        ("a commenter said they would blow up the town hall", THREAT),
        # payback and warnings
        ("yksityisviestissä luki että saat vielä mitä ansaitset", THREAT),
        ("någon skrev att vi ska få vad vi förtjänar", THREAT),
        ("han sa att han ska göra upp med dig", THREAT),
        ("he said you'll get what's coming to you", THREAT),
        ("joku kirjoitti pidä varasi", THREAT),
        ("akta dig skrev någon i kommentarerna", THREAT),
        ("you better watch out, the commenter wrote", THREAT),
        # being there: someone standing or filming at one's home; a visit urged
        ("joku seisoo mun pihalla joka ilta ja kuvaa", THREAT),
        ("sama tyyppi odottaa kotini ovella", THREAT),
        ("någon står utanför mitt hus och filmar", THREAT),
        ("he posted her address and told people to pay her a visit", THREAT),
        # what is ours shared on, people furious, things escalating
        ("kuvakaappaus meidän vastauksesta on jaettu kaikkiin ryhmiin", CONTROVERSY),
        ("ihmiset on ihan raivoissaan meidän päivityksestä", CONTROVERSY),
        ("asukkaat tuohtuivat meidän julkaisusta", CONTROVERSY),
        ("keskustelu eskaloitui täysin meidän sivulla", CONTROVERSY),
        ("folk är förbannade på vårt inlägg", CONTROVERSY),
        ("skärmdumpar av vårt svar delas i grupper", CONTROVERSY),
        ("our reply is being shared in groups and people are furious", CONTROVERSY),
        ("our post snowballed overnight", CONTROVERSY),
        ("se kirjotti mun osoitteen ryhmään ja käski mennä käymään", THREAT),
        ("de la ut min adress och uppmanade folk att hälsa på", THREAT),
        ("joku kyttää mua joka päivä", THREAT),
        ("meidän postauksesta on kuvakaappauksia kaikissa ryhmissä", CONTROVERSY),
        ("asia lähti lumipallona liikkeelle", CONTROVERSY),
        ("koko juttu paisui ihan hirveäksi", CONTROVERSY),
        ("mene kuolemaan, kirjoitti se", THREAT),
        ("saisit kuolla", THREAT),
        ("joku uhkas nitistää mut", THREAT),
        ("han sa att han ska skjuta dig", THREAT),
        ("kommenttikenttä räjähti meidän julkaisun alla", CONTROVERSY),
        ("the comments exploded under our post", CONTROVERSY),
        ("pelkään henkeni puolesta", THREAT),
        ("jag är rädd för mitt liv", THREAT),
        ("I fear for my safety", THREAT),
        ("meidän postaus levis koko kaupunkiin", CONTROVERSY),
        ("ihmiset on ihan kiukuissaan", CONTROVERSY),
        ("meidän tiedotteesta nousi hirveä häly", CONTROVERSY),
    ],
)
def test_round_five_situations_by_single_signals(query, kind):
    assert_recognised_and_answered(query, kind)


@pytest.mark.parametrize(
    "query",
    [
        "saako kuvakaappauksia jakaa ryhmiin",
        "miten vastaan vihaiseen kommenttiin meidän julkaisussa",
        "polttava kysymys kirjaston aukioloista",
        "linkki on kuollut, mitä teen",
        "saanko kuvata päiväkodin pihalla",
        "odotan vastausta kommenttiin",
        "mikä on paras tapa vastata",
        "meidän tapamme toimia somessa",
        "what is the killer app for scheduling posts",
        "how do we pay for this boosted post",
        "what should you watch out for in comments",
        "can I share screenshots of comments in our group",
        "mitä teen kun tili kuoli",
        "kirjasto palaa normaaliin aukioloon",
        "kirjastoon tuli uusi somevastaava",
        "toivottavasti tämä auttaa",
        "we hope the link is not dead",
        "how do I burn a video to dvd",
        "hur aktar man sig för bedrägerier",
        "vi ska göra upp en plan för sommaren",
        "miten julkaisut jaetaan ryhmiin",
        "ansaitsemme asukkaiden luottamuksen",
        "saako kaikki nähdä julkaisun",
        "kirjoitin tapahtuman osoitteen ja kehotin käymään",
        "tulkaa käymään mun kotisivuilla",
        "seuraajamäärä paisui isoksi",
        "voiko kuvakaappauksia jakaa kaikissa ryhmissä",
        "miten saan postauksen leviämään kaikkiin ryhmiin",
        "miks toimittajat kyttää meiän fb-keskusteluja",
        "miten toimin jos kommentoija kuolee",
        "mitä pitäisi tehdä jos työntekijä kuolee",
        "saako kommenttikentän sulkea",
        "pelkään julkaista omalla nimellä",
        "pelkään että teen virheen",
        "onko turvassa käyttää somea kotona",
        "lehden otsikko meidän tapahtumasta",
        "miten saan julkaisun leviämään koko kaupunkiin",
        "kiukkuinen asukas kommentoi",
    ],
)
def test_round_five_near_misses_are_no_situation(query):
    assert_no_situation(query)


# Round 6: veiled threats and a public figure's pile-on, each with a near miss.
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        # burnt to ashes or to the ground
        ("toivottavasti koko uimahalli palaa poroksi", THREAT),
        ("hope the whole city hall burns to the ground", THREAT),
        ("jag hoppas att biblioteket brinner ner till grunden", THREAT),
        # a warning with nothing after it, relayed or direct
        ("joku laittoi viestin siskolleni et kerro sille et sen kannattaa varoa", THREAT),
        ("sun kannattaa varoo vähän", THREAT),
        ("någon sa till min fru att han ska akta sig", THREAT),
        # a euphemism in scare quotes with people as its object
        ("en kommentar sa att de ska 'ta hand om' lärarna", THREAT),
        ('someone wrote they will "take care of" our staff', THREAT),
        ('kommentissa luki et ne aikoo "hoitaa" sut', THREAT),
        # a politician sharing our post and slamming it; chaos in the comments
        ("a local councillor shared our post and mocked it", CONTROVERSY),
        ("valtuutettu jakoi meidän päivityksen ja lyttäsi sen", CONTROVERSY),
        ("kommenttikentässä on ihan kaaos meidän postauksen alla", CONTROVERSY),
        ("the comments under our video are total chaos", CONTROVERSY),
        # doxxing in the passive, someone hanging about at our workplace, settling scores with a role
        ("jossain whatsapp-ryhmässä on jaettu mun kotiosoite", THREAT),
        ("joku mies on seissyt kirjaston pihalla kuvaamassa meitä monta iltaa", THREAT),
        ("en förälder skrev att han ska göra upp med läraren", THREAT),
        # harm that may happen unless demands are met; screenshots passed round now
        ("asiakas vihjaa et päiväkodilla voi sattua jotain ikävää jos ryhmiä ei pienennetä", THREAT),
        ("meidän vastauksesta otetaan nyt kuvakaappauksia ja jaetaan joka paikassa", CONTROVERSY),
        # ...while the verb and an unknown compound's head still count
        ("kommentoija sanoi et sut listitään", THREAT),
        ("poltan teidän nuorisotalon", THREAT),
    ],
)
def test_round_six_veiled_threats_and_pile_ons(query, kind):
    assert_recognised_and_answered(query, kind)


@pytest.mark.parametrize(
    "query",
    [
        "kun hän palaa lomalta pitääkö päivittää tiedot ajan tasalle",
        "kirjasto palaa normaaliin aukioloon",
        "kannattaako varoa outoja linkkejä somessa",
        "sun kannattaa varoa epäilyttäviä liitteitä",
        "man bör akta sig för falska länkar",
        "vem tar hand om sidan när jag är på semester",
        "who will take care of the page during holidays",
        "kuka hoitaa sivua lomalla",
        "valtuutettu jakoi meidän päivityksen omalla seinällään",
        "saako valtuutettu kritisoida kaupungin päätöstä somessa",
        "how do I tidy up a messy page layout",
        "saanko julkaista kuvan lapsistani",
        "saako kuvata meidän päiväkodin pihalla",
        "vi ska göra upp en plan med rektorn",
        "miten meidän julkaisuja jaetaan ryhmissä",
        "mitä teen jos somessa sattuu jotain ikävää",
        "mitä voi tapahtua jos en noudata ohjetta",
        # a list is no "listiä", and a spoken "millasta" (millaista) hides no "lasta" (a child)
        "onko ohjeessa lista kanavista",
        "tiedätkö millasta on hyvä viestintä",
        "tiedän millasta on olla päivittäjä",
    ],
)
def test_round_six_near_misses_are_no_situation(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        "joku uhkasi tulla kirjastolle pistoolin kanssa",
        "kommentissa luki että tulee kouluun revolverin kanssa",
        "han skrev att han tar med sig bössan till simhallen",
        "någon nämnde ett hagelgevär i ett meddelande till personalen",
        "a man said he would bring his shotgun to the pool",
        "the message mentioned a firearm and our receptionist",
        # a bullet deserved
        "got a voicemail saying the council staff deserve a bullet",
        "kommentoija kirjoitti että koko valtuusto ansaitsee luodin",
        "han skrev att rektorn förtjänar en kula",
    ],
)
def test_firearms_and_a_bullet_deserved_are_threats(query):
    ans = assert_recognised_and_answered(query, THREAT)
    assert ans.hits[0].passage.id == "turvallisesti-somessa-5"


@pytest.mark.parametrize(
    "query",
    [
        "can I use bullet points in a facebook post",
        "I want bullet points in the post, is that ok",
        "ska jag använda en kula som ikon i inlägget",
        "do bullet lists work on instagram",
    ],
)
def test_bullet_points_are_no_threat(query):
    assert_no_situation(query)


# Round 8 (tuned on the spent set g): veiled menaces, a place to blow up, a petition, followers set on us.
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("joku kirjoitti että koulu räjähtää maanantaina", THREAT),
        ("viestissä sanottiin et uimahalli räjähtää ilmaan huomenna", THREAT),
        ("soittaja sanoi et jos palvelua ei palauteta nii kohta sattuu jollekin", THREAT),
        ("jos ette kuuntele niin jollekin käy vielä huonosti", THREAT),
        ("tuli viesti 'katso ettei sun lapsille satu mitään'", THREAT),
        ("pidä huoli ettei autolles käy mitään", THREAT),
        ("kommentoija kirjoitti et ensi kerralla se ei jää sanoihin", THREAT),
        ("en man skrev att han kommer till biblioteket och ställer till bråk", THREAT),
        ("en kund skrev att hon kommer hit och ställer till det för oss alla", THREAT),
        ("meiän sivulla on ihan hirvee myrsky siitä tiedotteesta", CONTROVERSY),
        ("kuntalaiset keräävät adressia meitä vastaan ja linkkaa sitä joka postaukseen", CONTROVERSY),
        ("someone started a petition against our post", CONTROVERSY),
        ("sen seuraajat hyökkää nyt meidän kommenttikenttään", CONTROVERSY),
        ("hans följare angriper vårt konto", CONTROVERSY),
    ],
)
def test_round_eight_veiled_menaces_and_pile_ons(query, kind):
    assert_recognised_and_answered(query, kind)


@pytest.mark.parametrize(
    "query",
    [
        "meidän kirjaston insta räjähtää kohta kun julkaistaan uutinen",
        "mitä jos sattuu jollekin virhe postauksessa",
        "miten varmistan ettei tilillä tapahdu mitään outoa lomalla",
        "varmista ettei kuvaan jää mitään henkilötietoja",
        "käykö mitään jos en vastaa kommenttiin",
        "kommer det att ställa till problem om vi byter profilbild",
        "det ställer till det för oss med bildrätten, kommer ni till mötet",
        "myrsky kaatoi puita, voiko siitä postata kuvan sivulle",
        "the storm closed the pool, can we post about it on our page",
        "saako kaupungin sivulla jakaa adressin linkkiä",
        "miten saan lisää seuraajia",
        "how do I get more followers on the account",
    ],
)
def test_round_eight_near_misses_are_no_situation(query):
    assert_no_situation(query)


# Round 9 (tuned on the spent set h): spoken "tiiän", walking home alone dared, someone's own "not safe",
# a rope and a tree, weapon emoji, fans set on us, half the town angry, a meme all share, Kokkola's papers.
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("kommentissa luki 'tiiän missä asut, kato selkäs taakse'", THREAT),
        ("sen mää tiiän mihin kouluun sun lapset menee", THREAT),
        ("viesti: teidän johtajan kannattaa miettiä uskaltaako se kävellä yksin kotiin", THREAT),
        ("tuli kirje 'teidän lapset ei oo turvassa koulun pihalla'", THREAT),
        ("someone emailed that your kids are not safe at the daycare", THREAT),
        ("arvostelussa luki et sytyttää nuorisotilan tuleen", THREAT),
        ("kommentoija kirjoitti et valtuutetulle pitäis hankkia köysi ja puu", THREAT),
        ("he wrote we need a rope and a tree for the mayor", THREAT),
        ("joku lähetti kuvan meidän ovesta ja 🔪", THREAT),
        ("viesti oli pelkkä 💣 ja koulun nimi", THREAT),
        ("kuuluisa youtubettaja teki meistä videon ja sen fanit haukkuu nyt meiän sivua", CONTROVERSY),
        ("her fans are trashing our page now", CONTROVERSY),
        ("halva Karleby är arga på oss efter inlägget", CONTROVERSY),
        ("alla delar memen om vår nya logga", CONTROVERSY),
        ("KP soitti meidän päivityksestä", CONTROVERSY),
        ("ÖT ringer om inlägget", CONTROVERSY),
        ("lehdessä oli juttu meistä ja nyt kaikki kommentoi", CONTROVERSY),
        ("the paper ran a story about us", CONTROVERSY),
    ],
)
def test_round_nine_situations(query, kind):
    assert_recognised_and_answered(query, kind)


@pytest.mark.parametrize(
    "query",
    [
        "eivät lasten kuvat ole turvassa somessa?",
        "is our page safe from hackers",
        "uskaltaako somessa kertoa omia mielipiteitä",
        "voiko postata kuvan köysiradasta",
        "hur svarar man en arg kund",
        "får vi dela en meme på stadens sida",
        "miten saamme lisää faneja",
        "kiitos 🔥 hieno postaus",
        "tiiätkö mistä löytyy somen ohje",
        "kato onks meillä tiktok",
        # sharing the news is no media storm
        "voiko lehden juttua jakaa meidän sivulla",
        "voiko KP:n juttua jakaa meidän sivulla",
        "can we share the newspaper article on our page",
    ],
)
def test_round_nine_near_misses_are_no_situation(query):
    assert_no_situation(query)


# Round 10 (tuned on the spent set i): suffering promised, a cold grave, silence urged through family,
# a home address with a photo of the house, a petrol can brought, a name with a cross, seen again.
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("soittaja sano et jos päätöstä ei pureta nii virkailijat saa kärsiä", THREAT),
        ("se kirjotti et pistää meiän johtajan kylmään maahan", THREAT),
        ("valtuutetun lapsille oli viestitetty et isän kannattais pysyä hiljaa", THREAT),
        ("postissa tuli kirje, jossa oli rehtorin kotiosoite ja kuva sen talosta", THREAT),
        ("someone posted my address and a photo of my house", THREAT),
        ("arvosteluun oli kirjoitettu et ensi kerralla tuo bensakanisterin mukanaan", THREAT),
        ("he said he'd bring a jerrycan of petrol next time", THREAT),
        ("koulun seinään oli maalattu opettajan nimi ja risti sen perään", THREAT),
        ("anonyymi kirjotti 'näin sut taas salilla', vähän pelottaa", THREAT),
        ("joku äijä soitti et tulee hakemaan mut töistä", THREAT),
        ("KP kirjotti jutun meiän päivityksestä ja nyt kaikki pilkkaa", CONTROVERSY),
    ],
)
def test_round_ten_situations(query, kind):
    assert_recognised_and_answered(query, kind)


@pytest.mark.parametrize(
    "query",
    [
        "saako asiakas kärsiä jos emme vastaa viikonloppuna",
        "kannattaako pysyä hiljaa kun joku provosoi somessa",
        "saako julkaista kuvan kaupungintalosta ja sen osoitteen",
        "voiko Punaisen Ristin nimeä käyttää postauksessa",
        "näin sun postauksen, tosi hyvä",
        "kuka tulee hakemaan kuvat toimistolta",
        "saako päiväkodin pihalla käyttää bensiinikäyttöistä ruohonleikkuria videossa",
        "can I write a press release for our page",
    ],
)
def test_round_ten_near_misses_are_no_situation(query):
    assert_no_situation(query)


# Round 11 (tuned on the spent set j): watching over one's shoulder, "you're next", harm promised to
# you, gallows, "finish this", fans spamming us, a group founded against us, fiery residents.
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("viestissä luki et sun kannattais katella olan yli illalla", THREAT),
        ("ovessa luki 'seuraavaks sä'", THREAT),
        ("someone wrote 'you're next' under my photo", THREAT),
        ("kyllä sulle vielä käy huonosti, se kirjotti", THREAT),
        ("någon har ritat en galge bredvid mitt namn", THREAT),
        ("he says he will come to the library and finish this", THREAT),
        ("sen fanit spämmää meidän kommenttikenttää", CONTROVERSY),
        ("asukkaat perusti ryhmän meidän päätöstä vastaan", CONTROVERSY),
        ("residents started a group against our new logo", CONTROVERSY),
        ("ihmiset on ihan tulisena meiän tiedotteesta", CONTROVERSY),
    ],
)
def test_round_eleven_situations(query, kind):
    assert_recognised_and_answered(query, kind)


@pytest.mark.parametrize(
    "query",
    [
        "en tiedä kotisivun osoitetta",
        "seuraavaksi sinä voit julkaista tarinan",
        "can we finish this post when we come back from lunch",
        "miten perustaa ryhmä kuntalaisille",
        "kuka vastaa meiän tiedotteesta",
    ],
)
def test_round_eleven_near_misses_are_no_situation(query):
    assert_no_situation(query)


def test_not_knowing_what_to_do_with_a_day_care_post_is_no_threat():
    """ "en tiedä" near a day-care centre is no "I know where you live": a home is its own word. (What
    to do with a post is left to the situation model, which since set ah was taught reads it as a
    possible controversy, 0.51.)"""
    query = "en tiiä mitä tehä päiväkodin postauksen kanssa"
    assert situation(query) is None
    assert get_index().search(query).situation != THREAT


def test_a_swedish_word_is_not_read_as_a_finnish_stem():
    """ "hakade på" (latched on) guessed as Finnish "hakata" (to beat) made a pile-on a threat."""
    query = "en influencer hakade på vårt inlägg och nu är kommentarsfältet fullt av ilska"
    assert situation(query) == CONTROVERSY


# Round 12 (tuned on the spent set k): crosshairs, run over wished, not coming home alive, asking
# where someone lives, "kiva talo sulla", "kato selkäs taakse"; views by the hundred thousand, residents
# calling us liars, a group founded to oppose us, Swedish "galna", "people screenshot it".
@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("joku piirsi tähtäimen rehtorin kuvaan", THREAT),
        ("messengeriin tuli 'toivottavasti jäät auton alle'", THREAT),
        ("han skrev att jag inte kommer hem levande", THREAT),
        ("viestissä luki et et pääse töistä hengissä", THREAT),
        ("someone wrote that our lifeguard won't see christmas", THREAT),
        ("joku soitti ja kyseli missä mä asun", THREAT),
        ("kuva mun autosta ja teksti 'kiva talo sulla'", THREAT),
        ("kato selkäs taakse, se kirjotti", THREAT),
        ("meiän video on keränny 300 tuhatta katselua ja kommentit on ihan hirveitä", CONTROVERSY),
        ("kaikki sanoo et kaupunki valehtelee", CONTROVERSY),
        ("ne perusti ryhmän vastustamaan meiän hanketta", CONTROVERSY),
        ("folk är helt galna på vårt inlägg", CONTROVERSY),
        ("I posted the wrong date and now people screenshot it", CONTROVERSY),
        ("a streamer's fans flood our comments", CONTROVERSY),
    ],
)
def test_round_twelve_situations(query, kind):
    assert_recognised_and_answered(query, kind)


@pytest.mark.parametrize(
    "query",
    [
        "postasin kesäkuvan jossa näkyy mun kotiosoite, onko se ongelma",
        "saanko julkaista mun puhelinnumeron kaupungin sivulla",
        "kirjoitin lehden juttuun kommentin omalla nimellä",
        "toivottavasti kukaan ei jää ilman vastausta",
        "how do I take a screenshot of our page",
        "kiva talo, voiko siitä julkaista kuvan",
        "kysyin missä kaupungin somevastaava istuu",
    ],
)
def test_round_twelve_near_misses_are_no_situation(query):
    assert_no_situation(query)


# Round 17 (tuned on the spent sets a–q): words the rules misread by their form.
@pytest.mark.parametrize(
    "query",
    [
        # a compound ends in a noun: "vesi|katkosta" is no "kosta!" (the imperative of "kostaa")
        "saako kaupungin sivulla kertoa vesikatkosta",
        # "virallista" is the partitive of "virallinen", not a form of "viraali"
        "en jaksa kirjoittaa virallista kieltä instaan",
        # a common word is no weak grade of a situation word: "tiedottaa" is not "tietää"
        "onko sivun tarkoitus vain tiedottaa vai kertoa millaista täällä on asua",
    ],
)
def test_round_seventeen_misread_words_are_no_situation(query):
    assert situation(query) is None


def test_waiting_around_for_someone_is_lying_in_wait():
    # "odotella", to wait around: as "odottaa"
    assert situation("se on alkanut odotella mua parkkipaikalla töiden jälkeen") == THREAT


@pytest.mark.parametrize(
    "query",
    [
        "riita kälviän koulusta leviää nyt meidän sivulle",
        "grälet om simhallen sprider sig till vår sida",
        "the row about the bus station is spreading to our page",
    ],
)
def test_a_quarrel_that_spreads_is_a_controversy(query):
    assert situation(query) == CONTROVERSY


def test_a_swedish_word_gets_no_finnish_typo_fix():
    """ "tappat" (lost) fixed as Finnish "tapat" (you kill) made a lost access card a threat."""
    assert situation("var får jag ett nytt passerkort när jag har tappat mitt") is None


def test_two_words_run_together_are_a_compound_not_a_typo():
    """ "puku|kopin" (changing-room) was typo-fixed to "puukoin" (with knives)."""
    assert get_index().analyzer.normalize("pukukopin", "fi") == "pukukopin"
    assert situation("uimahallin pukukopin ovi on jumissa, kenelle soitan") is None


@pytest.mark.parametrize(
    "query",
    [
        "saako koulun pihalla polttaa risuja",
        "voiko kirjaston takana polttaa vanhoja julisteita",
        "får vi bränna ris bakom daghemmet",
        "can we burn the old flyers behind the library",
    ],
)
def test_a_verb_the_asker_asks_leave_for_is_their_own_act(query):
    assert situation(query) is None


@pytest.mark.parametrize(
    "query", ["joku uhkasi polttaa mun auton", "voiko joku uhata mua noin", "saako kukaan uhkailla näin"]
)
def test_a_threat_by_someone_else_stays_a_threat(query):
    assert situation(query) == THREAT


@pytest.mark.parametrize(
    "query",
    [
        "jäähallin aukioloaikojen muutos räjäytti kommentit eilen illalla",
        "koiranomistajat pommittaa liikuntapalveluiden sivua koirapuiston takia",
        "de bombarderar sidan efter beslutet om parkeringen",
        "folk rasar i kommentarerna över de nya bussturerna",
    ],
)
def test_a_flood_at_our_page_or_people_raging_is_a_controversy(query):
    assert situation(query) == CONTROVERSY


@pytest.mark.parametrize(
    "query",
    [
        "joku uhkasi räjäyttää kaupungintalon ja kirjoitti sen meidän sivulle",
        "ne pommittaa mun inboxia tappouhkauksilla",
    ],
)
def test_a_bomb_threat_written_on_our_page_stays_a_threat(query):
    assert situation(query) == THREAT


def test_a_roof_that_collapses_is_no_outrage():
    assert situation("taket i simhallen rasade i natt, får vi lägga ut en bild") is None


@pytest.mark.parametrize(
    "query",
    [
        "myrskyn uhka perui kesäteatterin esityksen, miten kerron siitä",
        "lakon uhka koskee myös uimahallia ensi viikolla",
    ],
)
def test_a_risk_of_weather_or_a_strike_is_no_threat(query):
    # "uhka" after the genitive of a thing is a risk, as "tietoturvauhka" is
    assert situation(query) is None


@pytest.mark.parametrize(
    "query", ["koin väkivallan uhkaa kun asukas tuli palvelutiskille", "hänen uhka oli ihan selvä viestissä"]
)
def test_a_threat_of_violence_or_by_someone_stays_a_threat(query):
    assert situation(query) == THREAT


@pytest.mark.parametrize(
    "query",
    [
        "jäähallin katto uhkaa romahtaa lumikuorman takia",
        "kesäkonsertti uhkaa peruuntua ukkosen takia",
        "koulujen katot uhkaavat romahtaa lumen alla",
    ],
)
def test_a_thing_in_danger_of_a_mishap_is_no_threat(query):
    assert situation(query) is None


@pytest.mark.parametrize(
    "query",
    ["asiakas uhkaa lyödä palvelutiskillä", "se uhkaa tulla käymään mun kotona", "asukas uhkaa kertoa missä asun"],
)
def test_someone_threatening_to_do_something_stays_a_threat(query):
    assert situation(query) == THREAT


@pytest.mark.parametrize(
    "query", ["vi fick ett hotbrev till biblioteket i går", "rektorn fick ett hotmeddelande på skolans sida"]
)
def test_a_swedish_threat_compound_is_a_threat(query):
    # "hot|brev": Swedish compounds on a verb's stem (hota), as "kör|kort" on köra
    assert situation(query) == THREAT


@pytest.mark.parametrize(
    "query",
    [
        "kommentissa luki että se ajaa rekalla väkijoukkoon torikonsertissa",
        "han skrev att han ska köra in i folkmassan på marknaden",
        "näitä virkamiehiä pitäis pistää riviin seinää vasten",
        "joku teki kirjastonjohtajan nimellä kuolinilmoituksen ja jakoi sen ryhmään",
    ],
)
def test_a_vehicle_driven_at_people_a_wall_or_a_death_notice_is_a_threat(query):
    assert situation(query) == THREAT


@pytest.mark.parametrize(
    "query",
    [
        "saako kaupungin autolla ajaa torille asti",
        "hautakiven nimi on kirjoitettu väärin, kenelle ilmoitan",
        "kuva jossa nojaan seinää vasten, saako sen julkaista",
        "laitetaan juliste seinää vasten kuvaan",
        "can we put the banner against the wall in the photo",
        "gravstenens namn är fel, vem fixar",
    ],
)
def test_driving_somewhere_a_gravestone_errand_or_a_wall_is_no_threat(query):
    assert situation(query) is None


@pytest.mark.parametrize(
    "query",
    ["kun uimahalli suljettiin niin somessa alko hirveä rähinä", "alla i gruppen skäller på oss för busstiderna"],
)
def test_a_fuss_started_or_people_scolding_us_is_a_controversy(query):
    assert situation(query) == CONTROVERSY


@pytest.mark.parametrize(
    "query",
    [
        "foorumilla kirjoitetaan että tullaan käymään nuorisotalolla kirveiden kanssa",
        "viestissä luki että perheesi saa kuulla sinusta vielä",
    ],
)
def test_a_visit_with_an_axe_or_your_family_hearing_of_you_is_a_threat(query):
    assert situation(query) == THREAT


@pytest.mark.parametrize(
    "query",
    [
        "kävin ostamassa koululle uudet pesäpallomailat, saako niistä postata",
        "who pays for the new baseball bats",
        "saatte kuulla valinnasta pian sähköpostilla",
        "tavarantoimittaja kysyy meidän laskutusosoitetta",
        "mikä on kaupungin y-tunnus, toimittaja kysyy tarjousta varten",
    ],
)
def test_buying_bats_hearing_results_or_a_supplier_asking_is_no_situation(query):
    assert situation(query) is None


def test_a_journalist_asking_about_a_purchase_is_still_the_media_calling():
    assert situation("keskipohjanmaan toimittaja kysyy miksi uimahallin hankinta viivästyi") == CONTROVERSY


@pytest.mark.parametrize(
    "query",
    [
        "pakkanen uhkaa vesijohtoja koulun kellarissa",
        "snön hotar taket på ishallen",
        "the storm is threatening the old oak in the park",
    ],
)
def test_weather_or_pests_threatening_things_is_no_threat(query):
    assert situation(query) is None


@pytest.mark.parametrize(
    "query",
    [
        "hallauhka koko viikonlopun, peitetäänkö kesäkukat",  # a compound part
        "myrskyuhka perui saaristoretken",
        "ampiaisten hyökkäys koulun pihalla",  # a genitive ("ampiaisten" is no "ampumisten")
        "uhkaava ukkonen iltapäivällä, siirretäänkö konsertti sisälle",  # the noun "uhkaava" describes
    ],
)
def test_a_threat_word_of_weather_or_pests_is_no_threat(query):
    assert situation(query) is None


@pytest.mark.parametrize(
    "query",
    [
        "uhkaava viesti tuli messengeriin illalla",
        "väkivallan uhka tuntuu todelliselta palvelupisteellä",
        "sen seuraajat uhkaa tulla kotiin",
    ],
)
def test_a_threatening_message_or_violence_stays_a_threat(query):
    assert situation(query) == THREAT


def test_gambling_is_no_threat():
    assert situation("uhkapeli ja nuoret, teemapäivä koululla") is None


def test_a_din_in_social_media_is_a_controversy_and_a_loud_machine_is_not():
    assert situation("somessa on kova meteli uudesta kaavasta") == CONTROVERSY
    assert situation("ilmastointi pitää kovaa meteliä kokoushuoneessa") is None


@pytest.mark.parametrize("query", ["vihaviestien tulva uhkaa henkilökuntaa", "se jää odottamaan mua parkkiin illalla"])
def test_a_flood_of_hate_or_someone_who_stays_waiting_is_still_a_threat(query):
    assert situation(query) == THREAT


@pytest.mark.parametrize(
    "query",
    [
        "kaupunki tappaa koko keskustan tällä päätöksellä ja facessa on jo 400 vihaista kommenttia",
        "staden dödar centrum säger folk i hundratals kommentarer på vår sida",
        "the city is killing the old park and people are furious on our facebook page",
    ],
)
def test_the_city_killing_something_is_an_accusation_not_a_threat(query):
    assert situation(query) == CONTROVERSY


def test_a_threat_to_the_citys_staff_is_still_a_threat():
    assert situation("joku uhkaa kaupungin työntekijää facessa") == THREAT


@pytest.mark.parametrize(
    "query",
    ["tappelin kommenteissa asukkaan kanssa, olinko liian jyrkkä", "kaks valtuutettua tappelee meiän postauksen alla"],
)
def test_a_fight_in_the_comments_is_no_killing(query):
    # "tappelee" is "tapella" (fight), not a frequentative of "tappaa" (kill)
    assert situation(query) != THREAT


def test_someone_coming_to_fight_is_a_threat():
    assert situation("joku lupas tulla tappelemaan työpaikan pihalle") == THREAT


@pytest.mark.parametrize(
    "query",
    [
        # a word the lexicon lacks is no weapon by a far-fetched typo: "abeille" (seniors) is no "aseille"
        "tiktok vai insta meiän koulun abeille",
        # a spoken form of a common word is no compound of a situation word: "väliaik|aseen"
        "windows sano et pääsen vaan väliaikaseen profiiliin, kenelle soitan",
        # a threat planned for, not one received
        "is there a threat assessment template for the risk management plan?",
    ],
)
def test_words_that_only_look_like_a_threat_are_no_situation(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        "joku kirjotti et se aikoo puukottsa mut",  # "s" is beside the meant "a"
        "se sanoi et tulee aseen kanssa väliajalla",
        "they sent a threat to me",
    ],
)
def test_a_near_typo_a_real_weapon_and_a_threat_received_still_are(query):
    assert_recognised_and_answered(query, THREAT)


@pytest.mark.parametrize(
    "query",
    [
        # a form of a common word is no typo: "sammutettiin" (put out) is no "satutettiin" (hurt)
        "kaupungintalon valot sammutettiin illalla, saako siitä postata",
        # threats listed beside risks are a plan's, not anyone's
        "tapahtuman turvallisuussuunnitelmaan pitää kirjata uhat ja riskit, onko pohjaa",
        "what should we list as risks and threats in the event plan",
        # an accusation against a city agency, as against the city
        "joku kirjotti et vesilaitos myrkyttää kaupunkilaiset, saanko valtuutettuna oikaista",
    ],
)
def test_a_common_word_and_a_plans_threats_are_no_situation(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        # a SWOT's threats, listed beside its opportunities, or anywhere in a question about one
        "strategiatyöpajassa kirjataan mahdollisuudet ja uhat, kuuluuko somen näkyvyys niihin",
        "vi fyller i SWOT för kommunikationsplanen, är sociala medier ett hot eller en styrka",
        "which weaknesses and threats should our channel strategy name",
    ],
)
def test_a_swots_threats_are_no_situation(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        # hundreds and thousands written as one word ("kaksi|tuhatta", not "kaksit|uhatta": without a threat)
        "julkaisuun tuli kolmetuhatta kommenttia yhdessä yössä, mitä teen",
        # "viestiä" is the partitive of "viesti" here, not the verb "to communicate"
        "tapahtumasivulle on tullut parisataa vihaista viestiä väärän tiedon takia",
        "vi fick tvåhundra arga meddelanden på en kväll efter vårt inlägg",
    ],
)
def test_hundreds_in_one_word_are_a_flood_of_comments(query):
    assert_recognised_and_answered(query, CONTROVERSY)


def test_watching_and_a_clap_back_are_no_threat_to_the_rules():
    """ "Watch your back" is a threat; "clap back" with everyone watching is not (the model reads the rest)."""
    query = "someone wrote something nasty under our post and I want to clap back at him, the whole town is watching"
    assert situation(query) is None
    assert situation("a user keeps telling me to watch my back in the comments") == THREAT


@pytest.mark.parametrize(
    "query",
    [
        "meidän uusi reels räjäytti pankin, miten jatketaan samaan malliin",  # was a hit
        "tapetaan aikaa odotellessa, voiko julkaista jotain hauskaa",
        "our new reel killed it last week, how do we keep the momentum",
        "ammuin itseäni jalkaan sillä postauksella, miten korjaan",
        "mikä on meidän somen suunta pitkän tähtäimen suunnitelmissa",  # long-term, no gun sight
    ],
)
def test_a_threat_word_in_an_idiom_is_no_situation(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        "joku uhkas räjäyttää pankin ja kirjoitti sen meidän sivulle",  # a threat word beside the idiom
        "he wrote he will kill it and then me",  # "kill it", not "killed it"
        "se sanoi et ampuu mua jalkaan jos nään sen vielä",  # not the asker's own foot
        "joku lähetti kuvan jossa mun talo on kiväärin tähtäimessä",  # a rifle's sight
    ],
)
def test_an_idiom_does_not_hide_a_threat(query):
    assert_recognised_and_answered(query, THREAT)


def test_a_threat_listed_with_another_deed_still_is():
    assert_recognised_and_answered("se uhkaili ja haukkui mua messengerissä koko illan", THREAT)


@pytest.mark.parametrize(
    "query",
    [
        "kommentissa luki että tää akka hukutetaan",
        "joku kirjotti et se myrkyttää mun koiran",
        "han skrev att han ska dränka mig i älven",
    ],
)
def test_drowning_and_poisoning_are_threats(query):
    assert_recognised_and_answered(query, THREAT)


@pytest.mark.parametrize(
    "query",
    [
        "kaupunginlakimiehen kotitalon ilmakuva ja kellonajat milloin se lähtee töihin laitettiin X:ään",
        "joku julkaisi rehtorin kodin kuvan ja sen aamurutiinit facebookissa",
        "someone posted a photo of my house and my daily routine",
    ],
)
def test_a_home_and_the_times_kept_put_online_are_stalking(query):
    assert_recognised_and_answered(query, THREAT)


@pytest.mark.parametrize(
    "query",
    [
        "kaupungintalon remontin aikataulu julkaistiin, pitääkö se jakaa myös instaan",
        "saanko julkaista kotitalon kuvan ja tapahtuman aikataulun kotiseutupäivän sivulla",
    ],
)
def test_a_buildings_schedule_and_ones_own_post_are_no_stalking(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        "yks vanhempi on nostanu ison äläkän koulun kuvasta meiän fb-sivulla",
        "asukas nosti metelin uimahallin hinnoista",
        "nu e he ett ramaskri på fejan om simhallens nya öppettider",
        "he ha blivi ett rabalder om vårt inlägg",
        "there's a public outcry over our post about the library",
    ],
)
def test_a_fuss_raised_or_an_outcry_is_a_controversy(query):
    assert_recognised_and_answered(query, CONTROVERSY)


@pytest.mark.parametrize(
    "query",
    ["nosta kuvan resoluutiota ennen julkaisua", "en ram till tavlan i stadshusets aula", "the outcome of the vote"],
)
def test_raising_a_resolution_or_a_frame_is_no_fuss(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        "mua maalitetaan somessa",
        "meidän rehtoria maalittaa yks ryhmä facebookissa",
        "maalittaminen on alkanut, mitä teen",
        "joku jakoi kuvan jossa mun naama on maalitauluna",
    ],
)
def test_being_made_a_target_is_a_threat(query):
    assert_recognised_and_answered(query, THREAT)


@pytest.mark.parametrize("query", ["ampumaradan maalitaulut pitää uusia", "tikkakisan maalitaulu on hukassa"])
def test_a_shooting_range_or_darts_target_is_no_threat(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        "twitch-striimaaja käski katsojiaan etsimään mut ja kertoi missä koulussa opetan",
        "se yllytti seuraajiaan etsimään hänet",
        "han uppmanade sina följare att hitta mig",
        "the streamer told his viewers to find me",
    ],
)
def test_a_crowd_set_on_someone_is_a_threat(query):
    assert_recognised_and_answered(query, THREAT)


@pytest.mark.parametrize(
    "query",
    [
        "pomo käski etsiä kuvat arkistosta",
        "esihenkilö käski mut etsimään vanhat postaukset",
        "I told them to find me a photo of the library",
        "the mayor told staff to find them a new office",
    ],
)
def test_being_told_to_find_a_thing_is_no_threat(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        "sain pelottavia viestejä työni takia, mitä teen",
        "joku lähettää pelottelevia kommentteja meidän kirjastonhoitajalle",
        "joku pelottelee mua messengerissä",
        "jag får skrämmande meddelanden av en okänd person",
        "I keep getting scary DMs from someone I don't know",
        "parkeringsvakterna ska få stryk skrev någon",
    ],
)
def test_frightening_messages_intimidation_and_a_beating_promised_are_threats(query):
    assert_recognised_and_answered(query, THREAT)


@pytest.mark.parametrize(
    "query",
    [
        "mua pelottaa vähän postata mitään",
        "pelottava elokuva kirjaston leffaillassa, saako siitä tehdä julkaisun",
        "stryk under det viktigaste i inlägget",
    ],
)
def test_ones_own_fear_a_scary_film_or_underlining_is_no_threat(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        "päätös suututti asukkaat ja meidän postaukseen tulee koko ajan kommentteja",
        "uimahallin sulkeminen on suututtanut kaikki ja facebook-sivulla kommentoidaan kiivaasti",
    ],
)
def test_people_angered_in_our_post_are_a_controversy(query):
    assert_recognised_and_answered(query, CONTROVERSY)


@pytest.mark.parametrize(
    "query", ["saako päivittäjä suuttua kommentoijalle", "mua suututtaa kun kommentoijat kirjoittaa väärin"]
)
def test_ones_own_anger_is_no_controversy_to_the_rules(query):
    assert situation(query) is None


@pytest.mark.parametrize(
    "query",
    [
        # read as threats by e537f44 (the rules read the threat word, or the model did)
        "någon kallade mig dum i kommentarerna, inget hot men vad gör jag",
        "someone keeps calling me stupid in the comments on our page, it's not a threat",
        "asukas haukku meidän tiedottajaa kommentissa, ei siinä mitään uhkausta ollu mut miten vastaan",
        "kommentoija kiroili mut ei uhkaillu ketään, poistanko",
        "han hotade inte mig, han bara svor i kommentarerna",
    ],
)
def test_a_threat_the_asker_denies_is_none(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        # the threatener's own denial, a hedge, a contrast, an order, a question: still threats
        'sain viestin "en mä sua uhkaa, sanon vaan että sun talossa on paljon ikkunoita"',
        "en tiedä onko tämä uhkaus mutta joku kommentoi meidän kuvaan",
        "se ei ollut vitsi vaan uhkaus, joku kirjoitti meidän sivulle",
        "han hotade inte direkt men skrev att jag ska passa mig",
        "jag hotar dig inte, men jag vet var du jobbar, skrev någon",
        "this is not the first threat against our staff on the page",
        "isn't this a threat? someone commented on our post about the mayor",
    ],
)
def test_a_threat_only_seemingly_denied_is_still_one(query):
    assert_recognised_and_answered(query, THREAT)


@pytest.mark.parametrize(
    "query",
    [
        # read as controversies by 7c4f84e (the rules read "haukkuu meitä", or the model did)
        "asukas haukku meitä kommenteissa, ei mitään uhkausta, miten vastaan",
        "yks asukas haukkuu meitä joka päivitykseen, miten suhtaudun",
        "eräs kommentoija mollaa meitä jatkuvasti fb:ssä",
        "joku haukku meitä idiooteiks instassa",
        "någon hånar oss under våra inlägg",
        "a resident keeps mocking us in the comments",
        "one angry customer is bashing us under every post, how do I reply",
    ],
)
def test_one_person_scorning_us_is_no_controversy(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        # many, or no one named: still pile-ons
        "koko kaupunki nauraa meille uuden logon takia",
        "ihmiset haukkuu meitä joka ryhmässä",
        "meitä pilkataan joka puolella somea",
        "hela stan skrattar åt oss",
        "everyone is mocking us over the new logo",
        # one person started it, and it spreads
        "joku teki meistä meemin ja nyt koko kylä nauraa meille",
        "yks tyyppi teki videon jossa haukkuu meitä ja sitä on katottu 40 000 kertaa",
    ],
)
def test_a_pile_on_is_still_a_controversy(query):
    assert_recognised_and_answered(query, CONTROVERSY)


@pytest.mark.parametrize(
    "query",
    [
        # a warning of a thing on the way home or in the dark: read as threats by 791f804 (all but
        # "varo hirviä", whose "varo" it did not read as the verb)
        "varokaa liukkaita teitä pimeällä",
        "varo hirviä kotimatkalla",
        "akta er för halkan när ni går hem",
        "akta dig för älgar i mörkret",
        "watch out for deer in the dark",
        "watch out for ice when walking home",
    ],
)
def test_a_warning_of_a_hazard_is_no_threat(query):
    assert_no_situation(query)


@pytest.mark.parametrize(
    "query",
    [
        # no situation at 791f804 ("varo" read as a noun; no Swedish evening or dark)
        "varo selkääsi kotimatkalla",
        "rektorn ska akta sig på kvällarna",
        "planeraren borde akta sig när det blir mörkt",
        # warnings at someone, as before
        "sun kannattaa varoa pimeällä",
        "akta dig när du går hem",
        "you should watch out for me after dark",
    ],
)
def test_a_warning_at_someone_is_a_threat(query):
    assert_recognised_and_answered(query, THREAT)


@pytest.mark.parametrize(
    "query",
    [
        # an illness called viral: read as controversies by 1e598f0 (the rules, or the model alone)
        "my colleague caught a viral infection, who covers her shift",
        "is the viral fever going around the school dangerous",
        "en viral infektion går runt på dagis, ska vi stänga",
        # an illness spreading through a group, as a storm spreads ("levisi koko ryhmään"): read as a
        # controversy by the rules at 4acc398
        "norovirus levinny koko ryhmään, kenelle ilmotetaan",
        "vatsatauti levisi koko päiväkotiin, suljetaanko ryhmä",
    ],
)
def test_an_illness_called_viral_is_no_controversy(query):
    assert_no_situation(query)
    assert get_index().search(query).no_match


@pytest.mark.parametrize(
    "query",
    [
        # a post going viral, also about an illness, is still one
        "our post about the flu vaccine went viral and people are furious",
        "a video about our sick leave rules went viral and everyone is angry at the city",
        "meiän koronaohjeesta tehty postaus levis kaikkialle ja ihmiset raivoo",
        # no louse in "pitäisi": the illness rule at 547858f read one here and lost this storm
        "postaus levisi kaikkialle, pitäisikö poistaa",
    ],
)
def test_a_post_going_viral_is_still_a_controversy(query):
    assert_recognised_and_answered(query, CONTROVERSY)


@pytest.mark.parametrize(
    "query",
    [
        # a threat word of the rules in an errand's words, both models sure it is no situation and
        # off topic: the /uhka button and the 112 line by 1e598f0
        "köket luktar bränt, vem ska jag ringa om spisen",
        "unohdin linkkuveitsen kaupungin saunan pukuhuoneeseen eilen, mistä voin kysyä löytötavaroita",
        "hur ofta ska vi rengöra fläkten, det luktar bränt i personalköket",
    ],
)
def test_a_long_question_both_models_call_off_topic_is_no_threat(query):
    ans = get_index().search(query)
    assert ans.no_match and ans.situation is None


@pytest.mark.parametrize(
    "query",
    [
        # the same rules' words in a cry for help, long or short, stay threats
        "jag är rädd för mitt liv",
        "jag är rädd för mitt liv efter det han skrev till mig",
        "ei uskalla mennä töihin kun se mies uhkaili mua eilen illalla",
    ],
)
def test_a_cry_for_help_stays_a_threat(query):
    assert get_index().search(query).situation == THREAT
