// The room import's line errors (RM2) in the page's language: the server words them in English; each known sentence
// is matched and said again from the dictionary (meeting13.*.ts), with its values. An unknown one stays as sent.
import { t, type Key } from '../../../i18n/i18n.svelte';

const PATTERNS: [RegExp, Key, string[]][] = [
  [/^The first line must be the header/, 'csv.header', []],
  [/^The file lists more than (\d+) rooms/, 'csv.tooMany', ['n']],
  [/^The file lists no rooms\./, 'csv.none', []],
  [/^Expected 3 fields \(code,name,district\), found (\d+)\./, 'csv.fields', ['n']],
  [/^The room code is empty\./, 'csv.noCode', []],
  [/^The room code '(.*)' may only have/, 'csv.badCode', ['code']],
  [/^The room code '(.*)' is already on line (\d+)\./, 'csv.repeated', ['code', 'line']],
  [/^The room name must have 1-(\d+) characters\./, 'csv.name', ['n']],
  [/^The district must have at most (\d+) characters\./, 'csv.district', ['n']],
  [/^The file is not UTF-8 \(byte (\d+)\)/, 'csv.utf8', ['n']],
  [/^A quoted field/, 'csv.quote', []],
  [/^A quote inside an unquoted field/, 'csv.quote', []],
  [/^The user name '(.*)' belongs to a person's account/, 'csv.person', ['name']],
];

export function csvError(message: string): string {
  for (const [re, key, names] of PATTERNS) {
    const m = re.exec(message);
    if (m) return t(key, Object.fromEntries(names.map((n, i) => [n, m[i + 1]])));
  }
  return message;
}
