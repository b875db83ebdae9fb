/** Where a key moves the selection of a keyboard-driven list (pure: no DOM, no React): the new index, or null when the key is not the list's. */
export function moveCursor(key: string, index: number, length: number, pageSize: number): number | null {
  if (length === 0) return null;
  const last = length - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'PageDown':
      return Math.min(last, index + pageSize);
    case 'PageUp':
      return Math.max(0, index - pageSize);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
