import { describe, it, expect } from 'vitest';
import {
  MEETING_FORMATS,
  PATHWAYS,
  PATHWAY_LABELS,
  CPD_SYSTEM_LABELS,
  defaultCpdSystem,
  parseCpdSystem,
  parseGoalStatus,
  parseLearningOutcome,
  parseMeetingFormat,
  parsePathway,
  parsePlatform,
  parseRole,
} from '../../../src/core/domain/enums.js';

describe('enums', () => {
  it('pathways are spelled the way the program writes them', () => {
    expect(PATHWAY_LABELS).toEqual({ PRA_MB_FP: 'PRA MB-FP', MLPIMG: 'MLPIMG', PRA_MB_SP: 'PRA MB-SP' });
    expect(CPD_SYSTEM_LABELS).toEqual({ MAINPRO_PLUS: 'Mainpro+', MOC: 'MOC' });
  });

  it.each([
    ['PRA-MB-FP', 'PRA_MB_FP'],
    ['pra mb-fp', 'PRA_MB_FP'],
    ['PRA_MB_FP', 'PRA_MB_FP'],
    ['mlpimg', 'MLPIMG'],
    ['PRA MB-SP', 'PRA_MB_SP'],
    ['pra-mb-sp', 'PRA_MB_SP'],
  ])('a pathway typed as %s is %s', (text, pathway) => {
    expect(parsePathway(text)).toBe(pathway);
  });

  it('every pathway key and label parses back to itself', () => {
    for (const p of PATHWAYS) {
      expect(parsePathway(p)).toBe(p);
      expect(parsePathway(PATHWAY_LABELS[p])).toBe(p);
    }
  });

  it('an unknown pathway is undefined, not a guess', () => {
    expect(parsePathway('PRA-MB-XX')).toBeUndefined();
    expect(parsePathway('')).toBeUndefined();
  });

  it('roles parse case-insensitively, plural or not', () => {
    expect(parseRole('Mentee')).toBe('MENTEE');
    expect(parseRole('mentors')).toBe('MENTOR');
    expect(parseRole('COORDINATOR')).toBe('COORDINATOR');
    expect(parseRole('boss')).toBeUndefined();
  });

  it.each([
    ['in-person', 'IN_PERSON'],
    ['in person', 'IN_PERSON'],
    ['In_Person', 'IN_PERSON'],
    ['f2f', 'IN_PERSON'],
    ['video', 'VIDEO'],
    ['Phone', 'PHONE'],
    ['chat', 'CHAT'],
  ])('a meeting format typed as %s is %s', (text, format) => {
    expect(parseMeetingFormat(text)).toBe(format);
  });

  it('other enums parse their keys and common words', () => {
    expect(parseCpdSystem('Mainpro+')).toBe('MAINPRO_PLUS');
    expect(parseCpdSystem('moc')).toBe('MOC');
    expect(parsePlatform('Teams')).toBe('TEAMS');
    expect(parseLearningOutcome('changed practice')).toBe('CHANGED_PRACTICE');
    expect(parseLearningOutcome('CONTINUE_LEARNING')).toBe('CONTINUE_LEARNING');
    expect(parseGoalStatus('on track')).toBe('ON_TRACK');
  });

  it('every meeting format key parses back to itself', () => {
    for (const f of MEETING_FORMATS) expect(parseMeetingFormat(f)).toBe(f);
  });

  it('family practice pathways default to Mainpro+, the specialty pathway to MOC', () => {
    expect(defaultCpdSystem('PRA_MB_FP')).toBe('MAINPRO_PLUS');
    expect(defaultCpdSystem('MLPIMG')).toBe('MAINPRO_PLUS');
    expect(defaultCpdSystem('PRA_MB_SP')).toBe('MOC');
  });
});
