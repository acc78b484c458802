// SPDX-License-Identifier: GPL-3.0-or-later
// axe.js [--screenshots DIR] PAGE.html...: loads each page of forcestat
// report in Debian's Chromium (puppeteer-core, no browser download), runs
// axe-core on it with the WCAG 2.1 A and AA rules, prints every violation
// and exits 1 when there is one (2 when the browser cannot run).  With
// --screenshots, also saves each page at 1280 and 400 px wide as
// DIR/NAME-1280-KK.png and DIR/NAME-400-KK.png,
// tiles 1,600 px high from the top.  Each page is also loaded 400 px
// wide, as a phone shows it: every chart must show its narrow rendering
// (NAME-narrow.png), at most 1.6 times as wide as it is shown, so that
// its text (9 point at 1.6 times) reads at 12 CSS px; a chart that does
// not is a failure too ("narrow"), and so is a page wider than the 400 px
// screen ("overflow"), an overview that scrolls sideways with no line
// saying so ("scroll cue") and download links run together ("downloads").
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [1280, 400];

function browserPath() {
    if (process.env.CHROMIUM) return process.env.CHROMIUM;
    for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
        if (fs.existsSync(p)) return p;
    }
    return null;
}

function parseArgs(argv) {
    const out = { shots: null, pages: [] };
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--screenshots') out.shots = argv[++i];
        else out.pages.push(argv[i]);
    }
    return out;
}

// A screenshot name from the page's path: "site-forces-essex-police".
function shotName(file) {
    const rel = path.relative(process.cwd(), path.resolve(file));
    return rel.replace(/\.html$/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+/, '');
}

async function checkPage(browser, file, shots) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    await page.addScriptTag({ path: require.resolve('axe-core') });
    const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
    if (shots) {
        for (const w of WIDTHS) {
            await page.setViewport({ width: w, height: 900 });
            const height = await page.evaluate(() => document.documentElement.scrollHeight);
            // In tiles 1,600 px high, each one readable at its size.
            for (let y = 0, k = 1; y < height; y += 1600, k++) {
                const clip = { x: 0, y, width: w, height: Math.min(1600, height - y) };
                const name = `${shotName(file)}-${w}-${String(k).padStart(2, '0')}.png`;
                await page.screenshot({ path: path.join(shots, name), clip, captureBeyondViewport: true });
            }
        }
    }
    await page.close();
    return result.violations;
}

// The charts of the page loaded 400 px wide that a phone could not read:
// each one not showing its narrow rendering, or shown at less than 1/1.6
// of its width in pixels.
async function checkNarrow(browser, file) {
    const page = await browser.newPage();
    await page.setViewport({ width: 400, height: 900 });
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    const bad = await page.evaluate(() => Array.from(document.querySelectorAll('a.chart img'))
        .map((img) => ({ src: img.currentSrc.replace(/.*\//, ''), natural: img.naturalWidth,
                         shown: Math.round(img.getBoundingClientRect().width) }))
        .filter((c) => !/-narrow\.png$/.test(c.src) || c.natural === 0 || c.natural > 1.6 * c.shown));
    const charts = await page.evaluate(() => document.querySelectorAll('a.chart img').length);
    // Nothing may widen the page past the phone's screen (WCAG 2.1 SC
    // 1.4.10, reflow): wide tables scroll inside their own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.close();
    return { bad, charts, overflow };
}

// The page's layout as a reader sees it at each width (issue 29): a table
// that scrolls sideways (the overview, 400 px wide) has a visible line
// above it saying so ("scroll cue"); the downloads of each measure stand
// one a line, never run together ("downloads").
async function checkLayout(browser, file) {
    const page = await browser.newPage();
    const problems = [];
    for (const w of WIDTHS) {
        await page.setViewport({ width: w, height: 900 });
        await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
        const found = await page.evaluate(() => {
            const out = [];
            document.querySelectorAll('.scroll').forEach((box) => {
                if (!box.querySelector('table.overview') || box.scrollWidth <= box.clientWidth + 1) return;
                const cue = box.previousElementSibling;
                const shown = cue && cue.classList.contains('scroll-cue') &&
                    getComputedStyle(cue).display !== 'none' && cue.textContent.trim() !== '';
                if (!shown) out.push('scroll cue: the overview scrolls sideways and no line says so');
            });
            document.querySelectorAll('.files').forEach((block) => {
                const links = Array.from(block.querySelectorAll('a')).map((a) => a.getBoundingClientRect());
                for (let k = 1; k < links.length; k++) {
                    if (links[k].top < links[k - 1].bottom - 1) {
                        out.push('downloads: two download links on one line');
                        return;
                    }
                }
            });
            return out;
        });
        for (const f of found) problems.push(`${f} (${w} px)`);
    }
    await page.close();
    return Array.from(new Set(problems));
}

async function main() {
    const args = parseArgs(process.argv.slice(2));
    const exe = browserPath();
    if (args.pages.length === 0 || exe === null) {
        console.error(exe === null ? 'axe.js: no Chromium (apt-get install chromium)'
                                   : 'usage: node axe.js [--screenshots DIR] PAGE.html...');
        return 2;
    }
    if (args.shots) fs.mkdirSync(args.shots, { recursive: true });
    const browser = await puppeteer.launch({
        executablePath: exe, headless: true,
        args: ['--no-sandbox', '--allow-file-access-from-files', '--disable-gpu'],
    });
    let failed = 0;
    try {
        for (const file of args.pages) {
            const violations = await checkPage(browser, file, args.shots);
            for (const v of violations) {
                failed = 1;
                console.log(`${file}: ${v.id} (${v.impact}): ${v.help} [${v.tags.filter((t) => TAGS.includes(t)).join(' ')}]`);
                for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1).join('; ')}`);
                if (v.nodes.length > 5) console.log(`    and ${v.nodes.length - 5} more`);
            }
            console.log(`${file}: ${violations.length === 0 ? 'no' : violations.length} WCAG 2.1 AA violation${violations.length === 1 ? '' : 's'}`);
            const narrow = await checkNarrow(browser, file);
            for (const c of narrow.bad) {
                failed = 1;
                console.log(`${file}: narrow: ${c.src} is ${c.natural} px shown at ${c.shown} px (400 px page)`);
            }
            console.log(`${file}: ${narrow.charts - narrow.bad.length} of ${narrow.charts} charts legible at 400 px`);
            if (narrow.overflow > 0) {
                failed = 1;
                console.log(`${file}: overflow: the page is ${narrow.overflow} px wider than a 400 px screen`);
            }
            for (const p of await checkLayout(browser, file)) {
                failed = 1;
                console.log(`${file}: ${p}`);
            }
        }
    } finally {
        await browser.close();
    }
    return failed;
}

main().then((code) => process.exit(code), (e) => { console.error(`axe.js: ${e.message}`); process.exit(2); });
