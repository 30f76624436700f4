// The readiness dashboard's charts: Chart.js, exposed as window.Chart for the page's own script
// (the page renders its figures server-side and hands them to the charts as JSON).
import Chart from 'chart.js/auto';

window.Chart = Chart;
