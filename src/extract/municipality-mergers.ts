/**
 * data/pc4-4pp.csv names municipalities as they were around 2014 (some even older); data/gemeenten.csv
 * has the 2023 ones. Every pc4 municipality name that is not a 2023 name is mapped here, by hand,
 * from the official mergers (herindelingen) 2011–2023. The test suite checks that every pc4 row
 * ends up at a code in gemeenten.csv, so a new data file with an unmapped name fails loudly.
 */

/** Old municipality → today's, for municipalities that went whole into one successor. */
export const MERGED_MUNICIPALITIES: Readonly<Record<string, string>> = {
  // Noord-Holland (the region first).
  Zeevang: 'Edam-Volendam',
  Schermer: 'Alkmaar',
  'Graft-De Rijp': 'Alkmaar',
  'Haarlemmerliede en Spaarnwoude': 'Haarlemmermeer',
  Heerhugowaard: 'Dijk en Waard',
  Langedijk: 'Dijk en Waard',
  Beemster: 'Purmerend',
  Weesp: 'Amsterdam',
  Muiden: 'Gooise Meren',
  Naarden: 'Gooise Meren',
  Bussum: 'Gooise Meren',
  Andijk: 'Medemblik',
  Wervershoof: 'Medemblik',
  'Anna Paulowna': 'Hollands Kroon',
  Niedorp: 'Hollands Kroon',
  Wieringen: 'Hollands Kroon',
  Wieringermeer: 'Hollands Kroon',
  Harenkarspel: 'Schagen',
  Zijpe: 'Schagen',
  Laren: 'Laren (NH.)',
  // Renamed or qualified with a province suffix.
  'Den Haag': "'s-Gravenhage",
  Rijswijk: 'Rijswijk (ZH.)',
  Middelburg: 'Middelburg (Z.)',
  Hengelo: 'Hengelo (O.)',
  Beek: 'Beek (L.)',
  Stein: 'Stein (L.)',
  // Groningen.
  Appingedam: 'Eemsdelta',
  Delfzijl: 'Eemsdelta',
  Loppersum: 'Eemsdelta',
  Bedum: 'Het Hogeland',
  'De Marne': 'Het Hogeland',
  Eemsmond: 'Het Hogeland',
  Grootegast: 'Westerkwartier',
  Leek: 'Westerkwartier',
  Marum: 'Westerkwartier',
  Zuidhorn: 'Westerkwartier',
  Haren: 'Groningen',
  Glas: 'Groningen', // Ten Boer, garbled in the source file (its villages: Ten Post, Thesinge, …).
  'Hoogezand-Sappemeer': 'Midden-Groningen',
  Menterwolde: 'Midden-Groningen',
  Slochteren: 'Midden-Groningen',
  Bellingwedde: 'Westerwolde',
  Vlagtwedde: 'Westerwolde',
  // Fryslân.
  Dongeradeel: 'Noardeast-Fryslân',
  Ferwerderadiel: 'Noardeast-Fryslân',
  'Kollumerland en Nieuwkruisland': 'Noardeast-Fryslân',
  Bolsward: 'Súdwest-Fryslân',
  Nijefurd: 'Súdwest-Fryslân',
  Sneek: 'Súdwest-Fryslân',
  Wûnseradiel: 'Súdwest-Fryslân',
  Wymbritseradiel: 'Súdwest-Fryslân',
  'Gaasterlân-Sleat': 'De Fryske Marren',
  Lemsterland: 'De Fryske Marren',
  Skarsterlân: 'De Fryske Marren',
  Franekeradeel: 'Waadhoeke',
  'het Bildt': 'Waadhoeke',
  Menaldumadeel: 'Waadhoeke',
  Leeuwarderadeel: 'Leeuwarden',
  // Zuid-Holland.
  Bodegraven: 'Bodegraven-Reeuwijk',
  Reeuwijk: 'Bodegraven-Reeuwijk',
  Boskoop: 'Alphen aan den Rijn',
  Rijnwoude: 'Alphen aan den Rijn',
  Bernisse: 'Nissewaard',
  Spijkenisse: 'Nissewaard',
  Brielle: 'Voorne aan Zee',
  Hellevoetsluis: 'Voorne aan Zee',
  Westvoorne: 'Voorne aan Zee',
  Binnenmaas: 'Hoeksche Waard',
  Cromstrijen: 'Hoeksche Waard',
  Korendijk: 'Hoeksche Waard',
  'Oud-Beijerland': 'Hoeksche Waard',
  Strijen: 'Hoeksche Waard',
  Dirksland: 'Goeree-Overflakkee',
  Goedereede: 'Goeree-Overflakkee',
  Middelharnis: 'Goeree-Overflakkee',
  Oostflakkee: 'Goeree-Overflakkee',
  Rozenburg: 'Rotterdam',
  Bergambacht: 'Krimpenerwaard',
  Nederlek: 'Krimpenerwaard',
  Ouderkerk: 'Krimpenerwaard',
  Schoonhoven: 'Krimpenerwaard',
  Vlist: 'Krimpenerwaard',
  Giessenlanden: 'Molenlanden',
  Graafstroom: 'Molenlanden',
  Liesveld: 'Molenlanden',
  'Nieuw-Lekkerland': 'Molenlanden',
  Leerdam: 'Vijfheerenlanden',
  Zederik: 'Vijfheerenlanden',
  Noordwijkerhout: 'Noordwijk',
  // Utrecht.
  Vianen: 'Vijfheerenlanden',
  Abcoude: 'De Ronde Venen',
  Breukelen: 'Stichtse Vecht',
  Loenen: 'Stichtse Vecht',
  Maarssen: 'Stichtse Vecht',
  // Gelderland.
  Geldermalsen: 'West Betuwe',
  Lingewaal: 'West Betuwe',
  Neerijnen: 'West Betuwe',
  Groesbeek: 'Berg en Dal',
  'Millingen aan de Rijn': 'Berg en Dal',
  Ubbergen: 'Berg en Dal',
  Rijnwaarden: 'Zevenaar',
  // Noord-Brabant.
  Aalburg: 'Altena',
  Werkendam: 'Altena',
  Woudrichem: 'Altena',
  Boxmeer: 'Land van Cuijk',
  Cuijk: 'Land van Cuijk',
  Grave: 'Land van Cuijk',
  'Mill en Sint Hubert': 'Land van Cuijk',
  'Sint Anthonis': 'Land van Cuijk',
  Landerd: 'Maashorst',
  Uden: 'Maashorst',
  Schijndel: 'Meierijstad',
  'Sint-Oedenrode': 'Meierijstad',
  Veghel: 'Meierijstad',
  Lith: 'Oss',
  // Limburg.
  Eijsden: 'Eijsden-Margraten',
  Margraten: 'Eijsden-Margraten',
  Helden: 'Peel en Maas',
  Nuth: 'Beekdaelen',
  Onderbanken: 'Beekdaelen',
  Schinnen: 'Beekdaelen',
};

/**
 * Municipalities split between several successors: village → today's municipality, with the
 * successor of the remaining villages under `*`.
 */
export const SPLIT_MUNICIPALITIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Littenseradiel: {
    ...villages('Waadhoeke', 'Wjelsryp', 'Baaium', 'Winsum', 'Spannum'),
    ...villages('Leeuwarden', 'Baard', 'Bears', 'Easterlittens', 'Hilaard', 'Húns', 'Jellum', 'Jorwert'),
    ...villages('Leeuwarden', 'Leons', 'Mantgum', 'Weidum'),
    '*': 'Súdwest-Fryslân',
  },
  Boarnsterhim: {
    ...villages('Heerenveen', 'Akkrum', 'Aldeboarn', 'Nes'),
    ...villages('De Fryske Marren', 'Terherne'),
    ...villages('Súdwest-Fryslân', 'Raerd', 'Dearsum', 'Tersoal', 'Poppenwier', 'Sibrandabuorren'),
    '*': 'Leeuwarden',
  },
  Haaren: { Esch: 'Boxtel', Biezenmortel: 'Tilburg', Helvoirt: 'Vught', '*': 'Oisterwijk' },
  Maasdonk: { Geffen: 'Oss', '*': "'s-Hertogenbosch" },
  Winsum: { ...villages('Westerkwartier', 'Ezinge', 'Feerwerd', 'Garnwerd'), '*': 'Het Hogeland' },
};

/** pc4 rows whose municipality column is empty in the source file, mapped by postcode. */
export const MUNICIPALITY_BY_POSTCODE: Readonly<Record<string, string>> = {
  '4264': 'Altena', // Veen (was Aalburg)
  '5325': 'Maasdriel', // Well (Gelderland)
  '7686': 'Twenterand', // Geerdijk
};

function villages(successor: string, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, successor]));
}

/**
 * Today's municipality name for one pc4 row, or `undefined` when no rule applies (the row's
 * municipality must then already be a 2023 name).
 */
export function currentMunicipalityName(row: {
  postcode: string;
  woonplaats: string;
  gemeente: string;
  provincie: string;
}): string | undefined {
  const byPostcode = MUNICIPALITY_BY_POSTCODE[row.postcode];
  if (byPostcode) return byPostcode;
  // Two Bergens: the source mislabels one Limburg village (Afferden) as Flevoland.
  if (row.gemeente === 'Bergen') return row.provincie === 'Noord-Holland' ? 'Bergen (NH.)' : 'Bergen (L.)';
  const split = SPLIT_MUNICIPALITIES[row.gemeente];
  if (split) return split[row.woonplaats] ?? split['*'];
  return MERGED_MUNICIPALITIES[row.gemeente];
}
