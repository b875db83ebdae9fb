/** The keyboard list's moves (历史 · 退费): every key, the ends of the list, an empty list. */
import { describe, expect, it } from 'vitest';
import { moveCursor } from '../../src-renderer/src/list-moves';

describe('moveCursor', () => {
  it('moves by one, by a page and to the ends, and stops at both ends', () => {
    expect(moveCursor('ArrowDown', 0, 40, 15)).toBe(1);
    expect(moveCursor('ArrowDown', 39, 40, 15)).toBe(39);
    expect(moveCursor('ArrowUp', 0, 40, 15)).toBe(0);
    expect(moveCursor('ArrowUp', 7, 40, 15)).toBe(6);
    expect(moveCursor('PageDown', 20, 40, 15)).toBe(35);
    expect(moveCursor('PageDown', 30, 40, 15)).toBe(39);
    expect(moveCursor('PageUp', 10, 40, 15)).toBe(0);
    expect(moveCursor('Home', 22, 40, 15)).toBe(0);
    expect(moveCursor('End', 2, 40, 15)).toBe(39);
  });

  it('leaves other keys and an empty list alone', () => {
    expect(moveCursor('Enter', 3, 40, 15)).toBeNull();
    expect(moveCursor('a', 3, 40, 15)).toBeNull();
    expect(moveCursor('ArrowDown', 0, 0, 15)).toBeNull();
  });
});
