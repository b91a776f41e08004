import { describe, it, expect } from 'vitest';
import {
  CANMEDS_ROLES,
  CANMEDS_ROLE_KEYS,
  canMedsLabel,
  parseCanMedsRole,
  parseCanMedsRoles,
} from '../../../src/core/domain/canmeds.js';

describe('CanMEDS roles', () => {
  it('lists the seven roles with both labels and their competencies', () => {
    expect(CANMEDS_ROLE_KEYS).toEqual([
      'MEDICAL_EXPERT',
      'COMMUNICATOR',
      'COLLABORATOR',
      'LEADER',
      'HEALTH_ADVOCATE',
      'SCHOLAR',
      'PROFESSIONAL',
    ]);
    for (const key of CANMEDS_ROLE_KEYS) {
      expect(CANMEDS_ROLES[key].label2015).not.toBe('');
      expect(CANMEDS_ROLES[key].competencies.length).toBeGreaterThan(10);
    }
  });

  it('family practice pathways see Family Medicine Expert, the specialty pathway Medical Expert', () => {
    expect(canMedsLabel('MEDICAL_EXPERT', 'PRA_MB_FP')).toBe('Family Medicine Expert');
    expect(canMedsLabel('MEDICAL_EXPERT', 'MLPIMG')).toBe('Family Medicine Expert');
    expect(canMedsLabel('MEDICAL_EXPERT', 'PRA_MB_SP')).toBe('Medical Expert');
    expect(canMedsLabel('SCHOLAR', 'PRA_MB_FP')).toBe('Scholar');
  });

  it.each([
    ['MEDICAL_EXPERT', 'MEDICAL_EXPERT'],
    ['medical expert', 'MEDICAL_EXPERT'],
    ['Family Medicine Expert', 'MEDICAL_EXPERT'],
    ['fm expert', 'MEDICAL_EXPERT'],
    ['communicator', 'COMMUNICATOR'],
    ['Collaborator', 'COLLABORATOR'],
    ['leader', 'LEADER'],
    ['advocate', 'HEALTH_ADVOCATE'],
    ['Health-Advocate', 'HEALTH_ADVOCATE'],
    ['SCHOLAR', 'SCHOLAR'],
    ['professionalism', 'PROFESSIONAL'],
  ])('"%s" is the %s role', (text, role) => {
    expect(parseCanMedsRole(text)).toBe(role);
  });

  it('an unknown role is undefined', () => {
    expect(parseCanMedsRole('surgeon')).toBeUndefined();
    expect(parseCanMedsRole('')).toBeUndefined();
  });

  it('a list of roles reports the entries it does not know', () => {
    expect(parseCanMedsRoles('communicator, scholar; dancer, Scholar')).toEqual({
      roles: ['COMMUNICATOR', 'SCHOLAR'],
      unknown: ['dancer'],
    });
  });
});
