// The reports dashboard (/reports): reads the reports API (/api/reports/*) with the browser's login (the webapps'
// session or HTTP Basic), draws its figures with Apache ECharts, and offers each chart's data as CSV. Texts come
// from /reports/texts in the centre's working language. No inline script: the page's CSP forbids it.
(function () {
  'use strict';

  const KPIS = ['firstReplyWithinLimit', 'fullProcessTimeliness', 'firstContactResolution', 'workOrderTimeliness',
    'satisfactionRate', 'escalatedComplaintRate', 'complaintsPerMillionCustomers'];
  const TIERS = ['vip', 'premium', 'standard'];
  const form = document.getElementById('filters');
  const charts = {};
  // the rows behind each chart and the KPI table, as offered for download: {columns, rows}
  const tables = {};
  let texts = {};
  // today in the centre's time zone (the reports' days are the centre's), from the server
  let today = new Date();

  const t = (key, fallback) => texts[key] ?? fallback ?? key;

  function iso(d) {
    return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  }

  function preset(name) {
    const y = today.getFullYear();
    const m = today.getMonth();
    switch (name) {
      case 'last-month': return [new Date(y, m - 1, 1), new Date(y, m, 0)];
      case 'last-90': return [new Date(y, m, today.getDate() - 89), today];
      case 'this-year': return [new Date(y, 0, 1), today];
      default: return [new Date(y, m, 1), today];
    }
  }

  function criteria(withPeriod) {
    const q = new URLSearchParams();
    const data = new FormData(form);
    const keys = (withPeriod ? ['from', 'to'] : []).concat(['channel', 'category', 'severity', 'tier']);
    for (const k of keys) {
      const v = (data.get(k) || '').toString().trim();
      if (v) q.set(k, v);
    }
    return q;
  }

  async function get(path, query) {
    const response = await fetch(path + '?' + query.toString(), {
      credentials: 'same-origin', headers: { Accept: 'application/json' },
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const fields = body && body.errors ? ': ' + body.errors.map(e => e.field + ' ' + e.message).join('; ') : '';
      throw new Error((body && (body.detail || body.title)) || response.status + fields);
    }
    return body;
  }

  function percent(v) {
    return v === null || v === undefined ? '–' : (Number(v) * 100).toFixed(1) + ' %';
  }

  function shown(kpi, v) {
    if (v === null || v === undefined) return '–';
    return kpi === 'complaintsPerMillionCustomers' ? Number(v).toFixed(2) : percent(v);
  }

  function cell(tr, text, className, value) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    if (value !== undefined) td.dataset.value = value === null ? '' : String(value);
    tr.appendChild(td);
    return td;
  }

  function status(k) {
    if (k.met === true) return [t('met', 'met'), 'met'];
    if (k.met === false) return [t('missed', 'missed'), 'missed'];
    return [t('no-target', '–'), 'none'];
  }

  function kpiRow(body, name, key, k, tier) {
    const tr = document.createElement('tr');
    tr.dataset.kpi = key;
    if (tier) {
      tr.dataset.tier = tier;
      tr.className = 'tier';
    }
    cell(tr, name);
    // data-value: the figure as the API gave it (empty: none), for whoever checks the table against the API
    cell(tr, k.numerator ?? '–', 'number numerator', k.numerator ?? null);
    cell(tr, k.denominator ?? '–', 'number denominator', k.denominator ?? null);
    cell(tr, shown(key, k.value), 'number value', k.value ?? null);
    cell(tr, shown(key, k.target), 'number target', k.target ?? null);
    const [label, cls] = status(k);
    cell(tr, label, 'status ' + cls, k.met ?? null);
    body.appendChild(tr);
    tables.kpis.rows.push([name, k.numerator, k.denominator, k.value, k.target,
      k.met === null || k.met === undefined ? '' : label]);
  }

  function drawKpis(summary) {
    const body = document.querySelector('#kpis tbody');
    body.replaceChildren();
    tables.kpis = { columns: [t('kpi'), t('numerator'), t('denominator'), t('value'), t('target'), t('status')], rows: [] };
    for (const key of KPIS) {
      const k = summary.kpis && summary.kpis[key];
      if (!k) continue;
      kpiRow(body, t('kpi.' + key, key), key, k);
      for (const tier of TIERS) {
        const byTier = k.byTier && k.byTier[tier];
        if (byTier) kpiRow(body, t('tier.' + tier, tier), key, byTier, tier);
      }
    }
    const totals = document.getElementById('totals');
    totals.replaceChildren();
    for (const key of ['received', 'closed', 'open', 'overdue', 'reopened']) {
      if (summary[key] === undefined) continue;
      const box = document.createElement('div');
      box.className = 'total';
      box.dataset.total = key;
      const figure = document.createElement('div');
      figure.className = 'figure';
      figure.textContent = summary[key];
      const name = document.createElement('div');
      name.className = 'name';
      name.textContent = t('total.' + key, key);
      box.append(figure, name);
      totals.appendChild(box);
    }
    const list = document.getElementById('categories');
    list.replaceChildren(...(summary.byCategory || []).filter(c => c.key).map(c => {
      const o = document.createElement('option');
      o.value = c.key;
      return o;
    }));
  }

  function chart(id, option) {
    const element = document.getElementById('chart-' + id);
    if (!charts[id]) charts[id] = echarts.init(element, null, { renderer: 'canvas' });
    charts[id].setOption(Object.assign({ tooltip: { trigger: 'axis' }, grid: { containLabel: true, left: 8, right: 16 } },
      option), true);
    element.dataset.rows = String(tables[id].rows.length);
  }

  function bars(id, categories, series, horizontal) {
    const category = { type: 'category', data: categories, axisLabel: { interval: 0, hideOverlap: true } };
    const value = { type: 'value', minInterval: 1 };
    chart(id, {
      legend: series.length > 1 ? {} : undefined,
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? Object.assign({}, category, { inverse: true }) : value,
      series: series.map(s => ({ type: 'bar', name: s.name, data: s.data, stack: s.stack })),
    });
  }

  function drawTrends(trends) {
    const points = trends.points || [];
    tables.trends = {
      columns: [t('start'), t('end'), t('total.received'), t('total.closed')].concat(KPIS.map(k => t('kpi.' + k, k))),
      rows: points.map(p => [p.start, p.end, p.received, p.closed].concat(KPIS.map(k => (p.kpis || {})[k] ?? ''))),
    };
    chart('trends', {
      legend: {},
      xAxis: { type: 'category', data: points.map(p => p.start) },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } }],
      series: [
        { type: 'bar', name: t('total.received'), data: points.map(p => p.received) },
        { type: 'bar', name: t('total.closed'), data: points.map(p => p.closed) },
      ].concat(['fullProcessTimeliness', 'satisfactionRate'].map(k => ({
        type: 'line', yAxisIndex: 1, name: t('kpi.' + k, k), connectNulls: true,
        data: points.map(p => {
          const v = (p.kpis || {})[k];
          return v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 10;
        }),
      }))),
    });
  }

  function drawRootCauses(causes) {
    const top = causes.top || [];
    tables.rootCauses = { columns: [t('root-cause'), t('cases')], rows: top.map(c => [c.label || c.category, c.count]) };
    bars('rootCauses', top.map(c => c.label || c.category), [{ name: t('cases'), data: top.map(c => c.count) }], true);
  }

  function drawOpen(open) {
    const age = Object.entries(open.byAge || {});
    tables.openByAge = { columns: [t('age'), t('cases')], rows: age.map(([k, v]) => [t('age.' + k, k), v]) };
    bars('openByAge', age.map(([k]) => t('age.' + k, k)), [{ name: t('cases'), data: age.map(([, v]) => v) }]);
    const stage = Object.entries(open.byStage || {});
    tables.openByStage = { columns: [t('stage'), t('cases')], rows: stage.map(([k, v]) => [t('stage.' + k, k), v]) };
    bars('openByStage', stage.map(([k]) => t('stage.' + k, k)), [{ name: t('cases'), data: stage.map(([, v]) => v) }],
      true);
  }

  function drawWorkload(report) {
    const handlers = report.handlers || [];
    const name = h => h.handler || t('unassigned');
    tables.workload = {
      columns: [t('handler'), t('team'), t('open'), t('overdue'), t('closed')],
      rows: handlers.map(h => [name(h), h.team ?? '', h.open, h.overdue, h.closed]),
    };
    bars('workload', handlers.map(name), [
      { name: t('open'), data: handlers.map(h => h.open - h.overdue), stack: 'open' },
      { name: t('overdue'), data: handlers.map(h => h.overdue), stack: 'open' },
      { name: t('closed'), data: handlers.map(h => h.closed) },
    ], true);
  }

  // a cell a spreadsheet would evaluate (= + - @, tab, carriage return) gets a leading apostrophe
  function csvCell(v) {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function download(id) {
    const table = tables[id];
    if (!table) return;
    const lines = [table.columns].concat(table.rows).map(r => r.map(csvCell).join(','));
    const blob = new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    const q = criteria(true);
    a.download = id + '-' + (q.get('from') || '') + '-' + (q.get('to') || '') + '.csv';
    document.body.appendChild(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }

  async function load() {
    const error = document.getElementById('error');
    error.hidden = true;
    document.body.dataset.state = 'loading';
    const withPeriod = criteria(true);
    const trendQuery = criteria(true);
    trendQuery.set('period', document.getElementById('trend-period').value);
    try {
      const [summary, trends, causes, open, workload] = await Promise.all([
        get('api/reports/kpis', withPeriod), get('api/reports/trends', trendQuery),
        get('api/reports/root-causes', withPeriod), get('api/reports/open-cases', criteria(false)),
        get('api/reports/workload', withPeriod)]);
      drawKpis(summary);
      drawTrends(trends);
      drawRootCauses(causes);
      drawOpen(open);
      drawWorkload(workload);
      document.body.dataset.state = 'loaded';
    } catch (e) {
      error.textContent = t('error', 'The figures could not be loaded') + ': ' + e.message;
      error.hidden = false;
      document.body.dataset.state = 'error';
    }
  }

  function applyPreset() {
    const choice = form.elements.preset.value;
    if (choice === 'custom') return;
    const [from, to] = preset(choice);
    form.elements.from.value = iso(from);
    form.elements.to.value = iso(to);
  }

  async function start() {
    const r = await fetch('reports/texts', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const page = await r.json();
    texts = page.texts || {};
    if (/^\d{4}-\d\d-\d\d$/.test(page.today || '')) {
      const [y, m, d] = page.today.split('-').map(Number);
      today = new Date(y, m - 1, d);
    }
    document.querySelectorAll('[data-text]').forEach(e => {
      e.textContent = t(e.dataset.text);
    });
    applyPreset();
    form.elements.preset.addEventListener('change', () => {
      applyPreset();
      load();
    });
    for (const name of ['from', 'to']) {
      form.elements[name].addEventListener('change', () => {
        form.elements.preset.value = 'custom';
      });
    }
    form.addEventListener('submit', e => {
      e.preventDefault();
      load();
    });
    document.getElementById('trend-period').addEventListener('change', load);
    document.querySelectorAll('button.csv').forEach(b => b.addEventListener('click', () => download(b.dataset.csv)));
    window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
    await load();
  }

  start();
}());
