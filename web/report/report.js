// Draws a pilotsim report from the data document inlined in the page (src/report/ChartJson.hpp
// describes it). Every number was computed by pilotsim; this script only lays out and draws, with
// Apache ECharts (inlined before it). It also publishes window.__report, which the browser test reads
// to check that every chart was drawn with data.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('report-data').textContent);
  const state = { lang: document.documentElement.dataset.lang === 'en' ? 'en' : 'zh' };
  const entries = [];
  const errors = [];

  // Texts of the page itself; everything else comes bilingual in the data.
  const UI = {
    zh: { select: '选择', command: '生成命令', source: '数据来源', version: '程序版本', png: '保存 PNG', svg: '保存 SVG',
          interval: '95% 区间', noData: '没有可画的数据', footer: '由 pilotsim 生成；图表由 Apache ECharts 绘制。所有数据都在本文件中，离线可用。' },
    en: { select: 'Show', command: 'Command', source: 'Source', version: 'Program version', png: 'Save PNG', svg: 'Save SVG',
          interval: '95% interval', noData: 'No data to draw', footer: 'Made by pilotsim; charts drawn with Apache ECharts. All data are in this file; it works offline.' },
  };
  // Colour-blind-safe palette (Okabe & Ito 2008), so scenarios stay apart in print too.
  const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
  const VERDICT_COLOURS = { supported: '#1a7f37', contradicted: '#cf222e', 'not supported': '#cf222e', inconclusive: '#9a6700' };
  const SVG_ICON = 'path://M4 2h11l5 5v15H4z M15 2v5h5 M7 17l3-6 3 6 M8 15h4 M15 11v6';

  const tr = (x) => (x == null ? '' : typeof x === 'string' ? x : (x[state.lang] ?? x.en ?? ''));
  const ui = (key) => UI[state.lang][key];
  const fmt = (v) => (v == null || !isFinite(v) ? '-' : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : (+v.toPrecision(4)).toString());
  const el = (tag, attrs = {}, text) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  };

  // ---- options, one builder per chart type --------------------------------------------------

  function axisName(x) { return { name: tr(x), nameLocation: 'middle', nameGap: 30 }; }

  /// 0 for the value axis of a quantity that cannot be negative (every value at or above 0: shares,
  /// counts, survival) whose t-interval dips below 0, so that the axis does not run below 0; else
  /// undefined (ECharts chooses). `values` and `lows` are lists of arrays, nulls allowed.
  function zeroFloor(values, lows) {
    const nonNegative = values.every((ys) => ys.every((y) => y == null || y >= 0));
    const below = lows.some((ls) => (ls || []).some((x) => x != null && x < 0));
    return nonNegative && below ? 0 : undefined;
  }

  function linesOption(v) {
    const series = [];
    const legend = [];
    v.curves.forEach((c, i) => {
      const name = tr(c.name);
      const colour = PALETTE[i % PALETTE.length];
      legend.push(name);
      const step = v.step ? 'end' : false;
      const hasBand = c.lo && c.lo.some((x) => x != null);
      if (hasBand) {
        // The band: the lower bound (invisible) with the width of the interval stacked on it. Both
        // carry the curve's name, so the legend switches line and band together.
        series.push({ id: `band-lo-${i}`, name, type: 'line', stack: `band-${i}`, stackStrategy: 'all', step, symbol: 'none',
                      lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false },
                      data: c.x.map((x, k) => [x, c.lo[k]]) });
        series.push({ id: `band-w-${i}`, name, type: 'line', stack: `band-${i}`, stackStrategy: 'all', step, symbol: 'none',
                      lineStyle: { opacity: 0 }, areaStyle: { color: colour, opacity: 0.18 }, silent: true, tooltip: { show: false },
                      data: c.x.map((x, k) => [x, c.lo[k] == null || c.hi[k] == null ? null : c.hi[k] - c.lo[k]]) });
      }
      series.push({ id: `main-${i}`, name, type: 'line', step, symbol: 'none', showSymbol: false, lineStyle: { width: 2, color: colour },
                    itemStyle: { color: colour }, connectNulls: false, data: c.x.map((x, k) => [x, c.y[k]]) });
    });
    return {
      color: PALETTE,
      // A plain legend wraps onto more lines (the grid's top leaves room for them); a scrolling one
      // would hide some curves' names behind its pager.
      legend: { data: legend, top: 0 },
      grid: { left: 70, right: 30, top: 60 + 18 * Math.max(0, Math.ceil(legend.length / 3) - 1), bottom: 50 },
      tooltip: {
        trigger: 'axis',
        formatter: (params) => {
          const rows = params.filter((p) => String(p.seriesId).startsWith('main-'));
          if (!rows.length) return '';
          const x = rows[0].value[0];
          return `${tr(v.x_name)} ${fmt(x)}<br>` + rows.map((p) => {
            const c = v.curves[+String(p.seriesId).slice(5)];
            const k = p.dataIndex;
            const band = c.lo && c.lo[k] != null ? ` [${fmt(c.lo[k])}, ${fmt(c.hi[k])}]` : '';
            return `${p.marker}${p.seriesName}: ${fmt(p.value[1])}${band}`;
          }).join('<br>');
        },
      },
      xAxis: { type: 'value', ...axisName(v.x_name), scale: false, min: 'dataMin', max: 'dataMax' },
      yAxis: { type: 'value', name: tr(v.y_name), scale: !v.step,
               min: zeroFloor(v.curves.map((c) => c.y), v.curves.map((c) => c.lo)) },
      series,
    };
  }

  /// A point with its interval as a horizontal whisker, at height y: the data item is [value, lo, hi, row].
  function intervalGlyph(api, row, y, colour) {
    const children = [];
    const lo = api.value(1), hi = api.value(2);
    if (lo != null && hi != null && isFinite(lo) && isFinite(hi)) {
      const a = api.coord([lo, row])[0], b = api.coord([hi, row])[0];
      const style = { stroke: colour, lineWidth: 1.5 };
      children.push({ type: 'line', shape: { x1: a, y1: y, x2: b, y2: y }, style });
      children.push({ type: 'line', shape: { x1: a, y1: y - 4, x2: a, y2: y + 4 }, style });
      children.push({ type: 'line', shape: { x1: b, y1: y - 4, x2: b, y2: y + 4 }, style });
    }
    children.push({ type: 'circle', shape: { cx: api.coord([api.value(0), row])[0], cy: y, r: 4 }, style: { fill: colour } });
    return { type: 'group', children };
  }

  function forestOption(v) {
    const rows = v.rows.map(tr);
    const n = v.series.length;
    const series = v.series.map((s, i) => {
      const colour = s.verdict ? VERDICT_COLOURS[s.verdict] || PALETTE[i] : PALETTE[i % PALETTE.length];
      const points = [];
      s.value.forEach((val, r) => { if (val != null) points.push([val, s.lo[r], s.hi[r], r]); });
      return {
        name: tr(s.name), type: 'custom', itemStyle: { color: colour },
        encode: { x: [0, 1, 2], y: 3 },
        data: points,
        renderItem: (params, api) => {
          const r = api.value(3);
          const band = api.size([0, 1])[1];
          // Scenarios of one row side by side, so their intervals do not overlap.
          const dy = n > 1 ? (i - (n - 1) / 2) * Math.min(12, (band * 0.7) / n) : 0;
          return intervalGlyph(api, r, api.coord([0, r])[1] + dy, colour);
        },
      };
    });
    // The line of no difference.
    series.push({ name: '', type: 'line', silent: true, symbol: 'none', tooltip: { show: false },
                  lineStyle: { type: 'dashed', color: '#888' }, data: [[0, 0], [0, Math.max(0, rows.length - 1)]] });
    return {
      color: PALETTE,
      legend: { data: v.series.map((s) => tr(s.name)), top: 0 },
      grid: { left: 260, right: 30, top: 40 + 18 * Math.max(0, Math.ceil(v.series.length / 3) - 1), bottom: 50 },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          if (!Array.isArray(p.value)) return '';
          const s = v.series[p.seriesIndex];
          const r = p.value[3];
          return `${rows[r]}<br>${p.marker}${p.seriesName}: ${fmt(p.value[0])} [${fmt(p.value[1])}, ${fmt(p.value[2])}]<br>${tr(s.detail[r])}`;
        },
      },
      xAxis: { type: 'value', ...axisName(v.x_name), scale: true },
      yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { width: 240, overflow: 'truncate' } },
      series,
    };
  }

  /// How the category labels of a bar chart get room (long parameter names were cut off at 140 px
  /// with an ellipsis): wrapped to the width of their band when it is wide enough, else turned 30°
  /// and wrapped at 160 px. Never truncated; ECharts 6 then shrinks the plot so that the labels stay
  /// within the chart (grid.outerBoundsMode 'auto', its default, said here so that it is not lost).
  function categoryLabels(cats, width) {
    const band = (Math.max(width, 300) - 100) / Math.max(1, cats.length);
    const long = cats.some((c) => c.length > 8);
    if (!long || band >= 90) return { interval: 0, rotate: 0, width: Math.max(40, band - 8), overflow: 'break' };
    return { interval: 0, rotate: 30, width: 160, overflow: 'break' };
  }

  function barsOption(v, width) {
    const cats = v.categories.map(tr);
    const n = v.series.length;
    const series = v.series.map((s, i) => {
      // A series of a verdict (the shares of a claim's verdicts) takes the verdict's colour, as in the tables.
      const colour = (s.verdict && VERDICT_COLOURS[s.verdict]) || PALETTE[i % PALETTE.length];
      const points = [];
      s.value.forEach((val, c) => { if (val != null) points.push([c, val, s.lo[c], s.hi[c]]); });
      return {
        name: tr(s.name), type: 'custom', itemStyle: { color: colour },
        encode: { x: 0, y: [1, 2, 3] },
        data: points,
        // Bars of a category side by side, each with its interval as a whisker.
        renderItem: (params, api) => {
          const c = api.value(0);
          const band = api.size([1, 0])[0];
          const group = band * 0.7;
          const w = group / n;
          const x0 = api.coord([c, 0])[0] - group / 2 + w * i;
          const base = api.coord([c, 0])[1];
          const top = api.coord([c, api.value(1)])[1];
          const children = [{ type: 'rect', shape: { x: x0 + w * 0.08, y: Math.min(base, top), width: w * 0.84, height: Math.abs(base - top) },
                              style: { fill: colour } }];
          const lo = api.value(2), hi = api.value(3);
          if (lo != null && hi != null && isFinite(lo) && isFinite(hi)) {
            const xm = x0 + w / 2, a = api.coord([c, lo])[1], b = api.coord([c, hi])[1];
            const style = { stroke: '#333', lineWidth: 1.2 };
            children.push({ type: 'line', shape: { x1: xm, y1: a, x2: xm, y2: b }, style });
            children.push({ type: 'line', shape: { x1: xm - w * 0.2, y1: a, x2: xm + w * 0.2, y2: a }, style });
            children.push({ type: 'line', shape: { x1: xm - w * 0.2, y1: b, x2: xm + w * 0.2, y2: b }, style });
          }
          return { type: 'group', children };
        },
      };
    });
    return {
      color: PALETTE,
      legend: { data: v.series.map((s) => tr(s.name)), top: 0 },
      grid: { left: 70, right: 30, top: 60, bottom: 50, outerBoundsMode: 'auto', outerBoundsContain: 'all' },
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          if (!Array.isArray(p.value)) return '';
          const band = p.value[2] != null ? ` [${fmt(p.value[2])}, ${fmt(p.value[3])}]` : '';
          return `${cats[p.value[0]]}<br>${p.marker}${p.seriesName}: ${fmt(p.value[1])}${band}`;
        },
      },
      // The axis names go along the axes, not at their ends: a long one ("elementary effect (per unit
      // of the normalised factor)") centred over the value axis ran off the chart's left edge.
      xAxis: { type: 'category', data: cats, ...axisName(v.x_name), axisLabel: categoryLabels(cats, width) },
      yAxis: { type: 'value', name: tr(v.y_name), nameLocation: 'middle', nameGap: 50,
               min: zeroFloor(v.series.map((x) => x.value), v.series.map((x) => x.lo)) },
      series,
    };
  }

  /// Labelled points (the Morris mu*-sigma plane, src/report/CampaignReport.cpp): one point per item
  /// at (x, y) with its name beside it; x_lo and x_hi, when given, are x's interval for the tooltip.
  function scatterOption(v) {
    const series = v.series.map((s, i) => {
      const colour = PALETTE[i % PALETTE.length];
      const points = [];
      s.x.forEach((x, k) => { if (x != null && s.y[k] != null) points.push({ value: [x, s.y[k]], name: tr(s.labels[k]), k }); });
      return {
        name: tr(s.name), type: 'scatter', symbolSize: 9, itemStyle: { color: colour }, data: points,
        // Every point keeps its name: overlapping names are moved apart, not hidden.
        label: { show: true, position: 'right', formatter: (p) => p.name, fontSize: 11, color: '#333', width: 150, overflow: 'break' },
        labelLayout: { moveOverlap: 'shiftY' },
        labelLine: { show: true, lineStyle: { color: '#aaa' } },
        tooltip: {
          formatter: (p) => {
            const k = p.data.k;
            const band = s.x_lo && s.x_lo[k] != null ? ` [${fmt(s.x_lo[k])}, ${fmt(s.x_hi[k])}]` : '';
            const mu = s.mu && s.mu[k] != null ? `<br>μ ${fmt(s.mu[k])}` : '';
            return `${p.marker}${p.name}<br>${tr(v.x_name)}: ${fmt(p.value[0])}${band}<br>${tr(v.y_name)}: ${fmt(p.value[1])}${mu}`;
          },
        },
      };
    });
    return {
      color: PALETTE,
      legend: { data: series.map((s) => s.name), top: 0 },
      // Room on the right for the names of the most influential factors, which sit furthest right.
      grid: { left: 70, right: 170, top: 60, bottom: 60, outerBoundsMode: 'auto', outerBoundsContain: 'all' },
      tooltip: { trigger: 'item' },
      // Both quantities are at least 0, and the origin (no influence) is the reference point.
      xAxis: { type: 'value', ...axisName(v.x_name), min: 0 },
      yAxis: { type: 'value', name: tr(v.y_name), nameLocation: 'middle', nameGap: 50, min: 0 },
      series,
    };
  }

  // ---- small multiples: one panel (grid) per parameter, pair, statistic or quantity -------------
  // (the calibration's charts; src/report/CalibrationReport.cpp describes their data)

  // Per chart type: panels to a row, the height of a panel's plot and its left margin (percent of
  // the chart's width; the checks' rows carry long labels).
  const PANELS = {
    histograms: { columns: 2, plot: 170, margin: 7 },
    scatters: { columns: 3, plot: 250, margin: 7 },
    checks: { columns: 1, plot: 56, margin: 22 },
    'panel-lines': { columns: 2, plot: 240, margin: 7 },
  };
  const PANEL_TOP = 40;    // legend and toolbox
  const PANEL_TITLE = 26;  // a panel's title above its plot
  const PANEL_AXIS = 44;   // axis labels and name below it
  const EXPORT_TITLE = 24; // the saved figure's title shifts everything down by this much

  function panelColumns(type, n) { return Math.max(1, Math.min(PANELS[type].columns, n)); }

  function panelHeight(type, n) {
    const rows = Math.ceil(Math.max(1, n) / panelColumns(type, n));
    return PANEL_TOP + rows * (PANEL_TITLE + PANELS[type].plot + PANEL_AXIS) + EXPORT_TITLE;
  }

  /// The option's skeleton with every panel's grid and title, in rows of PANELS[type].columns; the
  /// builder adds the axes and series. `width` is the chart's in pixels (for the titles' length).
  function panelFrame(type, v, width, legend) {
    const n = v.panels.length;
    const columns = panelColumns(type, n);
    const cell = 100 / columns;
    const option = { color: PALETTE, legend: { data: legend, top: 0 }, tooltip: { trigger: 'item' },
                     grid: [], xAxis: [], yAxis: [], series: [], title: [] };
    v.panels.forEach((p, i) => {
      const c = i % columns, r = Math.floor(i / columns);
      const top = PANEL_TOP + r * (PANEL_TITLE + PANELS[type].plot + PANEL_AXIS) + PANEL_TITLE;
      option.grid.push({ left: `${c * cell + PANELS[type].margin}%`, width: `${cell - PANELS[type].margin - 3}%`,
                         top, height: PANELS[type].plot });
      option.title.push({ text: tr(p.title), left: `${c * cell + 1}%`, top: top - PANEL_TITLE + 4,
                          textStyle: { fontSize: 12, fontWeight: 600, width: (width * cell) / 100 - 16, overflow: 'truncate' } });
    });
    return option;
  }

  const valueAxis = (i, type, name, extra = {}) => ({ gridIndex: i, type, name: tr(name), nameLocation: 'middle', nameGap: 26,
                                                      axisLabel: { formatter: fmt, hideOverlap: true }, ...extra });

  function histogramsOption(v, width) {
    const names = Object.fromEntries(Object.entries(v.names).map(([k, x]) => [k, tr(x)]));
    const option = panelFrame('histograms', v, width, [names.posterior, names.prior, names.median, names.interval]);
    v.panels.forEach((p, i) => {
      const axes = { xAxisIndex: i, yAxisIndex: i };
      option.xAxis.push(valueAxis(i, p.log ? 'log' : 'value', p.x_name, { min: p.prior_low, max: p.prior_high }));
      option.yAxis.push(valueAxis(i, 'value', v.y_name, { min: 0, nameGap: 36 }));
      const b = p.bins;
      option.series.push({
        name: names.posterior, type: 'custom', ...axes, clip: true, itemStyle: { color: PALETTE[0] },
        encode: { x: [0, 1], y: 2 }, data: b.lo.map((lo, k) => [lo, b.hi[k], b.density[k], b.weight[k]]),
        renderItem: (params, api) => {
          const [x0, top] = api.coord([api.value(0), api.value(2)]);
          const [x1, base] = api.coord([api.value(1), 0]);
          return { type: 'rect', shape: { x: x0, y: top, width: x1 - x0, height: base - top }, style: { fill: PALETTE[0], opacity: 0.75, stroke: '#fff' } };
        },
        tooltip: { formatter: (q) => `${tr(p.title)}<br>[${fmt(q.value[0])}, ${fmt(q.value[1])}]: ${names.weight} ${fmt(q.value[3])}, ${tr(v.y_name)} ${fmt(q.value[2])}` },
      });
      option.series.push({ name: names.prior, type: 'line', ...axes, symbol: 'none', lineStyle: { type: 'dashed', color: '#555', width: 1.5 },
                           itemStyle: { color: '#555' }, data: [[p.prior_low, p.prior_density], [p.prior_high, p.prior_density]],
                           tooltip: { formatter: () => `${names.prior}: ${fmt(p.prior_low)} – ${fmt(p.prior_high)}, ${tr(v.y_name)} ${fmt(p.prior_density)}` } });
      // The interval as a band and the median as a line over the plot's whole height.
      const full = (params) => params.coordSys;
      if (p.lo90 != null && p.hi90 != null) {
        option.series.push({ name: names.interval, type: 'custom', ...axes, clip: true, itemStyle: { color: PALETTE[1], opacity: 0.25 }, encode: { x: [0, 1], y: 2 },
                             data: [[p.lo90, p.hi90, 0]], z: 1,
                             renderItem: (params, api) => {
                               const cs = full(params), a = api.coord([api.value(0), 0])[0], c = api.coord([api.value(1), 0])[0];
                               return { type: 'rect', shape: { x: a, y: cs.y, width: c - a, height: cs.height }, style: { fill: PALETTE[1], opacity: 0.15 } };
                             },
                             tooltip: { formatter: () => `${names.interval}: [${fmt(p.lo90)}, ${fmt(p.hi90)}]` } });
      }
      if (p.median != null) {
        option.series.push({ name: names.median, type: 'custom', ...axes, clip: true, itemStyle: { color: PALETTE[1] }, encode: { x: 0, y: 1 },
                             data: [[p.median, 0]],
                             renderItem: (params, api) => {
                               const cs = full(params), x = api.coord([api.value(0), 0])[0];
                               return { type: 'line', shape: { x1: x, y1: cs.y, x2: x, y2: cs.y + cs.height }, style: { stroke: PALETTE[1], lineWidth: 2 } };
                             },
                             tooltip: { formatter: () => `${names.median}: ${fmt(p.median)}` } });
      }
    });
    return option;
  }

  function scattersOption(v, width) {
    const option = panelFrame('scatters', v, width, []);
    v.panels.forEach((p, i) => {
      // The axes span the priors, as the marginals' do.
      option.xAxis.push(valueAxis(i, p.x_log ? 'log' : 'value', p.x_name, { min: p.x_prior[0], max: p.x_prior[1] }));
      option.yAxis.push(valueAxis(i, p.y_log ? 'log' : 'value', p.y_name, { min: p.y_prior[0], max: p.y_prior[1], nameGap: 40 }));
      option.series.push({
        name: tr(p.title), type: 'scatter', xAxisIndex: i, yAxisIndex: i, itemStyle: { color: PALETTE[0], opacity: 0.55 },
        data: p.x.map((x, k) => [x, p.y[k], p.weight[k]]),
        // The area of a point grows with the particle's weight (relative to the heaviest).
        symbolSize: (value) => 4 + 10 * Math.sqrt(value[2]),
        tooltip: { formatter: (q) => `${tr(p.x_name)} ${fmt(q.value[0])}<br>${tr(p.y_name)} ${fmt(q.value[1])}<br>${tr(v.weight_name)} ${fmt(q.value[2])}` },
      });
    });
    return option;
  }

  function checksOption(v, width) {
    const names = { observed: tr(v.observed_name), predictive: tr(v.predictive_name) };
    const option = panelFrame('checks', v, width, Object.values(names));
    v.panels.forEach((p, i) => {
      const rows = p.target ? [names.observed, names.predictive] : [names.predictive];
      option.xAxis.push(valueAxis(i, 'value', '', { scale: true }));
      option.yAxis.push({ gridIndex: i, type: 'category', data: rows, inverse: true, axisLabel: { fontSize: 11 } });
      const glyph = (colour) => (params, api) => intervalGlyph(api, api.value(3), api.coord([0, api.value(3)])[1], colour);
      const axes = { xAxisIndex: i, yAxisIndex: i, encode: { x: [0, 1, 2], y: 3 } };
      if (p.target) {
        option.series.push({ name: names.observed, type: 'custom', ...axes, itemStyle: { color: '#000' }, renderItem: glyph('#000'),
                             data: [[p.observed, p.observed - p.uncertainty, p.observed + p.uncertainty, 0]],
                             tooltip: { formatter: () => `${tr(p.title)}<br>${names.observed}: ${fmt(p.observed)} ± ${fmt(p.uncertainty)}` } });
      }
      option.series.push({ name: names.predictive, type: 'custom', ...axes, itemStyle: { color: PALETTE[0] }, renderItem: glyph(PALETTE[0]),
                           data: p.median == null ? [] : [[p.median, p.lo90, p.hi90, rows.length - 1]],
                           tooltip: { formatter: () => `${tr(p.title)}<br>${names.predictive}: ${fmt(p.median)} [${fmt(p.lo90)}, ${fmt(p.hi90)}]<br>${tr(v.defined_name)}: ${p.defined}` } });
    });
    return option;
  }

  function panelLinesOption(v, width) {
    const option = panelFrame('panel-lines', v, width, []);
    v.panels.forEach((p, i) => {
      option.xAxis.push(valueAxis(i, 'value', p.x_name, { minInterval: 1 }));
      option.yAxis.push(valueAxis(i, 'value', p.y_name, { nameGap: 40 }));
      option.series.push({ name: tr(p.title), type: 'line', xAxisIndex: i, yAxisIndex: i, symbol: 'circle', symbolSize: 7,
                           connectNulls: false, lineStyle: { color: PALETTE[i % PALETTE.length], width: 2 },
                           itemStyle: { color: PALETTE[i % PALETTE.length] }, data: p.x.map((x, k) => [x, p.y[k]]),
                           tooltip: { formatter: (q) => `${tr(p.x_name)} ${fmt(q.value[0])}: ${fmt(q.value[1])}` } });
    });
    return option;
  }

  /// Data points of a panel, for the "no data" notice and the browser test.
  const PANEL_POINTS = {
    histograms: (p) => p.bins.weight.filter((x) => x != null).length,
    scatters: (p) => p.x.filter((x) => x != null).length,
    checks: (p) => [p.observed, p.median].filter((x) => x != null).length,
    'panel-lines': (p) => p.y.filter((x) => x != null).length,
  };

  const BUILDERS = { lines: linesOption, forest: forestOption, bars: barsOption, scatter: scatterOption, histograms: histogramsOption,
                     scatters: scattersOption, checks: checksOption, 'panel-lines': panelLinesOption };

  /// The option of a chart's current variant; `forExport` leaves out the toolbox and animation.
  function optionOf(entry, forExport) {
    const v = entry.spec.variants[entry.variant];
    const option = BUILDERS[entry.spec.type](v, entry.instance.getWidth());
    option.animation = !forExport;
    option.backgroundColor = '#fff';
    const head = { show: !!forExport, text: `${tr(entry.spec.title)} — ${tr(v.label)}`, left: 'center', top: 0, textStyle: { fontSize: 14 } };
    // Small multiples bring a title per panel, after the figure's own.
    const panelTitles = option.title || [];
    option.title = [head, ...panelTitles];
    if (forExport) {
      option.legend.top = EXPORT_TITLE;
      for (const g of [].concat(option.grid)) g.top += EXPORT_TITLE;
      for (const t of panelTitles) t.top += EXPORT_TITLE;
    } else {
      option.toolbox = {
        right: 10, top: 0,
        feature: {
          saveAsImage: { title: ui('png'), name: fileName(entry), pixelRatio: 2, backgroundColor: '#fff' },
          mySaveSvg: { show: true, title: ui('svg'), icon: SVG_ICON, onclick: () => download(exportSvg(entry.spec.id), `${fileName(entry)}.svg`, 'image/svg+xml') },
        },
      };
    }
    if (pointCount(entry.spec.type, v) === 0) {
      option.graphic = { type: 'text', left: 'center', top: 'middle', style: { text: ui('noData'), fontSize: 16, fill: '#888' } };
    }
    return option;
  }

  function fileName(entry) { return `${data.kind}-${entry.spec.id}-${entry.variant + 1}`; }

  function pointCount(type, v) {
    const count = (xs) => xs.filter((x) => x != null).length;
    if (v.panels) return v.panels.reduce((a, p) => a + PANEL_POINTS[type](p), 0);
    if (type === 'lines') return v.curves.reduce((a, c) => a + count(c.y), 0);
    if (type === 'scatter') return v.series.reduce((a, s) => a + s.x.filter((x, k) => x != null && s.y[k] != null).length, 0);
    return v.series.reduce((a, s) => a + count(s.value), 0);
  }

  function seriesCount(type, v) { return v.panels ? v.panels.length : type === 'lines' ? v.curves.length : v.series.length; }

  // ---- saving ------------------------------------------------------------------------------------

  /// The chart as SVG text: the same option drawn again by ECharts' SVG renderer off screen, so the
  /// figure is vector graphics for papers, not a screenshot.
  function exportSvg(id) {
    const entry = entries.find((e) => e.spec.id === id);
    if (!entry || !entry.instance) throw new Error(`no chart ${id}`);
    const off = echarts.init(null, null, { renderer: 'svg', ssr: true, width: entry.instance.getWidth(), height: entry.instance.getHeight() });
    try {
      off.setOption(optionOf(entry, true));
      return off.renderToSVGString();
    } finally {
      off.dispose();
    }
  }

  function exportPng(id) {
    const entry = entries.find((e) => e.spec.id === id);
    if (!entry || !entry.instance) throw new Error(`no chart ${id}`);
    return entry.instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff', excludeComponents: ['toolbox'] });
  }

  function download(content, name, type) {
    const a = document.createElement('a');
    a.download = name;
    if (content.startsWith('data:')) {
      a.href = content;
    } else {
      a.href = URL.createObjectURL(new Blob([content], { type }));
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // ---- page --------------------------------------------------------------------------------------

  function buildTable(spec, container) {
    const table = el('table');
    const head = el('tr');
    spec.columns.forEach(() => head.appendChild(el('th')));
    table.appendChild(el('thead')).appendChild(head);
    const body = el('tbody');
    spec.rows.forEach((row) => {
      const tr_ = el('tr');
      row.forEach((cell) => {
        const td = el('td');
        if (cell && cell.verdict) td.className = `verdict-${cell.verdict.replace(/ /g, '-')}`;
        tr_.appendChild(td);
      });
      body.appendChild(tr_);
    });
    table.appendChild(body);
    container.appendChild(el('div', { class: 'table-wrap' })).appendChild(table);
  }

  function fillTable(entry) {
    const spec = entry.spec;
    entry.box.querySelectorAll('th').forEach((th, i) => { th.textContent = tr(spec.columns[i]); });
    entry.box.querySelectorAll('tbody tr').forEach((row, r) => {
      row.querySelectorAll('td').forEach((td, c) => {
        const cell = spec.rows[r][c];
        td.textContent = cell && cell.text ? tr(cell.text) : tr(cell);
      });
    });
  }

  function heightOf(spec) {
    if (PANELS[spec.type]) return panelHeight(spec.type, Math.max(0, ...spec.variants.map((v) => v.panels.length)));
    if (spec.type !== 'forest') return 420;
    const rows = Math.max(...spec.variants.map((v) => v.rows.length));
    const per = 14 + 8 * Math.max(...spec.variants.map((v) => v.series.length));
    return Math.max(260, 100 + rows * per);
  }

  function buildPage() {
    const main = document.getElementById('charts');
    for (const spec of data.charts) {
      // In the document before ECharts measures it: a detached element has no width.
      const section = main.appendChild(el('section', { class: 'chart', id: `chart-${spec.id}` }));
      const entry = { spec, variant: 0, section };
      section.appendChild(el('h2', { class: 'chart-title' }));
      const controls = section.appendChild(el('div', { class: 'controls' }));
      if (spec.type === 'table') {
        entry.box = section;
        buildTable(spec, section);
      } else {
        if (spec.variants.length > 1) {
          const label = controls.appendChild(el('label'));
          label.appendChild(el('span', { class: 'select-label' }));
          entry.select = label.appendChild(el('select', { 'data-chart': spec.id }));
          spec.variants.forEach((_, i) => entry.select.appendChild(el('option', { value: String(i) })));
          entry.select.addEventListener('change', () => { entry.variant = +entry.select.value; draw(entry); });
        }
        const save = controls.appendChild(el('span', { class: 'save' }));
        entry.pngButton = save.appendChild(el('button', { type: 'button', 'data-save': 'png' }));
        entry.svgButton = save.appendChild(el('button', { type: 'button', 'data-save': 'svg' }));
        entry.pngButton.addEventListener('click', () => download(exportPng(spec.id), `${fileName(entry)}.png`));
        entry.svgButton.addEventListener('click', () => download(exportSvg(spec.id), `${fileName(entry)}.svg`, 'image/svg+xml'));
        const plot = section.appendChild(el('div', { class: 'plot' }));
        plot.style.height = `${heightOf(spec)}px`;
        entry.instance = echarts.init(plot, null, { renderer: 'canvas' });
      }
      section.appendChild(el('p', { class: 'caption' }));
      entries.push(entry);
    }
    document.querySelectorAll('.lang-switch button').forEach((b) => b.addEventListener('click', () => setLang(b.dataset.lang)));
    window.addEventListener('resize', () => entries.forEach((e) => e.instance && e.instance.resize()));
  }

  function draw(entry) {
    try {
      entry.instance.setOption(optionOf(entry, false), true);
      entry.error = null;
    } catch (err) {
      entry.error = String(err && err.stack || err);
      errors.push(`${entry.spec.id}: ${entry.error}`);
      console.error(`chart ${entry.spec.id}:`, err);
    }
    publish();
  }

  function setTexts() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.documentElement.dataset.lang = state.lang;
    document.title = tr(data.title);
    document.getElementById('title').textContent = tr(data.title);
    document.getElementById('summary').textContent = tr(data.summary);
    const prov = document.getElementById('provenance');
    prov.textContent = '';
    for (const [key, value] of [['command', data.command], ['source', data.source], ['version', data.version]]) {
      if (!value) continue;
      prov.appendChild(el('dt', {}, ui(key)));
      prov.appendChild(el('dd', {}, value));
    }
    const notes = document.getElementById('notes');
    notes.textContent = '';
    (data.notes || []).forEach((n) => notes.appendChild(el('li', {}, tr(n))));
    document.getElementById('footer').textContent = ui('footer');
    document.querySelectorAll('.lang-switch button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === state.lang)));
    for (const entry of entries) {
      entry.section.querySelector('h2').textContent = tr(entry.spec.title);
      entry.section.querySelector('.caption').textContent = tr(entry.spec.caption);
      if (entry.spec.type === 'table') {
        fillTable(entry);
        continue;
      }
      if (entry.select) {
        entry.section.querySelector('.select-label').textContent = ui('select');
        entry.select.querySelectorAll('option').forEach((o, i) => { o.textContent = tr(entry.spec.variants[i].label); });
      }
      entry.pngButton.textContent = ui('png');
      entry.svgButton.textContent = ui('svg');
    }
  }

  function setLang(lang) {
    if (lang !== 'zh' && lang !== 'en') throw new Error(`unknown language ${lang}`);
    state.lang = lang;
    setTexts();
    entries.forEach((e) => e.instance && draw(e));
    publish();
  }

  function selectVariant(id, index) {
    const entry = entries.find((e) => e.spec.id === id);
    if (!entry || !entry.select || index < 0 || index >= entry.spec.variants.length) throw new Error(`no variant ${index} of ${id}`);
    entry.variant = index;
    entry.select.value = String(index);
    draw(entry);
  }

  /// What the browser test reads: per chart its type, variant, series and data points as drawn.
  function publish() {
    // The drawn extent of a chart's first value axis, for the tests (null for panels and categories).
    // publish() also runs before every chart has been drawn, when a chart has no model yet: then the
    // error's text, which the last publish() replaces.
    const valueExtent = (instance, which) => {
      try {
        const axis = instance.getModel().getComponent(which, 0);
        return axis && axis.axis && axis.axis.type === 'value' ? axis.axis.scale.getExtent() : null;
      } catch (err) {
        return String(err);
      }
    };
    window.__report = {
      ready: true,
      kind: data.kind,
      lang: state.lang,
      errors: errors.slice(),
      charts: entries.map((e) => {
        if (e.spec.type === 'table') return { id: e.spec.id, type: 'table', rows: e.spec.rows.length, columns: e.spec.columns.length };
        const v = e.spec.variants[e.variant];
        const drawn = e.instance.getOption();
        return {
          id: e.spec.id, type: e.spec.type, variant: e.variant, variants: e.spec.variants.length,
          series: seriesCount(e.spec.type, v), points: pointCount(e.spec.type, v),
          drawnSeries: drawn && drawn.series ? drawn.series.length : 0, error: e.error || null,
          legend: drawn && drawn.legend && drawn.legend[0] ? drawn.legend[0].type || 'plain' : null,
          yExtent: valueExtent(e.instance, 'yAxis'),
        };
      }),
      setLang, selectVariant, exportSvg, exportPng,
    };
  }

  buildPage();
  setTexts();
  entries.forEach((e) => e.instance && draw(e));
  publish();
})();
