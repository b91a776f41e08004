// What delivery keeps with a held message (held-messages.ts): the reason as core said it, so the digest
// and the command line write it in their reader's language; an older row's English as it is; and a
// reason that cannot be read back (cut short, a key since removed) said to be unreadable, never a crash.
import { describe, expect, it } from 'vitest';
import { HELD_PREFIX, heldError, heldReason } from '../../../src/core/services/held-messages.js';
import { render, said } from '../../../src/core/i18n/translate.js';

const notFound = said('reach.slack.notFound', { subject: 'far@example.org', known: 'yes', workspace: 'T0001' });
const two = said('reach.reasons', { first: said('reach.refusedDirect', { platform: said('common.platform.teams'), account: 'aad-1' }), rest: notFound });

describe('the reason of a held message', () => {
  it('is stored after the prefix and read back as it was said', () => {
    const stored = heldError(two);
    expect(stored.startsWith(HELD_PREFIX)).toBe(true);
    expect(heldReason(stored)).toEqual(two);
    expect(render('en', two)).toBe(
      'their Microsoft Teams account aad-1 refused direct messages (is the app installed for them?); no Slack member with far@example.org in workspace T0001: add slack_user_id to the roster, or invite them to the workspace',
    );
    expect(render('fr', two)).toBe(
      'son compte Microsoft Teams aad-1 a refusé les messages directs (l’application est-elle installée pour cette personne\u202F?)\u202F; aucun membre Slack avec far@example.org dans l’espace de travail T0001\u00A0: ajoutez slack_user_id à la liste des participants, ou invitez cette personne dans l’espace de travail',
    );
  });

  it('shows a row held by an earlier version as its English text', () => {
    expect(heldReason(`${HELD_PREFIX}no chat account yet, and no directory to find one by fay@example.org`)).toBe('no chat account yet, and no directory to find one by fay@example.org');
  });

  it('says it is unreadable when it was cut short, names a key no catalogue has, or lacks a value its message needs', () => {
    const unreadable = said('reach.unreadable');
    expect(heldReason(heldError(two).slice(0, 60))).toEqual(unreadable);
    expect(heldReason(`${HELD_PREFIX}${JSON.stringify({ key: 'reach.gone', values: {} })}`)).toEqual(unreadable);
    expect(heldReason(`${HELD_PREFIX}${JSON.stringify({ key: 'reach.slack.notFound', values: { subject: 'x' } })}`)).toEqual(unreadable);
    expect(heldReason(`${HELD_PREFIX}${JSON.stringify({ key: 'reach.slack.failed', values: { subject: 'x', code: { nested: true } } })}`)).toEqual(unreadable);
    expect(render('fr', unreadable)).toBe('la raison n’a pas pu être relue\u00A0: npm run cli -- reach la donne de nouveau');
  });

  it('never stores more than the column keeps: a reason too long to store whole is stored as unreadable', () => {
    const long = said('reach.slack.failed', { subject: 'x'.repeat(2000), code: 'ratelimited' });
    const stored = heldError(long);
    expect(stored.length).toBeLessThanOrEqual(1000);
    expect(heldReason(stored)).toEqual(said('reach.unreadable'));
  });
});
