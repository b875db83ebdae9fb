/**
 * The UTF-8 byte order mark that Windows tools (Notepad, Excel) put at the start of a text file they save: not part
 * of the content, and a JSON parser refuses it. Every file a person may have saved is read through here.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** JSON text of a file, with or without a BOM (throws as JSON.parse does). */
export function parseJsonText(text: string): unknown {
  return JSON.parse(withoutBom(text));
}
