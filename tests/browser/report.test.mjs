// `pilotsim report` in a real browser: tiny outputs of run, compare, claims (also --decompose and
// --robustness), calibrate and sweep are made with the program, each report is opened from disk in
// headless Chromium, and the test checks that every chart was drawn with data (window.__report and
// the canvases' pixels), that the console stayed clean, that no request left the page, that the
// language switch works and that each chart saves as PNG and SVG. Screenshots in both languages
// are kept as artifacts.
//
// Usage: node report.test.mjs <pilotsim binary> <work dir>
import { launchBrowser, watchErrors, artifactDir, fail } from './browser.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pilotsim, work] = process.argv.slice(2);
if (!pilotsim || !work) {
  console.error('usage: node report.test.mjs <pilotsim binary> <work dir>');
  process.exit(2);
}
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const run = (...args) => execFileSync(pilotsim, args, { cwd: work, stdio: ['ignore', 'pipe', 'inherit'] }).toString();

// Small but not empty: county has a few hundred pilots and some promotion campaigns in 60 months.
run('run', 'county', '--replicates', '3', '--months', '60', '--set', 'run.burn_in=12', '--out', 'run', '-q', '--report', '--lang', 'zh');
run('compare', 'county', 'county', '--set', '2:regulation.number_control=2', '--replicates', '3', '--months', '36',
    '--set', 'run.burn_in=12', '--out', 'compare', '-q', '--report');
run('claims', 'P9', '--replicates', '3', '--months', '36', '--out', 'claims', '-q', '--report');
run('claims', '--ablation', 'mechanisms.packaging', 'mechanisms.turnover', '--replicates', '3', '--months', '36',
    '--out', 'ablation', '-q', '--report', '--lang', 'zh');
fs.writeFileSync(path.join(work, 'small.toml'), [
  'name = "small"', 'base = "county"', 'months = 24', 'set = ["run.burn_in=12"]', 'replicates = 2',
  'measures = ["pseudo_share", "packaging_share"]',
  '[design]', 'method = "saltelli"', 'samples = 8', 'seed = 2',
  '[factors."drivers.promotion_drive"]', 'distribution = "uniform"', 'min = 0.2', 'max = 0.9',
  '[factors."couplings.error_tolerance"]', 'distribution = "uniform"', 'min = 0', 'max = 0.6', ''].join('\n'));
// The claims' analyses: a decomposition of P13's levers, and P9 and P13 judged on parameter sets.
// Eight sets, not fewer: the drivers (rank correlations) need at least four judged sets.
run('claims', '--decompose', 'P13', '--replicates', '3', '--months', '36', '--out', 'decomposition', '-q', '--report');
run('claims', '--robustness', '8', 'P9', 'P13', '--replicates', '3', '--months', '36', '--db', 'rob.db',
    '--out', 'robustness', '-q', '--report', '--lang', 'zh');
// A calibration of three parameters to two targets, with a statistic only checked: every chart of
// its report has something to draw (pairs need two parameters or more, the generations two or more).
fs.writeFileSync(path.join(work, 'cal.toml'), [
  'name = "cal"', 'base = "county"', 'months = 24', 'set = ["run.burn_in=12"]', 'replicates = 2',
  '[smc]', 'particles = 30', 'max_generations = 3', 'seed = 11',
  '[parameters]', '"drivers.promotion_share" = {}', '"programmes.rate" = {}',
  '"recognition.bonus" = { low = 0.05, high = 2, log = true, reason = "a log-uniform prior, drawn on a log axis" }',
  '[[target]]', 'statistic = "promotion_rate"', 'observed = 0.13', 'uncertainty = 0.03', 'source = "a test"',
  '[[target]]', 'statistic = "origin_share(origin=designated)"', 'observed = 0.25', 'uncertainty = 0.1', 'source = "a test"',
  ''].join('\n'));
run('calibrate', 'cal.toml', '--db', 'cal.db', '-o', 'calibration', '--check', 'tenure_years', '-q', '--report', '--lang', 'zh');
run('sweep', 'small.toml', '--db', 'small.db', '-q');
run('report', 'small.db', '-o', 'campaign.html');
// A Morris campaign whose factors have the longest English names of the parameter table: the bars'
// labels must be drawn whole, and the mu*-sigma plane has one point per factor.
const morrisFactors = ['regulation.legalisation', 'regulation.people_centred', 'evaluation.weight_designated'];
fs.writeFileSync(path.join(work, 'morris.toml'), [
  'name = "morris"', 'base = "county"', 'months = 24', 'set = ["run.burn_in=12"]', 'replicates = 2',
  'measures = ["pseudo_share", "packaging_share"]',
  '[design]', 'method = "morris"', 'trajectories = 4', 'seed = 3',
  '[factors."regulation.legalisation"]', 'distribution = "uniform"', 'min = 0', 'max = 1',
  '[factors."regulation.people_centred"]', 'distribution = "uniform"', 'min = 0', 'max = 1',
  '[factors."evaluation.weight_designated"]', 'distribution = "uniform"', 'min = 0.05', 'max = 0.3', ''].join('\n'));
run('sweep', 'morris.toml', '--db', 'morris.db', '-q');
run('report', 'morris.db', '-o', 'morris.html', '--lang', 'zh');
const factorNames = JSON.parse(run('params', '--format', 'json')).filter((p) => morrisFactors.includes(p.key));

const reports = [
  { kind: 'run', file: 'run/report.html', lang: 'zh', charts: ['measures', 'survival-origin', 'survival-turnover', 'diffusion', 'pilots-per-unit'] },
  { kind: 'compare', file: 'compare/report.html', lang: 'en', charts: ['measures', 'forest'] },
  { kind: 'claims', file: 'claims/report.html', lang: 'en', charts: ['claims-table', 'claims-forest'] },
  { kind: 'claims', file: 'ablation/report.html', lang: 'zh', charts: ['ablation-table', 'ablation-bars'], shot: 'ablation' },
  { kind: 'decomposition', file: 'decomposition/report.html', lang: 'en', charts: ['decomposition-bars', 'decomposition-table'] },
  { kind: 'robustness', file: 'robustness/report.html', lang: 'zh', charts: ['robustness-map', 'robustness-table', 'robustness-drivers'] },
  { kind: 'calibration', file: 'calibration/report.html', lang: 'zh',
    charts: ['calibration-marginals', 'calibration-pairs', 'calibration-checks', 'calibration-generations'] },
  { kind: 'campaign', file: 'campaign.html', lang: 'en', charts: ['sensitivity'] },
  { kind: 'campaign', file: 'morris.html', lang: 'zh', charts: ['sensitivity', 'morris-plane'], shot: 'morris', factors: factorNames },
];

// The texts ECharts drew in a chart: each label with the lines it was drawn as (a wrapped label is
// several lines, a truncated one ends in an ellipsis) and its box in the chart's pixels.
const drawnTexts = (page, id) => page.evaluate((chartId) => {
  const chart = echarts.getInstanceByDom(document.querySelector(`#chart-${chartId} .plot`));
  const texts = [];
  const walk = (e) => {
    if (e.type === 'text' && !e.ignore && !e.invisible) {
      const box = e.getBoundingRect().clone();
      box.applyTransform(e.getComputedTransform());
      texts.push({ text: e.style.text, lines: e.childrenRef().filter((c) => c.type === 'tspan').map((c) => c.style.text),
                   x: box.x, y: box.y, width: box.width, height: box.height });
    }
    if (e.childrenRef) e.childrenRef().forEach(walk);
    if (e.getTextContent && e.getTextContent()) walk(e.getTextContent());
  };
  chart.getZr().storage.getRoots().forEach(walk);
  return { width: chart.getWidth(), height: chart.getHeight(), texts };
}, id);
const squash = (x) => x.replace(/\s+/g, '');

/// Every category of a bar chart's shown variant is drawn whole, on lines of its own, inside the chart
/// (long parameter names were cut to "institutionalisation an..." at 140 px).
async function checkCategoryLabels(page, where, chartId) {
  const { categories, lang } = await page.evaluate((id) => {
    const spec = JSON.parse(document.getElementById('report-data').textContent).charts.find((c) => c.id === id);
    const shown = window.__report.charts.find((c) => c.id === id).variant;
    return { categories: spec.variants[shown].categories, lang: window.__report.lang };
  }, chartId);
  const drawn = await drawnTexts(page, chartId);
  for (const c of categories) {
    const name = typeof c === 'string' ? c : c[lang];
    const label = drawn.texts.find((t) => t.text === name);
    if (!label) await fail(browser, `${where}: ${chartId} has no label "${name}"`);
    if (squash(label.lines.join('')) !== squash(name) || label.lines.some((l) => /(\.\.\.|…)$/.test(l)))
      await fail(browser, `${where}: ${chartId}'s label "${name}" was drawn as ${JSON.stringify(label.lines)}`);
    if (label.x < 0 || label.y < 0 || label.x + label.width > drawn.width + 0.5 || label.y + label.height > drawn.height + 0.5)
      await fail(browser, `${where}: ${chartId}'s label "${name}" runs off the chart: ${JSON.stringify(label)}`);
  }
}

const artifacts = artifactDir('report');
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });

for (const r of reports) {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const url = pathToFileURL(path.join(work, r.file)).href;
  const requests = [];
  page.on('request', (req) => { if (req.url() !== url) requests.push(req.url()); });
  await page.goto(url);
  await page.waitForFunction(() => window.__report && window.__report.ready, null, { timeout: 15000 });
  // Animations end before the pixels are read and the screenshots taken.
  await page.waitForTimeout(1200);

  const status = await page.evaluate(() => window.__report);
  const where = `${r.kind} report (${r.file})`;
  if (status.kind !== r.kind) await fail(browser, `${where}: kind ${status.kind}`);
  if (status.lang !== r.lang) await fail(browser, `${where}: opened in ${status.lang}, expected ${r.lang}`);
  const ids = status.charts.map((c) => c.id);
  for (const id of r.charts) if (!ids.includes(id)) await fail(browser, `${where}: no chart ${id} (has ${ids.join(', ')})`);
  for (const c of status.charts) {
    if (c.type === 'table') {
      if (!(c.rows > 0)) await fail(browser, `${where}: table ${c.id} has no rows`);
      continue;
    }
    if (c.error) await fail(browser, `${where}: chart ${c.id} failed: ${c.error}`);
    if (!(c.series > 0 && c.points > 0 && c.drawnSeries > 0))
      await fail(browser, `${where}: chart ${c.id} drew no data: ${JSON.stringify(c)}`);
  }
  // Legends wrap instead of scrolling (a pager hid the survival chart's last curve), and the run's
  // shares and survival curves do not get an axis below 0 from a t-interval that dips under it.
  for (const c of status.charts) {
    if (c.legend === 'scroll') await fail(browser, `${where}: chart ${c.id} has a scrolling legend`);
    if (typeof c.yExtent === 'string') await fail(browser, `${where}: chart ${c.id}'s axis: ${c.yExtent}`);
    if (r.kind === 'run' && c.type !== 'table' && !Array.isArray(c.yExtent))
      await fail(browser, `${where}: chart ${c.id}'s value axis was not read: ${JSON.stringify(c.yExtent)}`);
    if (r.kind === 'run' && c.id !== 'measures' && c.yExtent && c.yExtent[0] < 0)
      await fail(browser, `${where}: chart ${c.id}'s axis runs below 0: ${JSON.stringify(c.yExtent)}`);
  }
  // Every chart's canvas has ink on it, not just a white box.
  const inked = await page.evaluate(() => [...document.querySelectorAll('section.chart')].map((s) => {
    const canvases = [...s.querySelectorAll('.plot canvas')].filter((c) => c.width > 0 && c.height > 0);
    if (!s.querySelector('.plot')) return { id: s.id, table: true };
    let dark = 0;
    for (const canvas of canvases) {
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) dark++;
    }
    return { id: s.id, dark };
  }));
  for (const c of inked) if (!c.table && c.dark < 500) await fail(browser, `${where}: ${c.id} canvas is (nearly) empty: ${c.dark} inked pixels`);

  // Saving: SVG from the offscreen SVG renderer, PNG from the canvas, and the SVG button downloads.
  for (const c of status.charts.filter((x) => x.type !== 'table')) {
    const svg = await page.evaluate((id) => window.__report.exportSvg(id), c.id);
    if (!svg.startsWith('<svg') || !svg.includes('<path')) await fail(browser, `${where}: SVG of ${c.id} is not a drawing: ${svg.slice(0, 80)}`);
    const png = await page.evaluate((id) => window.__report.exportPng(id), c.id);
    if (!png.startsWith('data:image/png;base64,') || png.length < 2000) await fail(browser, `${where}: PNG of ${c.id} is empty`);
  }
  const first = status.charts.find((x) => x.type !== 'table');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#chart-${first.id} button[data-save="svg"]`)]);
  const saved = fs.readFileSync(await download.path(), 'utf8');
  if (!saved.startsWith('<svg') || !download.suggestedFilename().endsWith('.svg'))
    await fail(browser, `${where}: the SVG button saved ${download.suggestedFilename()}: ${saved.slice(0, 60)}`);

  // A chart with several variants (measures, outcomes) redraws when another is chosen.
  const multi = status.charts.find((x) => x.variants > 1);
  if (multi) {
    await page.selectOption(`#chart-${multi.id} select`, '1');
    const after = await page.evaluate((id) => window.__report.charts.find((c) => c.id === id), multi.id);
    if (after.variant !== 1 || after.error) await fail(browser, `${where}: choosing variant 1 of ${multi.id} gave ${JSON.stringify(after)}`);
    await page.selectOption(`#chart-${multi.id} select`, '0');
  }

  // Both languages, with a screenshot of each.
  for (const lang of [r.lang, r.lang === 'zh' ? 'en' : 'zh']) {
    if (lang !== r.lang) {
      await page.click(`.lang-switch button[data-lang="${lang}"]`);
      await page.waitForTimeout(800);
    }
    const now = await page.evaluate(() => ({ lang: window.__report.lang, html: document.documentElement.lang,
                                             title: document.querySelector('h1').textContent, charts: window.__report.charts }));
    if (now.lang !== lang || !now.html.startsWith(lang)) await fail(browser, `${where}: switching to ${lang} gave ${now.lang} / ${now.html}`);
    const han = /[\u4e00-\u9fff]/.test(now.title);
    if (han !== (lang === 'zh')) await fail(browser, `${where}: title "${now.title}" is not in ${lang}`);
    for (const c of now.charts) if (c.error) await fail(browser, `${where}: chart ${c.id} failed in ${lang}: ${c.error}`);
    for (const c of now.charts.filter((x) => x.type === 'bars')) await checkCategoryLabels(page, `${where} in ${lang}`, c.id);
    // The Morris plane: one labelled point per factor, at (mu*, sigma) of the bars' first two series.
    if (r.factors) {
      const plane = now.charts.find((c) => c.id === 'morris-plane');
      if (plane.type !== 'scatter' || plane.series !== 1 || plane.points !== r.factors.length)
        await fail(browser, `${where}: the Morris plane should have one point per factor (${r.factors.length}): ${JSON.stringify(plane)}`);
      const points = await page.evaluate(() => {
        const chart = echarts.getInstanceByDom(document.querySelector('#chart-morris-plane .plot'));
        return chart.getOption().series[0].data.map((d) => ({ name: d.name, value: d.value }));
      });
      const bars = await page.evaluate(() => JSON.parse(document.getElementById('report-data').textContent)
        .charts.find((c) => c.id === 'sensitivity').variants[0].series.map((s) => s.value));
      const names = r.factors.map((f) => f[lang]).sort();
      if (JSON.stringify(points.map((p) => p.name).sort()) !== JSON.stringify(names))
        await fail(browser, `${where}: the Morris plane's points are ${JSON.stringify(points.map((p) => p.name))}, not ${names}`);
      if (!points.every((p, k) => p.value[0] === bars[0][k] && p.value[1] === bars[1][k]))
        await fail(browser, `${where}: the Morris plane's points ${JSON.stringify(points)} are not the bars' mu* and sigma ${JSON.stringify(bars)}`);
      // Every point's name is drawn whole beside it.
      const drawn = await drawnTexts(page, 'morris-plane');
      for (const name of names) {
        const label = drawn.texts.find((t) => t.text === name);
        if (!label || squash(label.lines.join('')) !== squash(name))
          await fail(browser, `${where}: the Morris plane's label "${name}" was drawn as ${JSON.stringify(label && label.lines)}`);
      }
    }
    await page.screenshot({ path: path.join(artifacts, `${r.shot || r.kind}-${lang}.png`), fullPage: true });
  }

  if (errors.length) await fail(browser, `${where}: console errors:\n${errors.join('\n')}`);
  if (requests.length) await fail(browser, `${where}: the page made requests:\n${requests.join('\n')}`);
  console.log(`ok ${r.shot || r.kind}: ${status.charts.map((c) => `${c.id}(${c.type === 'table' ? `${c.rows} rows` : `${c.series} series, ${c.points} points`})`).join(', ')}`);
  await page.close();
}

await browser.close();
console.log(`screenshots in ${artifacts}`);
