// The whole-meeting words (issue 13, D37) in both languages, for the one import in i18n.svelte.ts.
export { viMeeting13 } from './meeting13.vi';
export { enMeeting13 } from './meeting13.en';
