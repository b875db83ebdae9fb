/**
 * Item names for receipt lines. Fee lines on the wire carry codes only, so a receipt rebuilt from
 * the journal asks, in order: the names this counter has seen (what the cashier entered or the
 * center's searches returned, kept in the item_name table) and the local catalogue (after a sync).
 * A code nobody named stays without a name (the code prints).
 */
import type { LocalCatalogue } from '../catalogue/local-catalogue';
import type { ItemNames } from '../counter/item-names';

export type ItemNameLookup = (code: string) => string;

/** The first source that knows the code. */
export function firstName(...sources: readonly (ItemNameLookup | null)[]): ItemNameLookup {
  return (code) => {
    for (const source of sources) {
      const name = source?.(code) ?? '';
      if (name) return name;
    }
    return '';
  };
}

export function processNames(names: ItemNames): ItemNameLookup {
  return (code) => names.nameOf(code);
}

export function catalogueNames(local: LocalCatalogue): ItemNameLookup {
  return (code) => {
    try {
      return local.details(code)[0]?.item.name ?? '';
    } catch {
      return ''; // a catalogue that was never created (no migration yet) simply knows nothing
    }
  };
}
