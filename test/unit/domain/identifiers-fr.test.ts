// Patient identifiers written in French are caught as the English ones are (DOMAIN.md, Privacy).
import { describe, expect, it } from 'vitest';
import { findPatientIdentifiers } from '../../../src/core/domain/identifiers.js';

const kinds = (text: string) => findPatientIdentifiers(text).map((f) => [f.kind, f.excerpt]);

describe('patient identifiers in French', () => {
  it.each([
    ['Vu Mme Tremblay pour son diabète', 'NAMED_PATIENT', 'Mme Tremblay'],
    ['Discuté de M. Bélanger et de ses résultats', 'NAMED_PATIENT', 'M. Bélanger'],
    ['La patiente Émilie Roy a demandé un suivi', 'NAMED_PATIENT', 'patiente Émilie Roy'],
    ['date de naissance : 1956-03-04', 'DATE_OF_BIRTH', 'date de naissance : 1956-03-04'],
    ['DDN 4 mars 1956', 'DATE_OF_BIRTH', 'DDN 4 mars 1956'],
    ['née le 1er févr. 1956, vue hier', 'DATE_OF_BIRTH', 'née le 1er févr. 1956'],
  ])('finds %j', (text, kind, excerpt) => {
    expect(kinds(text)).toContainEqual([kind, excerpt]);
  });

  it('leaves ordinary French prose alone', () => {
    for (const text of ['Préparation de l’examen du Collège en mars 2027', 'Rencontre de 1 h 30 sur la facturation', 'Le M de MDC', 'Sécurité des patients et gestion du risque']) {
      expect(kinds(text), text).toEqual([]);
    }
  });
});
