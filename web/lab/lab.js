// The browser lab's logic. Everything it knows about the model (presets, parameters and their
// groups, measures) comes from the JSON API (docs/api.md), so the page never falls out of step with
// the program. Two configurations, A and B, can run side by side; each run streams its months as
// Server-Sent Events and the charts grow as they arrive.
'use strict';

const UI = {
  title: { en: 'pilotsim lab', zh: '试点实验室 pilotsim' },
  subtitle: { en: 'Move the levers, run, and watch governance-innovation pilots respond month by month',
              zh: '调整杠杆、运行,逐月观察基层治理创新试点的反应' },
  compare: { en: 'Compare with a second configuration (B)', zh: '与第二个配置(B)并排比较' },
  config: { en: 'Configuration', zh: '配置' },
  preset: { en: 'Preset', zh: '预设情景' },
  imported: { en: 'imported', zh: '已导入' },
  export: { en: 'Export TOML', zh: '导出 TOML' },
  import: { en: 'Import TOML', zh: '导入 TOML' },
  reset: { en: 'Reset', zh: '重置' },
  changed: { en: 'changed', zh: '已修改' },
  run: { en: 'Run', zh: '运行' },
  pause: { en: 'Pause', zh: '暂停' },
  resume: { en: 'Resume', zh: '继续' },
  stop: { en: 'Stop', zh: '停止' },
  speed: { en: 'Speed', zh: '速度' },
  speed_fast: { en: 'as fast as possible', zh: '最快' },
  speed_normal: { en: 'watchable (20 ms/month)', zh: '适中(每月20毫秒)' },
  speed_slow: { en: 'slow (100 ms/month)', zh: '慢(每月100毫秒)' },
  month: { en: 'month', zh: '月' },
  units_title: { en: 'Units: the hierarchy coloured by a measure', zh: '基层单位:按指标着色的层级结构' },
  units_run: { en: 'Run', zh: '运行' },
  units_colour: { en: 'Colour by', zh: '着色指标' },
  units_refresh: { en: 'Refresh', zh: '刷新' },
  units_hint: { en: 'Click a unit to list its pilots.', zh: '点击单位查看其试点。' },
  units_none: { en: 'Run a configuration to see its units.', zh: '运行一个配置后可查看其基层单位。' },
  unit: { en: 'Unit', zh: '单位' },
  pilots_none: { en: 'No live pilots.', zh: '没有在办试点。' },
  col_id: { en: 'id', zh: '编号' }, col_domain: { en: 'domain', zh: '领域' },
  col_origin: { en: 'origin', zh: '来源' }, col_status: { en: 'status', zh: '状态' },
  col_start: { en: 'start', zh: '开始月' }, col_built: { en: 'built', zh: '累积效果' },
  col_realised: { en: 'realised', zh: '实现效果' }, col_reported: { en: 'reported', zh: '汇报效果' },
  col_packaging: { en: 'packaging share', zh: '包装占比' }, col_pseudo: { en: 'pseudo', zh: '伪创新' },
  yes: { en: 'yes', zh: '是' },
  status_queued: { en: 'queued', zh: '排队中' }, status_running: { en: 'running', zh: '运行中' },
  status_paused: { en: 'paused', zh: '已暂停' }, status_finished: { en: 'finished', zh: '已完成' },
  status_stopped: { en: 'stopped', zh: '已停止' }, status_cancelled: { en: 'cancelled', zh: '已取消' },
  status_failed: { en: 'failed', zh: '失败' },
  burn_in: { en: 'burn-in', zh: '预热' },
  invalid_list: { en: 'expected a list of whole numbers such as [3, 11, 9]', zh: '应为整数列表,例如 [3, 11, 9]' },
  export_csv: { en: 'Download monthly data (CSV)', zh: '下载逐月数据(CSV)' },
  export_csv_hint: { en: 'The rows drawn in the charts: each month\'s mean over the replicates, A and B one after the other; columns as in monthly.csv',
                     zh: '图中所画的各行:每月各次重复的均值,A 与 B 先后排列;列名与 monthly.csv 相同' },
  save_png: { en: 'Save as PNG', zh: '保存为 PNG' },
};
const ORIGINS = { spontaneous: '自发', designated: '指定', adoption: '采纳', restart: '换名重启' };
const STATUSES = { active: '进行中', symbolic: '空转', institutionalised: '已制度化', failed: '失败', interrupted: '中断', abandoned: '放弃' };
const SIDES = ['a', 'b'];
const SIDE_COLOURS = { a: '#2f6db5', b: '#c0582b' };

// The page's language: ?lang=zh|en in the address first (a link can choose it), then the choice
// remembered from an earlier visit, then the browser's language. Storage can be unavailable (a
// privacy mode, a policy): the page then just does not remember.
const LANG_KEY = 'pilotsim.lab.lang';
function storedLanguage() {
  try { return localStorage.getItem(LANG_KEY); } catch { return null; }
}
function rememberLanguage(lang) {
  try { localStorage.setItem(LANG_KEY, lang); } catch { /* not remembered, still shown */ }
}
function initialLanguage() {
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'zh' || asked === 'en') {
    rememberLanguage(asked);
    return asked;
  }
  const stored = storedLanguage();
  if (stored === 'zh' || stored === 'en') return stored;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const lab = {
  lang: initialLanguage(),
  presets: [], params: [], groups: [], measures: [], keyMeasures: [],
  configs: {},   // side -> {source, filename, base, values, name}
  runs: {},      // side -> {id, label, status, rows: [[month, values]], source: EventSource}
  charts: [],    // {measure, index, chart}
  unitView: null, unitRunSide: 'a', pendingDraw: false,
};

function t(key) { return (UI[key] || { en: key, zh: key })[lab.lang]; }
function label(item) { return lab.lang === 'zh' ? item.zh : item.en; }
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

// --- the API -----------------------------------------------------------------------------------

async function api(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(path, init);
  const text = await res.text();
  let data;
  try { data = JSON.parse(text); } catch { data = { error: text }; }
  if (!res.ok) {
    const err = new Error(data.error || `HTTP ${res.status}`);
    err.data = data;
    throw err;
  }
  return data;
}

function showError(message) {
  const box = document.getElementById('error');
  box.textContent = message;
  box.hidden = !message;
}

// --- configurations ----------------------------------------------------------------------------

async function loadPreset(side, name) {
  const preset = await api('GET', `/api/presets/${encodeURIComponent(name)}`);
  lab.configs[side] = { source: { preset: name }, name, base: preset.values, values: { ...preset.values } };
  renderConfig(side);
}

// The request for a configuration: its source (a preset, or imported TOML) and only the values
// that differ from it, so that the exported scenario writes what was changed on top of its base.
function scenarioRequest(side) {
  const c = lab.configs[side];
  const set = {};
  for (const [key, value] of Object.entries(c.values)) {
    if (JSON.stringify(value) !== JSON.stringify(c.base[key])) set[key] = value;
  }
  return { ...c.source, set };
}

function paramInput(side, p) {
  const c = lab.configs[side];
  const value = c.values[p.key];
  const zh = lab.lang === 'zh';
  const row = el('div', { class: 'param', 'data-key': p.key, title: zh ? p.meaning_zh : p.meaning });
  const id = `p-${side}-${p.key.replace('.', '-')}`;
  const lever = /^[ABC][0-9]$/.test(p.lever) ? el('span', { class: 'lever', text: p.lever }) : null;
  // Dimensionless numbers and switches need no unit; the test is on the English unit, which names
  // the kind, and the label shows the unit of the page's language.
  const unit = p.unit === '-' || p.unit === 'switch' ? '' : ` (${zh ? p.unit_zh : p.unit})`;
  row.append(el('label', { for: id, text: `${label(p)}${unit}` }, lever));
  const set = (v) => {
    c.values[p.key] = v;
    row.classList.toggle('changed', JSON.stringify(v) !== JSON.stringify(c.base[p.key]));
  };
  if (p.type === 'boolean') {
    const box = el('input', { type: 'checkbox', id, 'data-side': side, 'data-key': p.key });
    box.checked = !!value;
    box.addEventListener('change', () => set(box.checked));
    row.append(box);
  } else if (p.type === 'text') {
    const choices = p.key === 'structure.preset' ? ['county', 'city', 'province', 'national', 'custom'] : [value];
    const select = el('select', { id, 'data-side': side, 'data-key': p.key });
    for (const ch of choices) select.append(el('option', { value: ch, text: ch }));
    select.value = value;
    select.addEventListener('change', () => set(select.value));
    row.append(select);
  } else if (p.type === 'integer_list') {
    const input = el('input', { type: 'text', id, 'data-side': side, 'data-key': p.key, value: JSON.stringify(value) });
    input.addEventListener('change', () => {
      try {
        const list = JSON.parse(input.value);
        if (!Array.isArray(list) || !list.every(Number.isInteger)) throw new Error();
        input.setCustomValidity('');
        set(list);
      } catch {
        input.setCustomValidity(t('invalid_list'));
        input.reportValidity();
      }
    });
    row.append(input);
  } else {
    const integer = p.type === 'integer';
    const span = p.max - p.min;
    const step = integer ? 1 : span / 200;
    const number = el('input', { type: 'number', id, 'data-side': side, 'data-key': p.key, min: p.min, max: p.max,
                                 step: integer ? 1 : 'any', value });
    // A slider only where the range is small enough to move through (not the seed, say).
    const sliderUseful = span > 0 && (integer ? span <= 1000 : span <= 1e4);
    const slider = sliderUseful
      ? el('input', { type: 'range', min: p.min, max: p.max, step, value, 'data-side': side, 'data-key': p.key,
                      'aria-label': label(p) })
      : el('span');
    const parse = (s) => (integer ? parseInt(s, 10) : parseFloat(s));
    if (sliderUseful) {
      slider.addEventListener('input', () => {
        const v = integer ? parse(slider.value) : Number(parse(slider.value).toPrecision(6));
        number.value = v;
        set(v);
      });
    }
    number.addEventListener('change', () => {
      const v = parse(number.value);
      if (Number.isNaN(v)) return;
      if (sliderUseful) slider.value = v;
      set(v);
    });
    row.append(slider, number);
  }
  row.classList.toggle('changed', JSON.stringify(value) !== JSON.stringify(c.base[p.key]));
  return row;
}

function renderConfig(side) {
  const box = document.getElementById(`config-${side}`);
  const c = lab.configs[side];
  const open = new Set([...box.querySelectorAll('details[open]')].map((d) => d.dataset.group));
  box.replaceChildren();
  // Counts renders, so that a caller (the browser test) can tell when a preset it chose has arrived.
  box.dataset.renders = String((Number(box.dataset.renders) || 0) + 1);
  box.append(el('h2', { text: `${t('config')} ${side.toUpperCase()}` }));
  const select = el('select', { 'data-role': 'preset', 'aria-label': t('preset') });
  for (const p of lab.presets) select.append(el('option', { value: p.name, text: p.name }));
  if (c.source.toml !== undefined) {
    select.append(el('option', { value: '', text: `${t('imported')}: ${c.source.filename}` }));
    select.value = '';
  } else {
    select.value = c.source.preset;
  }
  select.addEventListener('change', () => {
    if (select.value) loadPreset(side, select.value).catch((e) => showError(e.message));
  });
  const fileInput = document.getElementById('import-file');
  const source = el('div', { class: 'source' },
    el('label', { text: t('preset') }), select,
    el('button', { type: 'button', 'data-role': 'export', text: t('export'), onclick: () => exportToml(side) }),
    el('button', { type: 'button', 'data-role': 'import', text: t('import'),
                   onclick: () => { fileInput.dataset.side = side; fileInput.click(); } }),
    el('button', { type: 'button', 'data-role': 'reset', text: t('reset'),
                   onclick: () => { c.values = { ...c.base }; renderConfig(side); } }));
  const preset = lab.presets.find((p) => p.name === c.source.preset);
  if (preset) source.append(el('div', { class: 'source-note', text: lab.lang === 'zh' ? preset.description_zh : preset.description_en }));
  box.append(source);
  for (const g of lab.groups) {
    const params = lab.params.filter((p) => p.group === g.id);
    if (!params.length) continue;
    const details = el('details', { 'data-group': g.id }, el('summary', { text: label(g) }));
    // The paper's levers are what the lab is for: their groups start open.
    if (open.has(g.id) || (open.size === 0 && g.id !== 'model' && g.id !== 'mechanisms')) details.open = true;
    for (const p of params) details.append(paramInput(side, p));
    box.append(details);
  }
}

// Hands text to the browser as a file download.
function downloadText(text, filename, type) {
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function exportToml(side) {
  showError('');
  try {
    const reply = await api('POST', '/api/validate', scenarioRequest(side));
    downloadText(reply.toml, `${reply.name}.toml`, 'application/toml');
  } catch (e) {
    showError(e.message);
  }
}

async function importToml(side, file) {
  showError('');
  const text = await file.text();
  try {
    const reply = await api('POST', '/api/validate', { toml: text, filename: file.name });
    lab.configs[side] = { source: { toml: text, filename: file.name }, name: reply.name,
                          base: reply.values, values: { ...reply.values } };
    renderConfig(side);
  } catch (e) {
    showError(`${file.name}: ${e.message}`);
  }
}

// --- charts ------------------------------------------------------------------------------------

function buildCharts() {
  for (const c of lab.charts) c.chart.dispose();
  const box = document.getElementById('charts');
  box.replaceChildren();
  lab.charts = lab.keyMeasures.map((m) => {
    const div = el('div', { class: 'chart', 'data-measure': m.key });
    box.append(div);
    return { measure: m, index: lab.measures.indexOf(m), chart: echarts.init(div) };
  });
  drawCharts();
}

function drawCharts() {
  lab.pendingDraw = false;
  document.getElementById('export-csv').disabled = !SIDES.some((s) => lab.runs[s] && lab.runs[s].rows.length);
  for (const { measure, index, chart } of lab.charts) {
    const series = SIDES.filter((s) => lab.runs[s]).map((s) => ({
      name: `${s.toUpperCase()} ${lab.runs[s].label}`,
      type: 'line', showSymbol: false, animation: false, color: SIDE_COLOURS[s],
      data: lab.runs[s].rows.map(([month, values]) => [month, values[index]]),
    }));
    chart.setOption({
      title: { text: label(measure), subtext: lab.lang === 'zh' ? measure.unit_zh : measure.unit,
               textStyle: { fontSize: 12 }, subtextStyle: { fontSize: 10 }, left: 4, top: 2 },
      tooltip: { trigger: 'axis' },
      legend: { top: 2, right: 4, textStyle: { fontSize: 10 } },
      // Below the legend, in the margin above the plot. The saved image leaves the toolbox out and
      // keeps the title, so the picture says which measure it shows.
      toolbox: { right: 4, top: 24, itemSize: 12, padding: 0,
                 feature: { saveAsImage: { title: t('save_png'), name: `pilotsim-lab-${measure.key}`, pixelRatio: 2,
                                           backgroundColor: '#fff' } } },
      grid: { left: 48, right: 12, top: 46, bottom: 28 },
      xAxis: { type: 'value', name: t('month'), nameGap: 4, min: 0, nameTextStyle: { fontSize: 10 } },
      yAxis: { type: 'value', scale: true },
      series,
    }, { replaceMerge: ['series'] });
  }
}

// One CSV field: quoted when it holds a comma, quote or line break (RFC 4180).
function csvField(x) {
  const s = String(x);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// The rows drawn in the charts as CSV: side and scenario label, then the columns of monthly.csv
// without `replicate` (each row is the mean over the run's replicates, as the stream sends it) and
// every measure, not only the charted ones. An undefined value is an empty field, as in monthly.csv.
function monthlyCsv() {
  const header = ['side', 'scenario', 'month', 'year', ...lab.measures.map((m) => m.key)];
  const lines = [header.join(',')];
  for (const s of SIDES.filter((x) => lab.runs[x])) {
    const run = lab.runs[s];
    for (const [month, values] of run.rows) {
      const cells = values.map((v) => (Number.isFinite(v) ? String(v) : ''));
      lines.push([s.toUpperCase(), csvField(run.label), month, Math.floor(month / 12) + 1, ...cells].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

function exportCsv() {
  const labels = SIDES.filter((s) => lab.runs[s]).map((s) => lab.runs[s].label.replace(/[^\w.-]+/g, '_'));
  downloadText(monthlyCsv(), `pilotsim-lab-${labels.join('-vs-')}.csv`, 'text/csv');
}

// Months arrive faster than the screen refreshes: draw at most once a frame.
function scheduleDraw() {
  if (lab.pendingDraw) return;
  lab.pendingDraw = true;
  requestAnimationFrame(drawCharts);
}

// --- runs --------------------------------------------------------------------------------------

function activeSides() { return document.getElementById('compare').checked ? SIDES : ['a']; }

function updateControls() {
  const live = SIDES.map((s) => lab.runs[s]).filter((r) => r && !['finished', 'stopped', 'cancelled', 'failed'].includes(r.status));
  document.getElementById('run').disabled = live.length > 0;
  document.getElementById('pause').disabled = !live.some((r) => r.status === 'running' || r.status === 'queued');
  document.getElementById('resume').disabled = !live.some((r) => r.status === 'paused');
  document.getElementById('stop').disabled = live.length === 0;
  const status = SIDES.filter((s) => lab.runs[s]).map((s) => {
    const r = lab.runs[s];
    const info = r.info || {};
    const measured = Math.max(0, (info.months_done || 0) - (info.burn_in || 0));
    const where = (info.months_done || 0) < (info.burn_in || 0)
      ? `${t('burn_in')} ${info.months_done}/${info.burn_in}`
      : `${t('month')} ${measured}/${info.months || '?'}`;
    return `${s.toUpperCase()} ${r.label} [${r.id}]: ${t(`status_${r.status}`)}, ${where}${info.error ? ` — ${info.error}` : ''}`;
  });
  document.getElementById('status').textContent = status.join(' · ');
  document.getElementById('unit-refresh').disabled = !lab.runs[lab.unitRunSide];
}

async function startRuns() {
  showError('');
  for (const s of SIDES) if (lab.runs[s] && lab.runs[s].source) lab.runs[s].source.close();
  lab.runs = {};
  const pace = parseInt(document.getElementById('speed').value, 10);
  try {
    // Validate both first, so that a mistake in B does not leave A running alone.
    for (const s of activeSides()) await api('POST', '/api/validate', scenarioRequest(s));
    for (const s of activeSides()) {
      const label = `${lab.configs[s].name}`;
      const reply = await api('POST', '/api/runs', { ...scenarioRequest(s), label, pace_ms: pace });
      lab.runs[s] = { id: reply.id, label, status: reply.status, info: reply, rows: [] };
      follow(s);
    }
  } catch (e) {
    showError(e.message);
  }
  fillUnitRunSelect();
  updateControls();
  scheduleDraw();
}

// Follow a run's progress stream. EventSource reconnects by itself after a network hiccup and
// sends the id of the last month it saw, so the server continues from there.
function follow(side) {
  const run = lab.runs[side];
  const source = new EventSource(`/api/runs/${run.id}/stream`);
  run.source = source;
  source.addEventListener('month', (ev) => {
    const row = JSON.parse(ev.data);
    run.rows.push([row.month, row.values.map((v) => (v === null ? NaN : v))]);
    scheduleDraw();
  });
  source.addEventListener('status', (ev) => {
    run.info = JSON.parse(ev.data);
    const was = run.status;
    run.status = run.info.status;
    if (run.status === 'paused' && was !== 'paused' && side === lab.unitRunSide) loadUnits();
    updateControls();
  });
  source.addEventListener('end', (ev) => {
    run.info = JSON.parse(ev.data);
    run.status = run.info.status;
    source.close();
    updateControls();
    if (side === lab.unitRunSide) loadUnits();
  });
  source.addEventListener('error', () => {
    // Closed by the server after the end, or the run is gone (removed): nothing more will come.
    if (source.readyState === EventSource.CLOSED) updateControls();
  });
}

async function control(action) {
  showError('');
  for (const s of SIDES) {
    const r = lab.runs[s];
    if (!r || ['finished', 'stopped', 'cancelled', 'failed'].includes(r.status)) continue;
    try {
      // The reply is not used for the status: the stream reports the change when it has happened,
      // and may already have done so before this reply arrives.
      await api('POST', `/api/runs/${r.id}/${action}`);
    } catch (e) {
      showError(e.message);
    }
  }
  updateControls();
}

// --- the unit view -----------------------------------------------------------------------------

function fillUnitRunSelect() {
  const select = document.getElementById('unit-run');
  select.replaceChildren();
  for (const s of SIDES.filter((x) => lab.runs[x])) select.append(el('option', { value: s, text: `${s.toUpperCase()} ${lab.runs[s].label}` }));
  if (!lab.runs[lab.unitRunSide]) lab.unitRunSide = 'a';
  select.value = lab.unitRunSide;
}

async function loadUnits() {
  const run = lab.runs[lab.unitRunSide];
  if (!run) return;
  try {
    lab.unitView = await api('GET', `/api/runs/${run.id}/units`);
    lab.unitView.runId = run.id;
    fillUnitMeasures();
    drawUnits();
  } catch (e) {
    // Before the first simulated year there is no snapshot yet (409): not an error to show.
    if (!(e.data && e.data.status)) showError(e.message);
  }
}

function fillUnitMeasures() {
  const select = document.getElementById('unit-measure');
  const current = select.value || 'pilots';
  select.replaceChildren();
  for (const m of lab.unitView.measures) select.append(el('option', { value: m.key, text: label(m) }));
  select.value = current;
}

function colourFor(x, lo, hi) {
  if (!Number.isFinite(x)) return '#d9d9d9';
  const f = hi > lo ? (x - lo) / (hi - lo) : 0.5;
  // Light to dark blue, as the legend's bar.
  const stops = [[247, 251, 255], [107, 174, 214], [8, 48, 107]];
  const seg = f < 0.5 ? 0 : 1;
  const g = f < 0.5 ? f * 2 : (f - 0.5) * 2;
  const c = stops[seg].map((a, i) => Math.round(a + (stops[seg + 1][i] - a) * g));
  return `rgb(${c.join(',')})`;
}

function drawUnits() {
  const view = lab.unitView;
  const div = document.getElementById('unit-map');
  if (!view) {
    div.textContent = t('units_none');
    return;
  }
  const key = document.getElementById('unit-measure').value || 'pilots';
  const values = view.units[key];
  const finite = values.filter((v) => v !== null);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
  document.getElementById('unit-legend').replaceChildren(
    fmt(lo), el('span', { class: 'bar' }), fmt(hi), ` · ${t('month')} ${view.month} · ${t('units_hint')}`);
  // The tree from the superiors (pre-order, parents first) with the units as leaves.
  const nodes = view.superiors.map((s) => ({ name: s.name, children: [] }));
  view.superiors.forEach((s, i) => { if (i !== s.parent) nodes[s.parent].children.push(nodes[i]); });
  const count = {};
  view.units.superior.forEach((sup, u) => {
    count[sup] = (count[sup] || 0) + 1;
    const v = values[u];
    nodes[sup].children.push({
      name: `${view.superiors[sup].name} #${count[sup]}`, value: 1, unit: u, measure: v,
      itemStyle: { color: colourFor(v === null ? NaN : v, lo, hi) },
    });
  });
  const deep = view.superiors.length > 200;
  let chart = echarts.getInstanceByDom(div);
  if (!chart) {
    div.textContent = '';
    chart = echarts.init(div);
    chart.on('click', (params) => {
      if (params.data && params.data.unit !== undefined) loadPilots(params.data.unit);
    });
  }
  chart.setOption({
    tooltip: { formatter: (p) => (p.data && p.data.unit !== undefined
      ? `${p.data.name}<br>${label(view.measures.find((m) => m.key === key))}: ${p.data.measure === null ? '–' : fmt(p.data.measure)}`
      : p.name) },
    series: [{
      type: 'treemap', data: nodes[0].children, name: nodes[0].name, roam: false, animation: false,
      // Large trees (province, national) open two levels at a time; click a region to go down.
      leafDepth: deep ? 2 : null, nodeClick: deep ? 'zoomToNode' : false,
      breadcrumb: { show: deep }, label: { show: false },
      upperLabel: { show: true, height: 16, fontSize: 10 },
      levels: [{ itemStyle: { borderColor: '#555', borderWidth: 2, gapWidth: 2 } },
               { itemStyle: { borderColor: '#999', borderWidth: 1, gapWidth: 1 } }],
    }],
  }, { notMerge: true });
}

async function loadPilots(unit) {
  const view = lab.unitView;
  const box = document.getElementById('unit-pilots');
  try {
    const reply = await api('GET', `/api/runs/${view.runId}/units/${unit}`);
    const head = ['col_id', 'col_domain', 'col_origin', 'col_status', 'col_start', 'col_built', 'col_realised',
                  'col_reported', 'col_packaging', 'col_pseudo'];
    const num = (x) => (x === null ? '–' : x.toFixed(2));
    const rows = reply.pilots.map((p) => el('tr', { class: p.pseudo ? 'pseudo' : '' },
      el('td', { text: p.id }),
      el('td', { class: 'text', text: lab.lang === 'zh' ? p.domain_zh : p.domain_en }),
      el('td', { class: 'text', text: lab.lang === 'zh' ? ORIGINS[p.origin] || p.origin : p.origin }),
      el('td', { class: 'text', text: lab.lang === 'zh' ? STATUSES[p.status] || p.status : p.status }),
      el('td', { text: p.start }),
      el('td', { text: num(p.built) }), el('td', { text: num(p.realised) }), el('td', { text: num(p.reported) }),
      el('td', { text: p.substance + p.packaging > 0 ? (p.packaging / (p.substance + p.packaging)).toFixed(2) : '–' }),
      el('td', { class: 'text', text: p.pseudo ? t('yes') : '' })));
    const title = el('h3', { text: `${t('unit')} ${reply.unit} · ${reply.superior_name} · ${t('month')} ${reply.month}` });
    box.replaceChildren(title, reply.pilots.length
      ? el('table', { 'data-unit': reply.unit },
        el('thead', {}, el('tr', {}, ...head.map((h, i) => el('th', { class: i >= 1 && i <= 3 ? 'text' : '', text: t(h) })))),
        el('tbody', {}, ...rows))
      : el('p', { text: t('pilots_none') }));
  } catch (e) {
    showError(e.message);
  }
}

// --- language and start-up ---------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = lab.lang === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  document.getElementById('export-csv').title = t('export_csv_hint');
  document.getElementById('lang-en').classList.toggle('active', lab.lang === 'en');
  document.getElementById('lang-zh').classList.toggle('active', lab.lang === 'zh');
  for (const s of SIDES) if (lab.configs[s]) renderConfig(s);
  drawCharts();
  updateControls();
  if (lab.unitView) { fillUnitMeasures(); drawUnits(); } else drawUnits();
}

// A language chosen with the buttons is remembered and put in the address, so that a bookmark or a
// shared link opens the page in it; replaceState, since a language is not a step to go back to.
function chooseLanguage(lang) {
  lab.lang = lang;
  rememberLanguage(lang);
  const url = new URL(window.location.href);
  url.searchParams.set('lang', lang);
  window.history.replaceState(null, '', url);
  applyLanguage();
}

async function start() {
  const [presets, params, measures] = await Promise.all([
    api('GET', '/api/presets'), api('GET', '/api/params'), api('GET', '/api/measures')]);
  lab.presets = presets;
  lab.params = params.params;
  lab.groups = params.groups;
  lab.measures = measures;
  lab.keyMeasures = measures.filter((m) => m.key_measure);
  await loadPreset('a', 'baseline');
  await loadPreset('b', presets.some((p) => p.name === 'reform-all') ? 'reform-all' : 'baseline');
  buildCharts();
  document.getElementById('lang-en').addEventListener('click', () => chooseLanguage('en'));
  document.getElementById('lang-zh').addEventListener('click', () => chooseLanguage('zh'));
  document.getElementById('export-csv').addEventListener('click', exportCsv);
  document.getElementById('compare').addEventListener('change', (e) => {
    document.getElementById('config-b').hidden = !e.target.checked;
  });
  document.getElementById('run').addEventListener('click', startRuns);
  document.getElementById('pause').addEventListener('click', () => control('pause'));
  document.getElementById('resume').addEventListener('click', () => control('resume'));
  document.getElementById('stop').addEventListener('click', () => control('stop'));
  document.getElementById('unit-run').addEventListener('change', (e) => { lab.unitRunSide = e.target.value; loadUnits(); });
  document.getElementById('unit-measure').addEventListener('change', drawUnits);
  document.getElementById('unit-refresh').addEventListener('click', loadUnits);
  document.getElementById('import-file').addEventListener('change', (e) => {
    const file = e.target.files[0];
    if (file) importToml(e.target.dataset.side || 'a', file);
    e.target.value = '';
  });
  window.addEventListener('resize', () => {
    for (const c of lab.charts) c.chart.resize();
    const map = echarts.getInstanceByDom(document.getElementById('unit-map'));
    if (map) map.resize();
  });
  applyLanguage();
  document.body.dataset.ready = 'true';
}

start().catch((e) => showError(`The lab could not start: ${e.message}`));
