import { describe, it, expect } from 'vitest';
import { parsePersonRef } from '../../../src/core/domain/parse/parse-person.js';

describe('parsePersonRef', () => {
  it('reads Slack mentions, with or without a name', () => {
    expect(parsePersonRef('<@U123ABC>')).toEqual({ kind: 'slack', userId: 'U123ABC' });
    expect(parsePersonRef('<@U123ABC|jane.doe>')).toEqual({ kind: 'slack', userId: 'U123ABC' });
    expect(parsePersonRef('<@W0ENTERPRISE>')).toEqual({ kind: 'slack', userId: 'W0ENTERPRISE' });
  });

  it('reads a workspace-qualified Slack id as program files write it', () => {
    expect(parsePersonRef('slack:T0123:U0456')).toEqual({ kind: 'slack', teamId: 'T0123', userId: 'U0456' });
  });

  it('reads Teams mentions by name', () => {
    expect(parsePersonRef('<at>Jane Doe</at>')).toEqual({ kind: 'teams', name: 'Jane Doe' });
  });

  it('reads emails, bare or as Slack mailto links, in lower case', () => {
    expect(parsePersonRef('Jane.Doe@Example.org')).toEqual({ kind: 'email', email: 'jane.doe@example.org' });
    expect(parsePersonRef('<mailto:jane@example.org|jane@example.org>')).toEqual({ kind: 'email', email: 'jane@example.org' });
  });

  it('is undefined for anything else', () => {
    for (const t of ['jane', '@jane', '<#C123|general>', 'jane@', '<at></at>', '']) {
      expect(parsePersonRef(t)).toBeUndefined();
    }
  });
});
