/**
 * What this machine allows for a search keystroke, measured as the till is (till-watch.ts: the page's key clock to
 * the first frame showing the list): a bare page (till-floor-server.ts: an input and a list, no framework) whose
 * server, in a process of its own, answers each letter with the counter's own answer to it, in the same browser
 * and driver as the counter. The counter's keystroke figures are read against this floor: the part above it is the
 * counter's (React, antd, the search, the socket's handling), the floor itself is the browser's two frames (the
 * typed letter, then the list) and the wait for a core.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServingChild } from './serving-child';
import { CALL_CLOCK, KEY_CLOCK, watchShown } from './till-watch';

export interface FloorSamples {
  readonly totals: number[];
  readonly splits: (readonly [number, number, number])[];
}

/**
 * `rounds` times each word typed letter by letter (each letter timed), then cleared. `answers`: the counter's
 * answer for each prefix typed (query → answer), written to `dir` for the server.
 */
export async function keystrokeFloor(
  browser: Browser,
  words: readonly string[],
  answers: Record<string, unknown>,
  dir: string,
  rounds: number,
): Promise<FloorSamples> {
  const answersFile = join(dir, 'floor-answers.json');
  writeFileSync(answersFile, JSON.stringify(answers));
  const server = await startServingChild('bench/till-floor-server.ts', [answersFile]);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', bypassCSP: true });
  const floor: FloorSamples = { totals: [], splits: [] };
  try {
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(KEY_CLOCK);
    await page.addInitScript(CALL_CLOCK);
    await page.goto(server.url);
    const input = page.locator('#q');
    // The first round warms the page up and is not counted (as the counter's first round is not a cold start either).
    for (let round = 0; round <= rounds; round++) {
      for (const word of words) {
        await input.focus();
        for (let n = 1; n <= word.length; n++) {
          const shown = [{ css: `#box[data-answered="${word.slice(0, n)}"]` }, { css: '[role="option"]' }];
          const watch = await watchShown(page, 'floor keystroke', shown, 10_000);
          await page.keyboard.press(word.charAt(n - 1));
          const seen = await watch();
          if (round === 0) continue;
          floor.totals.push(seen.total);
          if (seen.split) floor.splits.push(seen.split);
        }
        await input.fill('');
      }
    }
    return floor;
  } finally {
    await page.close();
    await server.close();
  }
}
