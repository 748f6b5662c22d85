// Vietnamese and English, switched at run time; dates and numbers in the chosen locale (Intl); every code the
// server sends shown as words (word('status', 'DRAFT')), never raw.
import { en } from './en';
import { vi } from './vi';
import { enConsoles } from './consoles.en';
import { viConsoles } from './consoles.vi';
import { enAdmin } from './admin.en';
import { viAdmin } from './admin.vi';
import { enChair2 } from './chair2.en';
import { viChair2 } from './chair2.vi';
import { enHall } from './hall.en';
import { viHall } from './hall.vi';
import { enTablet3 } from './tablet3.en';
import { viTablet3 } from './tablet3.vi';
import { enMinutes } from './minutes.en';
import { viMinutes } from './minutes.vi';
import { enRoomgear } from './roomgear.en';
import { viRoomgear } from './roomgear.vi';
import { enPeople } from './people.en';
import { viPeople } from './people.vi';
import { enMeeting13, viMeeting13 } from './meeting13';
import { enMinutesSig } from './minutes-sig.en';
import { viMinutesSig } from './minutes-sig.vi';

export type Locale = 'vi' | 'en';
export type Key = keyof typeof vi | keyof typeof viConsoles | keyof typeof viAdmin | keyof typeof viChair2 | keyof typeof viHall
  | keyof typeof viTablet3 | keyof typeof viMinutes | keyof typeof viRoomgear | keyof typeof viPeople | keyof typeof viMeeting13
  | keyof typeof viMinutesSig;

// the tablet's words and the consoles' words (issue 13), one dictionary per language
const dictionaries: Record<Locale, Record<Key, string>> = {
  vi: { ...vi, ...viConsoles, ...viAdmin, ...viChair2, ...viHall, ...viTablet3, ...viMinutes, ...viRoomgear, ...viPeople, ...viMeeting13,
    ...viMinutesSig },
  en: { ...en, ...enConsoles, ...enAdmin, ...enChair2, ...enHall, ...enTablet3, ...enMinutes, ...enRoomgear, ...enPeople, ...enMeeting13,
    ...enMinutesSig },
};
const intlLocale: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };
const STORAGE = 'plenum.locale';

function initial(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE) : null;
  if (saved === 'vi' || saved === 'en') return saved;
  const hash = new URLSearchParams(location.hash.split('?')[1] ?? '').get('lang');
  if (hash === 'vi' || hash === 'en') return hash;
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}

const first = initial();
let current = $state<Locale>(first);
document.documentElement.lang = first;

export const i18n = {
  get locale(): Locale {
    return current;
  },
  set locale(l: Locale) {
    current = l;
    localStorage.setItem(STORAGE, l);
    document.documentElement.lang = l;
  },
  toggle(): void {
    this.locale = current === 'vi' ? 'en' : 'vi';
  },
};

export function t(key: Key, params: Record<string, string | number> = {}): string {
  const text = dictionaries[current][key] ?? dictionaries.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** The words for a code of the server ({@code group.CODE}); "Unknown" for a code this version does not know. */
export function word(group: string, code: string | null | undefined): string {
  const key = `${group}.${code}` as Key;
  return code && key in dictionaries[current] ? t(key) : t('unknown');
}

export function has(key: string): key is Key {
  return key in dictionaries.vi;
}

/** An error (ApiError, CommandError or anything) as a sentence for the user. */
export function errorText(e: unknown): string {
  const code = (e as { code?: string })?.code;
  return code && has(`error.${code}`) ? t(`error.${code}` as Key) : t('error.UNKNOWN');
}

export function fmtDateTime(iso: string | number | null | undefined): string {
  if (iso == null) return '';
  return new Intl.DateTimeFormat(intlLocale[current], { dateStyle: 'full', timeStyle: 'short', timeZone: tz() }).format(new Date(iso));
}

export function fmtTime(iso: string | number | null | undefined): string {
  if (iso == null) return '';
  return new Intl.DateTimeFormat(intlLocale[current], { hour: '2-digit', minute: '2-digit', timeZone: tz() }).format(new Date(iso));
}

/** Numbers and the server's decimal strings ("2.5"). */
export function fmtNumber(n: number | string | null | undefined, maxFraction = 2): string {
  if (n == null || n === '') return '';
  const v = typeof n === 'number' ? n : Number(n);
  if (!Number.isFinite(v)) return String(n);
  return new Intl.NumberFormat(intlLocale[current], { maximumFractionDigits: maxFraction }).format(v);
}

export function fmtPercent(part: number, whole: number): string {
  if (!whole) return fmtNumber(0) + ' %';
  return new Intl.NumberFormat(intlLocale[current], { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
}

/** A clock: 2:05, 1:02:05. */
export function fmtClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  return (h ? `${h}:${String(m).padStart(2, '0')}` : String(m)) + ':' + String(r).padStart(2, '0');
}

/** A list in the locale: "A, B và C" / "A, B and C". */
export function fmtList(items: string[]): string {
  return new Intl.ListFormat(intlLocale[current], { style: 'long', type: 'conjunction' }).format(items);
}

function tz(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
