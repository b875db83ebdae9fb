/**
 * antd's style cache, kept for the life of the window. antd (cssinjs) builds each component's CSS when the first
 * instance mounts and forgets it when the last one unmounts, so every screen change (F1 读卡, the read going on to
 * 收费, 挂号 → 就诊信息 → 费用录入, a pre-settlement's tables) built the same CSS again: most of those steps' script
 * time in a Chrome trace (issue 17, notes of task 17p). Here each entry holds one reference of its own from the
 * moment it is built, so the count never falls to zero and nothing is rebuilt. The set of entries is bounded (one
 * per component kind and theme token; the counter never changes its theme).
 *
 * Since the window runs antd in zero-runtime mode (main.tsx: the component styles come from antd's static
 * antd.css), what is built here is the theme's CSS variables and the few styles outside the components' own
 * (icons); each component render no longer looks up or hashes its styles at all (issue 17: main-thread CPU per
 * till step 5–20 % lower, README bench:till session 12).
 */
import { createCache } from '@ant-design/cssinjs';

export function keptStyleCache(): ReturnType<typeof createCache> {
  const cache = createCache();
  const update = cache.opUpdate.bind(cache);
  cache.opUpdate = (key, valueFn) =>
    update(key, (prev) => {
      const next = valueFn(prev);
      // A new entry (none before: `undefined` at run time): one reference more than its users, which the window keeps.
      return prev == null && next !== null ? [next[0] + 1, next[1]] : next;
    });
  return cache;
}
