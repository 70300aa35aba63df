// The command centre's charts and live updates. No inline script: the page passes each chart's numbers in a
// <script type="application/json" id="chart-data-{id}"> beside the table of the same numbers, and this file draws
// them with ECharts (SVG renderer, Chinese locale, no animation). Server-sent events from api/overview/stream say
// when the numbers changed; the page then fetches itself again and swaps its numbers in, without a reload.
(function () {
  'use strict';

  var palette = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#6d4c41', '#37474f'];

  function option(spec, big) {
    var font = big ? 20 : 12;
    var base = {
      animation: false,
      color: palette,
      textStyle: { fontSize: font },
      tooltip: { trigger: spec.kind === 'pie' || spec.kind === 'funnel' ? 'item' : 'axis' },
    };
    var series0 = spec.series[0] || { name: '', data: [] };
    switch (spec.kind) {
      case 'pie':
        return Object.assign(base, {
          legend: { bottom: 0 },
          series: [{ type: 'pie', name: series0.name, radius: ['35%', '65%'], label: { formatter: '{b}: {c}', fontSize: font },
            data: spec.categories.map(function (c, i) { return { name: c, value: series0.data[i] }; }) }],
        });
      case 'funnel':
        return Object.assign(base, {
          series: [{ type: 'funnel', name: series0.name, sort: 'none', minSize: '10%', label: { formatter: '{b}: {c}', fontSize: font },
            data: spec.categories.map(function (c, i) { return { name: c, value: series0.data[i] }; }) }],
        });
      case 'hbar':
        return Object.assign(base, {
          grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: 'value', max: 100 },
          yAxis: { type: 'category', data: spec.categories, inverse: true },
          series: [{ type: 'bar', name: series0.name, data: series0.data, label: { show: true, position: 'right', fontSize: font } }],
        });
      case 'line':
        return Object.assign(base, {
          legend: { top: 0 },
          grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
          xAxis: { type: 'category', data: spec.categories },
          yAxis: { type: 'value', minInterval: 1 },
          series: spec.series.map(function (s) { return { type: 'line', name: s.name, data: s.data, label: { show: true, fontSize: font } }; }),
        });
      case 'heatmap': {
        var rows = spec.rows || [];
        var cells = [];
        var max = 1;
        spec.series.forEach(function (s, y) {
          s.data.forEach(function (v, x) { cells.push([x, y, v]); if (v > max) { max = v; } });
        });
        return Object.assign(base, {
          tooltip: { position: 'top' },
          grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
          xAxis: { type: 'category', data: spec.categories },
          yAxis: { type: 'category', data: rows },
          visualMap: { min: 0, max: max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#fff3e0', '#b71c1c'] } },
          series: [{ type: 'heatmap', name: spec.title, data: cells, label: { show: true, fontSize: font } }],
        });
      }
      case 'stack':
      case 'bar':
      default:
        return Object.assign(base, {
          legend: spec.series.length > 1 ? { top: 0 } : undefined,
          grid: { left: 8, right: 16, top: spec.series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
          xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 6 ? 30 : 0 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: spec.series.map(function (s) { return { type: 'bar', name: s.name, data: s.data, label: { show: true, position: 'top', fontSize: font } }; }),
        });
    }
  }

  function drawCharts(root) {
    if (!window.echarts) { return; }
    var big = !!document.querySelector('[data-big-screen]');
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      var data = document.getElementById('chart-data-' + el.getAttribute('data-chart'));
      if (!data) { return; }
      var spec = JSON.parse(data.textContent);
      var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: 'svg', locale: 'ZH' });
      chart.setOption(option(spec, big), true);
      el.setAttribute('data-drawn', spec.kind);
    });
  }

  function disposeCharts(root) {
    if (!window.echarts) { return; }
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) { chart.dispose(); }
    });
  }

  var refreshing = false;
  var pending = false;

  // Fetches this page again and swaps in the part the stream's update concerns; the scroll position and the page stay.
  function refresh(root, version) {
    if (refreshing) { pending = true; return; }
    var current = root.querySelector('[data-version]');
    if (current && version !== undefined && String(version) === current.getAttribute('data-version')) { return; }
    refreshing = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-overview-root]');
        if (!fresh) { return; }
        disposeCharts(root);
        root.innerHTML = fresh.innerHTML;
        drawCharts(root);
        cycleTownships();
        root.setAttribute('data-refreshed', String(Date.now()));
      })
      .catch(function () { /* the next update tries again */ })
      .finally(function () {
        refreshing = false;
        if (pending) { pending = false; refresh(root); }
      });
  }

  function live(root) {
    var url = root.getAttribute('data-stream');
    if (!url || !window.EventSource) { return; }
    var source = new EventSource(url, { withCredentials: true });
    var status = function (text) {
      var el = root.querySelector('[data-live-status]');
      if (el) { el.textContent = text; }
    };
    source.addEventListener('overview', function (e) {
      var version;
      try { version = JSON.parse(e.data).version; } catch (_) { version = undefined; }
      refresh(root, version);
      status(' · 实时');
    });
    source.addEventListener('heartbeat', function () {
      root.setAttribute('data-heartbeat', String(Date.now()));
      status(' · 实时');
    });
    source.onerror = function () { status(' · 重新连接中…'); };
  }

  var cycleTimer = null;

  // 大屏: one township's panel at a time, the next every few seconds.
  function cycleTownships() {
    var zone = document.querySelector('[data-big-screen]');
    if (!zone) { return; }
    var panels = Array.prototype.slice.call(zone.querySelectorAll('.township-panel'));
    if (panels.length === 0) { return; }
    var seconds = parseInt(zone.getAttribute('data-cycle-seconds'), 10) || 15;
    var index = parseInt(zone.getAttribute('data-cycle-index'), 10) || 0;
    var show = function () {
      panels.forEach(function (p, i) { p.hidden = i !== index % panels.length; });
      zone.setAttribute('data-cycle-index', String(index % panels.length));
    };
    show();
    if (cycleTimer) { clearInterval(cycleTimer); }
    cycleTimer = setInterval(function () { index++; show(); }, seconds * 1000);
  }

  function start() {
    var root = document.querySelector('[data-overview-root]');
    document.querySelectorAll('[data-fullscreen]').forEach(function (button) {
      button.addEventListener('click', function () {
        if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
      });
    });
    if (!root) { return; }
    drawCharts(root);
    cycleTownships();
    live(root);
    window.addEventListener('resize', function () {
      if (!window.echarts) { return; }
      root.querySelectorAll('[data-chart]').forEach(function (el) {
        var chart = window.echarts.getInstanceByDom(el);
        if (chart) { chart.resize(); }
      });
    });
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
