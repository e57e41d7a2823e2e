import { describe, expect, it } from 'vitest';
import { extractAvailability, extractServices, extractWorkSettings } from '../../src/extract/index.js';
import { buildAd } from './build-ad.js';

const services = (text: string) => extractServices(buildAd({ text })).services;
const settings = (text: string) => extractWorkSettings(buildAd({ text })).workSettings;

describe('extractServices', () => {
  it.each([
    ['GFE, zoenen en pijpen', ['gfe', 'kissing', 'oral']],
    ['Girlfriend experience and PSE', ['gfe', 'pse']],
    ['Pijpen zonder condoom mogelijk', ['oral', 'oral_unprotected']],
    ['OWO en 69', ['oral', 'oral_unprotected']],
    ['Seks zonder condoom tegen meerprijs', ['unprotected']],
    ['Grieks en anaal', ['anal']],
    ['Tantra massage of nuru', ['massage', 'erotic_massage']],
    ['Ontspannende oliemassage', ['massage']],
    ['Body to body en happy end', ['massage', 'erotic_massage']],
    ['Striptease en lapdance', ['striptease']],
    ['Meesteres voor BDSM, bondage en S/M', ['domination']],
    ['Rollenspel: zuster of secretaresse', ['roleplay']],
    ['Trio met vriendin, ook stellen welkom', ['threesome', 'couples']],
    ['Lesbo show met vriendin', ['lesbian_show']],
    ['Webcam shows en sexting', ['webcam']],
  ])('%s → %j', (text, expected) => {
    expect(services(text)).toEqual(expected);
  });

  it.each([
    ['Geen anaal, wel GFE', ['gfe']],
    ['No anal, no kissing. GFE yes', ['gfe']],
    ['Niet: anaal, SM, zoenen.', []],
    ['Alles met condoom, nooit zonder condoom', []],
    ['Anaal doe ik niet', []],
    ['Ik spreek Frans en Engels', []],
    ['Ik geef je een kus', []],
    ['Smaakvol ingericht, sms mag ook', []],
  ])('leaves out negated and look-alike wordings: %s', (text, expected) => {
    expect(services(text)).toEqual(expected);
  });

  it('gives the first span of each service', () => {
    const found = extractServices(buildAd({ title: 'GFE Lisa', text: 'Ook GFE en massage.' }));
    expect(found.spans.gfe).toEqual({ field: 'title', start: 0, end: 3, text: 'GFE' });
    expect(found.spans.massage).toMatchObject({ field: 'text', text: 'massage' });
  });
});

describe('extractWorkSettings', () => {
  it.each([
    ['Thuisontvangst in Heemskerk', ['incall']],
    ['Privé ontvangst, discreet', ['incall']],
    ['Incall & outcall', ['incall', 'outcall']],
    ['Escort, ik kom naar je toe', ['outcall']],
    ['Hotelbezoek mogelijk', ['outcall', 'hotel']],
    ['Outcall only: your home or hotel', ['outcall', 'hotel']],
    ['Home visits in Zaandam', ['outcall']],
    ['Ook autoseks of in je auto', ['car']],
    ['Ik zit in een bungalow op het vakantiepark', ['holiday_park']],
    ['Achter het raam op de Wallen', ['window']],
    ['Privéhuis met 6 dames', ['club']],
    ['Relaxclub Haarlem', ['club']],
  ])('%s → %j', (text, expected) => {
    expect(settings(text)).toEqual(expected);
  });

  it.each([
    ['Geen ontvangst, alleen escort', ['outcall']],
    ['No hotels, incall only', ['incall']],
    ['10 minuten met de auto van Hoorn', []],
    ['Raamtijden? Geen idee. Gratis parkeerplaats voor de deur', []],
  ])('leaves out negations and look-alikes: %s', (text, expected) => {
    expect(settings(text)).toEqual(expected);
  });

  it('gives the span of each setting', () => {
    expect(extractWorkSettings(buildAd({ text: 'Ook hotelbezoek.' })).spans.hotel).toEqual({ field: 'text', start: 4, end: 15, text: 'hotelbezoek' });
  });
});

describe('extractAvailability', () => {
  it.each([
    ['24/7 bereikbaar!', '24/7'],
    ['Available 24-7', '24-7'],
    ['Ik ontvang 24 uur per dag', '24 uur per dag'],
    ['Dag en nacht bereikbaar', 'Dag en nacht'],
    ['Available day and night', 'day and night'],
    ['Altijd beschikbaar voor jou', 'Altijd beschikbaar'],
    ['Non-stop open', 'Non-stop'],
  ])('%s', (text, span) => {
    expect(extractAvailability(buildAd({ text }))).toEqual({ always: true, span: expect.objectContaining({ field: 'text', text: span }) });
  });

  it.each([
    'Bereikbaar ma t/m za van 10:00 tot 20:00',
    'Niet 24/7 beschikbaar',
    'Bel 24 uur van tevoren',
    'Open 7 dagen per week',
    'Dagelijks van 12 tot 24 uur',
  ])('is not always available: %s', (text) => {
    expect(extractAvailability(buildAd({ text }))).toEqual({ always: false, span: null });
  });
});
