// Shared by the browser tests: a headless Chromium (Debian's `chromium` package, driven through
// playwright-core from web/node_modules), a log of every console error and failed request, and the
// folder where screenshots are kept as test artifacts.
import { chromium } from '../../web/node_modules/playwright-core/index.mjs';
import fs from 'node:fs';
import path from 'node:path';

/// Debian's Chromium unless PILOTSIM_CHROMIUM names another.
export const chromiumPath = process.env.PILOTSIM_CHROMIUM || '/usr/bin/chromium';

/// A headless browser. As root (CI containers) Chromium's sandbox cannot start, so it is turned off
/// there; the pages tested are pilotsim's own.
export async function launchBrowser() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: run 'bash scripts/setup.sh' (it installs Debian's chromium)`);
  }
  const args = process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [];
  return chromium.launch({ executablePath: chromiumPath, args });
}

/// Collects console errors, uncaught exceptions and failed requests of a page.
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`exception: ${err.message}`));
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText;
    // The lab closes a run's progress stream itself when the run's 'end' event arrives; if that
    // happens before the server has closed its side, Chromium reports the open request as aborted.
    // That is the page's own doing, not a failure (seen in CI: .../api/runs/r2/stream ERR_ABORTED).
    if (reason === 'net::ERR_ABORTED' && /\/api\/runs\/[^/]+\/stream$/.test(req.url())) return;
    errors.push(`request failed: ${req.url()} (${reason})`);
  });
  return errors;
}

/// The folder for this test's artifacts (screenshots), created if needed: $PILOTSIM_ARTIFACTS, or
/// test-artifacts/ under the working directory.
export function artifactDir(name) {
  const dir = path.join(process.env.PILOTSIM_ARTIFACTS || 'test-artifacts', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/// Fails the test with a message (exit code 1), after closing the browser.
export async function fail(browser, message) {
  console.error(`FAIL: ${message}`);
  if (browser) await browser.close();
  process.exit(1);
}
