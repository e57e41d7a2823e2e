/**
 * Place names that are also ordinary words, and hand-made aliases.
 *
 * DICTIONARY_PLACES: every place key (woonplaats, municipality, alternative spelling, folded) that is
 * also a lower-case word in the Debian `wdutch` or `wamerican` word lists (generated once, 2024 data).
 * A capitalised one at the start of a sentence is probably the word, so bare mentions there are ignored.
 *
 * HARD_PLACES: the subset (plus a few names and abbreviations) so common as words, first names or
 * title-case English ("Best Service", "Lies", "De Vries", "Well") that a bare mention never counts:
 * only the structured location field or a cue phrase (`in Best`, `Plaats: Echt`) can name them.
 * Real towns that are rarely used as words (Hoorn, Leiden, Huizen, Putten) stay matchable.
 */
export const DICTIONARY_PLACES: ReadonlySet<string> = new Set(
  `achterveld achtmaal amen anderen assen asten axel baak baard baars bakhuizen balk balkbrug bant bears
  beek beers beets belt bergen best beugen biest blije blokker boekel boer bontebok borger born borne braamt
  broek broekland buitenpost buren dalem dalen de_hoef de_lutte de_steeg de_wijk de_woude delft dieren dijken
  donderen dongen doorn dorst drachten dreumel driewegen duiven duizel echt echten ede een eind ell ens enter
  epen erica est gasteren gauw gees geleen gemonde gieten glas glimmen goes goor gouda graft grave groede
  groet gulpen haler halfweg hall halsteren handel hank hapert haren hee heel heibloem heide heikant
  hekelingen helden hem hemmen herten het_bildt hoek hoeven holten hoofddorp hoofdplaat hoogland hoorn
  hoornaar horn horst houten houwerzijl huizen hulsel hulst huns huppel ijlst indijk kaag kaart kampen
  kamperveen klimmen kotten landgraaf laren leek leende leiden lemmer lent leunen leur lieren lies lijnden
  linde linden lions loenen loo loon losser made malden marken meeuwen meppen middelaar mill miste moerdijk
  molenhoek monster mortel mussel neer nes nieuwkoop noordeinde noorden noordhoek nutter opende oranje
  overloon overslag peest peins persingen petten plasmolen putte putten reek rekken retranchement ried
  rijen rijs rips roden rolde roosteren ruinen schermer schijf schoot sloten sluis smakt soest son spanbroek
  spankeren spier spijk spijkerboor spui steenbergen stein sterksel stevensweert stuifzand tegelen thorn
  tolkamer tonden tuil tuk uitwijk veen velden veulen vijlen vlijmen voorschoten voorst vries vuren waal
  waarde waarder warder wateren watergang wateringen waterland wedde weert well westhoek wetering wier
  wierden wijnbergen wijngaarden winde winkel woerden woudbloem wouw ww zandberg zeeland zegge zetten zoelen`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/_/g, ' ')),
);

export const HARD_PLACES: ReadonlySet<string> = new Set(
  `amen anderen axel baak baard baars balk bant bears beers beets belt best biest blije boer bontebok born
  braamt broek dalem dalen dijken donderen dorst driewegen echt echten een eind ell ens enter epen erica est
  gauw gees glas glimmen goes goor grave groet haler hall handel hank hee heel heide heikant hem hemmen
  herten hoek hoeven horn huns huppel kaart klimmen kotten lent leunen leur lieren lies linde linden lions
  loo loon made meeuwen meppen mill miste monster mortel mussel neer nes noordeinde noorden noordhoek
  nutter oranje overslag peest peins plasmolen putte reek rekken ried rijen rijs rips schijf schoot sloten
  smakt son spier spijk stuifzand thorn tonden tuil tuk veen velden veulen vries waal waarde waarder
  warder wateren watergang wetering well westhoek wier winde wouw ww zandberg zeeland zegge
  halle aalst mechelen sleen ee erp wijk stad helder elp ane ees eys erm yde rha de_hoef de_steeg de_wijk de_woude`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/_/g, ' ')),
);

/**
 * Common names for places that the reference files do not carry, mapped to today's municipality.
 * Keys are written naturally; they are folded when the gazetteer is built.
 */
export const PLACE_ALIASES: Readonly<Record<string, string>> = {
  'Den Haag': "'s-Gravenhage",
  'The Hague': "'s-Gravenhage",
  'Den Bosch': "'s-Hertogenbosch",
  Helder: 'Den Helder',
  'Bergen NH': 'Bergen (NH.)',
  'Bergen N-H': 'Bergen (NH.)',
  'Bergen Noord-Holland': 'Bergen (NH.)',
  'Bergen aan Zee': 'Bergen (NH.)',
  'Bergen L': 'Bergen (L.)',
  'Bergen Lb': 'Bergen (L.)',
  'Bergen Limburg': 'Bergen (L.)',
  'Laren NH': 'Laren (NH.)',
  'Hengelo O': 'Hengelo (O.)',
  'Hengelo Ov': 'Hengelo (O.)',
  'Hengelo Gld': 'Bronckhorst',
  'Hengelo Gelderland': 'Bronckhorst',
  'Rijswijk ZH': 'Rijswijk (ZH.)',
  'Beek L': 'Beek (L.)',
  'Stein L': 'Stein (L.)',
  Schiphol: 'Haarlemmermeer',
  'Schiphol-Oost': 'Haarlemmermeer',
  Bijlmer: 'Amsterdam',
  Mokum: 'Amsterdam',
  Haarlemmerliede: 'Haarlemmermeer',
  Spaarnwoude: 'Haarlemmermeer',
  Zeevang: 'Edam-Volendam',
  Langedijk: 'Dijk en Waard',
  Beemster: 'Purmerend',
  Wieringermeer: 'Hollands Kroon',
  Zaanstreek: 'Zaanstad',
  'Alkmaar-Noord': 'Alkmaar',
  Julianadorp: 'Den Helder',
  Bakkum: 'Castricum',
  Ljouwert: 'Leeuwarden',
  Snits: 'Súdwest-Fryslân',
  Hearrenfean: 'Heerenveen',
};

/**
 * Countries, regions and foreign cities that read like places after `in` or `regio`: never a place,
 * even where a Dutch hamlet has the name (Nederland in Steenwijkerland, America in Horst).
 */
export const NOT_PLACES: ReadonlySet<string> = new Set([
  'nederland', 'holland', 'noord holland', 'zuid holland', 'friesland', 'brabant', 'limburg', 'europa',
  'belgie', 'duitsland', 'polen', 'roemenie', 'bulgarije', 'hongarije', 'spanje', 'colombia', 'amerika',
  'noord', 'zuid', 'oost', 'west', 'centrum', 'randstad', 'hotel', 'overleg', 'prive', 'privee',
  'america', 'amerika', 'zurich', 'london', 'londen', 'paris', 'parijs',
]);
