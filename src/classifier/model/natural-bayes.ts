/**
 * The two parts of `natural` the text model uses: the Dutch Porter stemmer and the naive Bayes
 * classifier. Required file by file because the package's index loads every module of natural
 * (about 1.2 s at start-up, for a worker or a one-shot CLI command); these two take 40 ms. The
 * types are natural's own, from its sub-folders: its root index.d.ts also reaches a .ts source file
 * that does not compile under our `verbatimModuleSyntax`.
 */
import { createRequire } from 'node:module';
import type { BayesClassifier as NaturalBayesClassifier } from 'natural/lib/natural/classifiers/index.js';
import type { Stemmer } from 'natural/lib/natural/stemmers/index.js';

const require = createRequire(import.meta.url);

export const dutchStemmer = require('natural/lib/natural/stemmers/porter_stemmer_nl.js') as Stemmer;
export const BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier.js') as typeof NaturalBayesClassifier;
export type BayesClassifier = NaturalBayesClassifier;

/** The installed natural version, recorded with each model (a model is restored by the same code). */
export const NATURAL_VERSION = (require('natural/package.json') as { version: string }).version;
