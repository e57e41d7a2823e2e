import { describe, expect, it } from 'vitest';
import { modelDocOf, modelTokens, stemWord, type ModelDoc } from '../../../src/classifier/model/index.js';
import { buildAnalysis, buildPhone } from '../../helpers/build-scraped-ad.js';

const stems = (doc: ModelDoc) => modelTokens(doc).map((t) => t.stem);

describe('modelTokens', () => {
  it('folds case and diacritics before stemming, so spellings of one word share a stem', () => {
    expect(stems({ text: 'Privé PRIVE prive' })).toEqual(['priv', 'priv', 'priv']);
    expect(stems({ text: 'geïnteresseerd' })).toEqual(stems({ text: 'geinteresseerd' }));
  });

  it('stems Dutch inflections with natural\'s Porter stemmer', () => {
    expect(stems({ text: 'afspraken afspraak' })).toEqual(['afsprak', 'afsprak']);
    expect(stems({ text: 'lekkere lekker' })).toEqual(['lekker', 'lekker']);
    expect(stems({ text: 'nieuwe nieuw' })).toEqual(['nieuw', 'nieuw']);
    expect(stemWord('beschikbaar')).toBe('beschik');
  });

  it('drops every word with a digit: numbers, prices, times, phone fragments and digit-for-letter tricks', () => {
    const tokens = stems({ text: 'Bel 06-12345678 of O6-I2345678, 24/7 bereikbaar, €80 per uur, 2e keer 1x' });
    expect(tokens).toEqual(['bel', 'of', 'bereik', 'per', 'uur', 'ker']);
    expect(tokens.join(' ')).not.toMatch(/\d/);
  });

  it('drops the phone numbers the extraction found, also when written in words', () => {
    const text = 'Bel me op nul zes twaalf drie vier vijf zes zeven acht, liefst na acht uur';
    const start = text.indexOf('nul');
    const end = text.indexOf(', liefst');
    const phone = buildPhone({ span: { field: 'text', start, end, text: text.slice(start, end) } });
    const doc = modelDocOf({ text, analysis: buildAnalysis({ phones: [phone] }) });
    expect(stems(doc)).toEqual(['bel', 'me', 'op', 'liefst', 'na', 'acht', 'uur']);
  });

  it('drops the ad\'s own name (folded), so the model learns wording, not who advertised', () => {
    expect(stems({ title: 'Zoë Anna', text: 'Hoi, ik ben zoe anna en ik ontvang', name: 'Zoë-Anna' })).toEqual(['hoi', 'ik', 'ben', 'en', 'ik', 'ontvang']);
  });

  it('never sees nationality or ethnicity words: that signal is off for bias risk and must not come back learned', () => {
    expect(stems({ title: 'Poolse Anna', text: 'Mooie Latina en exotische dame, Asian massage' })).toEqual(['anna', 'mooi', 'en', 'dam', 'massag']);
  });

  it('keeps stop words: "wij" and "onze" are the third-party wording the model must be able to learn', () => {
    expect(stems({ text: 'Wij hebben onze dames' })).toEqual(['wij', 'hebb', 'onz', 'dames']);
  });

  it('skips one-letter words and marks each token with its field and offsets in the original text', () => {
    const doc = { title: 'Nieuw: Élise', text: 'Ik ben x  Élise, a ja' };
    const tokens = modelTokens(doc);
    expect(tokens.map((t) => [t.field, t.text])).toEqual([['title', 'Nieuw'], ['title', 'Élise'], ['text', 'Ik'], ['text', 'ben'], ['text', 'Élise'], ['text', 'ja']]);
    for (const t of tokens) expect((t.field === 'title' ? doc.title : doc.text).slice(t.start, t.end)).toBe(t.text);
  });
});
