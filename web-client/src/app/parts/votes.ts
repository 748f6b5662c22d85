// Words for a poll's options and who may cast which ballot (VT2, VT9, VT10), shared by the vote screens.
import { t, word } from '../../i18n/i18n.svelte';
import type { MeetingState } from '../meeting-state.svelte';
import type { Poll } from '../../lib/types';

export function optionLabel(poll: Poll, id: string): string {
  if (poll.spec.kind === 'YES_NO_ABSTAIN' && ['YES', 'NO', 'ABSTAIN'].includes(id)) return word('option', id);
  return poll.spec.options.find((o) => o.id === id)?.label ?? t('unknown');
}

export interface VoterSlot { voterId: string; name: string; proxy: boolean }

/** The ballots this account may cast: its own (a present member with voting right) and each absent giver's. */
export function slots(s: MeetingState, me: string): { slots: VoterSlot[]; reason: 'notPresent' | 'noRight' | null } {
  const self = s.participant(me);
  const present = (a?: string) => a === 'PRESENT' || a === 'REMOTE';
  if (!self?.votingRight) return { slots: [], reason: 'noRight' };
  if (!present(self.attendance)) return { slots: [], reason: 'notPresent' };
  const list: VoterSlot[] = [{ voterId: me, name: self.displayName, proxy: false }];
  for (const p of s.proxies) {
    const giver = s.participant(p.giverId);
    if (p.holderId === me && giver && !present(giver.attendance)) list.push({ voterId: giver.accountId, name: giver.displayName, proxy: true });
  }
  return { slots: list, reason: null };
}
