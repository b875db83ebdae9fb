/**
 * Name search tokens. Chinese names have no word boundaries, so the name index stores every
 * character as its own token ("阿莫西林胶囊" → "阿 莫 西 林 胶 囊"); a query becomes the phrase of
 * its characters, which matches exactly the names that contain it, at any length. Letters
 * and digits are single tokens too ("维生素B6" finds "B6"); punctuation is not indexed.
 *
 * After the name come its 拼音首字母, one token per letter marked with a leading "0"
 * ("普通门诊诊查费" → "… 0p 0t 0m 0z 0z 0c 0f"). Name tokens are one character long and
 * marked ones two, so a phrase of one kind can never match the other, and a phrase of
 * marked letters finds initials anywhere in the name ("zcf" → 诊查费) through the index.
 */
import { initialsOf } from './initials';

const TOKEN_CHAR = /[\p{L}\p{N}]/u;
const INITIAL_MARK = '0';

/** The indexed text of a name: its letters, digits and ideographs separated by spaces. */
export function nameTokens(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC')) {
    if (TOKEN_CHAR.test(ch)) out += out === '' ? ch : ' ' + ch;
  }
  return out;
}

/** Marked tokens of initials ("ZCF" → "0z 0c 0f"). */
function initialTokens(initials: string): string {
  let out = '';
  for (const ch of initials.toLowerCase()) {
    if (TOKEN_CHAR.test(ch)) out += (out === '' ? '' : ' ') + INITIAL_MARK + ch;
  }
  return out;
}

/**
 * Everything the name index holds for a row: the name's tokens and its initials (the
 * center's `pinyin`, or derived from the name only when the center sent none, so a
 * catalogue that carries them costs no derivation).
 */
export function searchTokens(name: string, pinyin: string | null | undefined): string {
  const chars = nameTokens(name);
  const initials = initialTokens(initialsOf(name, pinyin));
  return chars === '' ? initials : initials === '' ? chars : `${chars} ${initials}`;
}

/**
 * The FTS5 query for names containing `text` (`initial`: names starting with it), or null
 * when the text has nothing to search for. Tokens are letters and digits only, so nothing
 * in them can be read as FTS5 syntax.
 */
export function namePhrase(text: string, initial = false): string | null {
  const tokens = nameTokens(text);
  if (tokens === '') return null;
  return `${initial ? '^' : ''}"${tokens}"`;
}

/** The FTS5 query for names whose 拼音首字母 contain `letters` anywhere (null for none). */
export function initialsPhrase(letters: string): string | null {
  const tokens = initialTokens(letters);
  return tokens === '' ? null : `"${tokens}"`;
}
