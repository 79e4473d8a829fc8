import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium; browser tests skip (saying why) when it is not installed. */
export const CHROMIUM_PATH = process.env.LMSCOPE_CHROMIUM ?? '/usr/bin/chromium';

export function browserSkipReason(): string | false {
  return existsSync(CHROMIUM_PATH) ? false : `no browser at ${CHROMIUM_PATH} (install Debian "chromium" or set LMSCOPE_CHROMIUM)`;
}

/** Launches headless chromium (a fresh temporary profile each time) with flags that keep it off the network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
