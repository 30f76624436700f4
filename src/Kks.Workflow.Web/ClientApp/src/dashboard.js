// The readiness dashboard's charts: Chart.js, exposed as window.Chart, and drawn here from the numbers the page
// renders server-side (script#dasbor-data; the same numbers are in the page's tables for screen readers).
// Also the verification pack's progress: the download is a plain link; while it runs, the page polls its progress.
import Chart from 'chart.js/auto';

window.Chart = Chart;

const colours = { approved: '#2e7d32', score: '#1565c0', open: '#c62828', ideal: '#9e9e9e', odf: '#6a1b9a', line: '#ef6c00' };

function readJson(id) {
  const element = document.getElementById(id);
  if (!element) return null;
  try { return JSON.parse(element.textContent); } catch { return null; }
}

function percentAxis() {
  return { beginAtZero: true, max: 100, ticks: { callback: (v) => v + '%' } };
}

function bars(canvas, labels, texts, approved, score, horizontal) {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: texts.approved, data: approved, backgroundColor: colours.approved },
        { label: texts.score, data: score, backgroundColor: colours.score }
      ]
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: horizontal ? { x: percentAxis() } : { y: percentAxis() },
      plugins: { legend: { position: 'bottom' } }
    }
  });
}

function drawCharts() {
  const data = readJson('dasbor-data');
  const texts = readJson('dasbor-texts');
  if (!data || !texts || !data.tatanan) return;
  const drawn = [];
  const tatanan = document.getElementById('chart-tatanan');
  if (tatanan) {
    drawn.push(bars(tatanan, data.tatanan.map((t) => t.label), texts, data.tatanan.map((t) => t.approved), data.tatanan.map((t) => t.score), false));
  }
  const opd = document.getElementById('chart-opd');
  if (opd) {
    drawn.push(bars(opd, data.opds.map((o) => o.label), texts, data.opds.map((o) => o.approved), data.opds.map((o) => o.score), true));
  }
  const odf = document.getElementById('chart-odf');
  if (odf && data.odf) {
    const levels = data.odf.thresholds || [];
    drawn.push(new Chart(odf, {
      type: 'bar',
      data: {
        labels: [texts.odf, ...levels.map((l) => l.level)],
        datasets: [{
          label: texts.odf,
          data: [data.odf.value ?? 0, ...levels.map((l) => l.odf)],
          backgroundColor: [colours.odf, ...levels.map(() => colours.ideal)]
        }]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: percentAxis() }, plugins: { legend: { display: false } } }
    }));
  }
  const burn = document.getElementById('chart-burndown');
  if (burn && data.burnDown) {
    drawn.push(new Chart(burn, {
      type: 'line',
      data: {
        labels: data.burnDown.map((b) => b.daysLeft),
        datasets: [
          { label: texts.open, data: data.burnDown.map((b) => b.open), borderColor: colours.open, backgroundColor: colours.open, pointRadius: 0 },
          { label: texts.ideal, data: data.burnDown.map((b) => b.ideal), borderColor: colours.ideal, borderDash: [6, 4], pointRadius: 0 }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { title: { display: true, text: texts.daysLeft } }, y: { beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } }
      }
    }));
  }
  document.body.dataset.chartsDrawn = String(drawn.length);
}

function watchPack() {
  const link = document.getElementById('pack-link');
  const box = document.getElementById('pack-progress');
  if (!link || !box) return;
  link.addEventListener('click', () => {
    const token = Math.random().toString(36).slice(2) + Date.now().toString(36);
    const base = link.getAttribute('href').split('?')[0];
    link.setAttribute('href', base + '?progres=' + token);
    const bar = document.getElementById('pack-bar');
    const status = document.getElementById('pack-status');
    box.hidden = false;
    bar.value = 0;
    const poll = async () => {
      try {
        const response = await fetch(base + '/progres/' + token, { credentials: 'same-origin' });
        const p = await response.json();
        const share = p.totalBytes > 0 ? Math.round(100 * p.bytes / p.totalBytes) : (p.done ? 100 : 0);
        bar.value = share;
        status.textContent = p.done ? status.dataset.done : status.dataset.files.replace('{0}', p.files).replace('{1}', p.totalFiles);
        if (!p.done && !p.error) setTimeout(poll, 1000);
      } catch {
        setTimeout(poll, 2000);
      }
    };
    setTimeout(poll, 500);
  });
}

document.addEventListener('DOMContentLoaded', () => {
  drawCharts();
  watchPack();
});
