/**
 * Name search tokens. Chinese names have no word boundaries, so the name index stores every
 * character as its own token ("阿莫西林胶囊" → "阿 莫 西 林 胶 囊"); a query becomes the phrase of
 * its characters, which matches exactly the names that contain it, at any length. Letters
 * and digits are single tokens too ("维生素B6" finds "B6"); punctuation is not indexed.
 */

const TOKEN_CHAR = /[\p{L}\p{N}]/u;

/** The indexed text of a name: its letters, digits and ideographs separated by spaces. */
export function nameTokens(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC')) {
    if (TOKEN_CHAR.test(ch)) out += out === '' ? ch : ' ' + ch;
  }
  return out;
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
