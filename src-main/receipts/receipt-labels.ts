/**
 * Labels of the codes a receipt prints: the 1901 dictionary the counter downloaded when it has
 * the code, else the national baseline in counter/labels.ts (a code without either prints as is).
 */
import type { DictionaryStore } from '../catalogue/dictionary-store';
import { coded } from '../counter/labels';
import type { Coded } from '../counter/views';

export type Labeler = (type: string, code: string) => Coded;

export function receiptLabeler(dictionary: DictionaryStore | null): Labeler {
  return (type, code) => {
    let label: string | undefined;
    try {
      label = dictionary?.label(type, code);
    } catch {
      label = undefined; // no catalogue tables yet: the baseline labels answer
    }
    return label ? { code, label } : coded(type, code);
  };
}
