/** The item search's pause before asking: at once for the local catalogue, from the very first letter. */
import { describe, expect, it } from 'vitest';
import { CENTER_PAUSE_MS, SearchPause } from '../../src-renderer/src/components/search-pause';

describe('SearchPause', () => {
  it('asks at once before any answer when the local catalogue holds items', () => {
    expect(new SearchPause(() => true).ms()).toBe(0);
  });

  it('waits for a pause in typing before any answer when there is no local catalogue', () => {
    expect(new SearchPause(() => false).ms()).toBe(CENTER_PAUSE_MS);
  });

  it('goes by the last answer once there is one', () => {
    const held = new SearchPause(() => true);
    held.answered('医保中心目录查询 (1312)');
    expect(held.ms()).toBe(CENTER_PAUSE_MS);
    held.answered('本地目录 (下载中)');
    expect(held.ms()).toBe(0);
    const none = new SearchPause(() => false);
    none.answered('本地目录');
    expect(none.ms()).toBe(0);
  });
});
