// Screenshots of the running app, to look at what a citizen sees (and for the README).
// Usage: node scripts/screenshot.mjs URL OUT.png [width] [height] [--type "text"] [--full]
import { launch } from '../e2e/page/browser.mjs';

const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args.splice(i, 2)[1]; };
const full = args.includes('--full') && args.splice(args.indexOf('--full'), 1);
const typed = flag('--type');
const [url, out, width = '390', height = '844'] = args;

const browser = await launch();
const page = await browser.newPage({ viewport: { width: +width, height: +height } });
page.on('pageerror', (e) => console.error('exception:', e.message));
page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
await page.goto(url, { waitUntil: 'networkidle' });
if (typed) {
  await page.fill('#search-q', typed);
  await page.waitForTimeout(300);
}
await page.screenshot({ path: out, fullPage: !!full });
await browser.close();
