// English words of the people picker (issue 12, branch h12). The type makes every key of people.vi.ts required here.
import type { viPeople } from './people.vi';

export const enPeople: Record<keyof typeof viPeople, string> = {
  'picker.title': 'Share with whom',
  'picker.search': 'Search by name',
  'picker.noMatch': 'No one’s name matches “{q}”',
  'picker.noOne': 'No other participants in this meeting yet',
  'picker.chosen': '{n} chosen',
  'picker.done': 'Done',
  'picker.share': 'Share',
  'picker.cancel': 'Cancel',
  'picker.needOne': 'Choose at least one person',
  'picker.change': 'Change who sees it',
  'picker.with': 'Shared with: {names}',
};
