// English words of the viewer's later slices (issue 12, branch tablet3). The type makes every key of tablet3.vi.ts
// required here.
import type { viTablet3 } from './tablet3.vi';

export const enTablet3: Record<keyof typeof viTablet3, string> = {
  'orphan.title': 'Not carried to the new version',
  'orphan.intro': 'This document now has version {n}. These annotations of yours found no place in it and stay on the earlier version.',
  'orphan.where': 'version {version}, page {page}',
  'orphan.place': 'Place on page {page}',
  'orphan.count': 'Not carried to the new version: {n}',
  'orphan.reason.TEXT_NOT_FOUND': 'the highlighted words are gone',
  'orphan.reason.AMBIGUOUS': 'the words occur in several places',
  'orphan.reason.SPLIT_ACROSS_PAGES': 'the words now run across two pages',
  'orphan.reason.OFF_PAGE': 'it would lie off the page',
  'orphan.reason.NO_TEXT_NEARBY': 'no words near it to find it by',
  'orphan.reason.PAGE_NOT_FOUND': 'that page is gone',
};
