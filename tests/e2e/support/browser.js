// Headless Chromium for tests of the explorer page: Debian's `chromium` driven by
// playwright-core (which downloads no browser of its own).

import { chromium } from 'playwright-core';

/** Debian's Chromium, unless $CHROMIUM names another binary. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium. The flags keep it from reaching out to the network on its
 * own (updates, sync, QUIC probes), which a machine without internet access refuses.
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}
